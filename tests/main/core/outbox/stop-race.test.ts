// "A command queued while the send loop winds down": the loop has written its last answer down and
// is on its way to stopping (its last fill finds nothing, it decides the window has settled) when a
// newly saved command lands in the queue and kicks the sender. If the loop decides to stop without
// looking at the queue again, or says it has stopped a turn later than it decides to, that kick
// wakes a loop that is gone and the command sits queued until some other kick (the next command,
// a reconnect) — with the hall's last command of a quiet spell, possibly for good.
//
// Deterministic, no sleeps: the store's write of the new command is held and released at every
// microtask offset 0..SWEEP after the last answer was written, one run per offset, so the kick
// lands on every step of the wind-down in turn. The test also checks the sweep reached inside the
// window (some kicks found the loop still running) and beyond it (some found the sender idle).
import { afterEach, beforeEach, expect, it } from 'vitest'
import { join } from 'node:path'
import type { RequestOutcome } from '../../../../src-main/core/hub-link'
import { openCache } from '../../../../src-main/core/open-cache'
import { Outbox, type CommandChannel, type SenderStep } from '../../../../src-main/core/outbox'
import type { ApplyResult, Store } from '../../../../src-main/core/store'
import type { Command } from '../../../../src-shared/protocol'
import { makeIncident } from '../../../fixtures/entities'
import { makeTempDir } from '../temp-dir'

/** Microtask offsets tried; the wind-down takes about a dozen, so this reaches well past it. */
const SWEEP = 60

type Deferred = { promise: Promise<void>; resolve: () => void }
function deferred(): Deferred {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

/** A hub that answers every command ok at once, and remembers what it was sent. */
class OkChannel implements CommandChannel {
  isOnline = true
  scopeSet: ReadonlySet<string> | null = new Set(['110101006'])
  sent: string[] = []
  private seq = 100

  request(_event: string, payload: unknown): Promise<RequestOutcome> {
    const cmd = payload as Command
    const id = cmd.incidentId ?? 'new'
    this.sent.push(id)
    this.seq += 1
    const entity = makeIncident({ id, version: (cmd.expectedVersion ?? 1) + 1, seq: this.seq, status: 'accepted' })
    return Promise.resolve({ kind: 'answer', value: { ok: true, seq: this.seq, entity }, rttMs: 1 })
  }

  noteApplied(_result: ApplyResult): void {}
}

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let outbox: Outbox | null = null

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
})
afterEach(async () => {
  await outbox?.close()
  await store.close().catch(() => undefined)
  tmp.remove()
})

/** Lets every pending continuation run (a macrotask turn comes after all microtasks). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

it('a command queued at any step of the send loop winding down is still sent', async () => {
  const channel = new OkChannel()
  // The command whose saving is held (B), the gate that releases it, and the signal that the last
  // answer before it (A's) has been written down.
  let held: { incidentId: string; gate: Deferred } | null = null
  let answerWritten: Deferred | null = null
  const add = store.addOutbox.bind(store)
  store.addOutbox = async (command, queuedAt) => {
    const row = await add(command, queuedAt)
    if (held !== null && command.incidentId === held.incidentId) await held.gate.promise
    return row
  }
  const complete = store.completeCommands.bind(store)
  store.completeCommands = async (items) => {
    const results = await complete(items)
    answerWritten?.resolve()
    return results
  }
  // Where B's kick found the sender: 'sending' = the loop had not yet stopped.
  let released = false
  const kickFound: string[] = []
  outbox = new Outbox({
    store,
    channel,
    log: () => undefined,
    now: () => Date.parse('2026-11-22T02:00:00.000Z'),
    onChange: () => undefined,
    timing: { ackTimeoutMs: 60_000, retryBaseMs: 60_000, retryMaxMs: 60_000, maxInFlight: 32 },
    onTransition: (step: SenderStep) => {
      if (released && step.event === 'kick') {
        kickFound.push(step.from)
        released = false
      }
    }
  })
  await outbox.load()

  const missed: number[] = []
  for (let offset = 0; offset <= SWEEP; offset++) {
    const a = `inc-a${offset}`
    const b = `inc-b${offset}`
    held = { incidentId: b, gate: deferred() }
    answerWritten = deferred()
    // B is saved first but held before it reaches the queue; A goes, is answered and written down.
    const queuedB = outbox.enqueue({ type: 'accept', incidentId: b, expectedVersion: 1, payload: {} })
    expect((await outbox.enqueue({ type: 'accept', incidentId: a, expectedVersion: 1, payload: {} })).ok).toBe(true)
    await answerWritten.promise
    // The loop is now winding down: release B `offset` microtasks later.
    for (let i = 0; i < offset; i++) await Promise.resolve()
    released = true
    held.gate.resolve()
    expect((await queuedB).ok).toBe(true)
    // Nothing else kicks the sender from here: B must go on the strength of its own kick.
    await settle()
    await outbox.idle()
    await settle()
    await outbox.idle()
    if (!channel.sent.includes(b)) missed.push(offset)
    held = null
  }
  expect(missed).toEqual([])
  // The sweep covered the window: some kicks came while the loop still ran, some after it stopped.
  expect(kickFound).toContain('sending')
  expect(kickFound).toContain('idle')
  expect(outbox.list()).toEqual([])
})
