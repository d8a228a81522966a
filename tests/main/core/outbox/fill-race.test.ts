// The race fixed in 096454c, reproduced deterministically: a fill started by an ok answer is
// still rebasing its next command when a transient failure halts the sender and the send loop
// winds down. Before 096454c that fill then sent the command and nobody wrote its ok answer down
// (red with the fix reverted); with the fix a new loop wrote it down; with the sender as a state
// machine (src-main/core/outbox/sender-machine.ts) the fill sees the halt and sends nothing until
// the backoff. Either way: no ok answer is left unwritten. No sleeps: the store's writes and the
// hub's answers are held at chosen points and released in a chosen order.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { join } from 'node:path'
import type { RequestOutcome } from '../../../../src-main/core/hub-link'
import { openCache } from '../../../../src-main/core/open-cache'
import { Outbox, type CommandChannel } from '../../../../src-main/core/outbox'
import type { ApplyResult, Store } from '../../../../src-main/core/store'
import type { Command } from '../../../../src-shared/protocol'
import { makeIncident } from '../../../fixtures/entities'
import { makeTempDir } from '../temp-dir'

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void }
function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** A hub whose answers the test hands out one by one. */
class HeldChannel implements CommandChannel {
  isOnline = true
  scopeSet: ReadonlySet<string> | null = new Set(['110101006'])
  applied: ApplyResult[] = []
  sentKeys: string[] = []
  answeredOk = new Set<string>()
  private readonly answers = new Map<string, Deferred<RequestOutcome>>()
  private readonly sentSignals = new Map<string, Deferred<void>>()

  private slot<T>(map: Map<string, Deferred<T>>, key: string): Deferred<T> {
    let d = map.get(key)
    if (d === undefined) map.set(key, (d = deferred<T>()))
    return d
  }

  /** Resolves once the command for `incidentId` with this expected version has been sent. */
  sent(key: string): Promise<void> {
    return this.slot(this.sentSignals, key).promise
  }

  answer(key: string, outcome: RequestOutcome): void {
    if (outcome.kind === 'answer') this.answeredOk.add(key)
    this.slot(this.answers, key).resolve(outcome)
  }

  request(_event: string, payload: unknown): Promise<RequestOutcome> {
    const cmd = payload as Command
    const key = `${cmd.incidentId}@${cmd.expectedVersion}`
    this.sentKeys.push(key)
    this.slot(this.sentSignals, key).resolve()
    return this.slot(this.answers, key).promise
  }

  noteApplied(result: ApplyResult): void {
    this.applied.push(result)
  }
}

const okAnswer = (id: string, version: number, seq: number): RequestOutcome => ({
  kind: 'answer',
  value: { ok: true, seq, entity: makeIncident({ id, version, seq, status: 'accepted' }) },
  rttMs: 1
})

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

it('a flight added by a fill after the send loop has wound down is still written down', async () => {
  const channel = new HeldChannel()
  // Hold two outbox writes: C's return to the queue after its timeout, and A2's rebase.
  const settleC = { reached: deferred(), release: deferred() }
  const rebaseA2 = { reached: deferred(), release: deferred(), written: deferred() }
  const update = store.updateOutbox.bind(store)
  store.updateOutbox = async (commandId, patch) => {
    const entry = (await store.listOutbox()).find((e) => e.command.commandId === commandId)
    const key = `${entry?.command.incidentId}@${entry?.command.expectedVersion}`
    if (key === 'inc-c@1' && patch.state === 'queued') {
      settleC.reached.resolve()
      await settleC.release.promise
    } else if (key === 'inc-a@1' && patch.command !== undefined) {
      rebaseA2.reached.resolve()
      await rebaseA2.release.promise
      await update(commandId, patch)
      rebaseA2.written.resolve()
      return
    }
    return update(commandId, patch)
  }
  outbox = new Outbox({
    store,
    channel,
    log: () => undefined,
    now: () => Date.parse('2026-11-22T02:00:00.000Z'),
    onChange: () => undefined,
    // The retry after the timeout must not fire during the test: only the fix may write A2 down.
    timing: { ackTimeoutMs: 60_000, retryBaseMs: 60_000, retryMaxMs: 60_000, maxInFlight: 32 }
  })
  await outbox.load()
  // Queue order C, A1, A2: C and A1 go at once; A2 (same case as A1, written against the same
  // version) waits for A1 and is then moved onto the version A1 made.
  for (const [incidentId, expectedVersion] of [['inc-c', 1], ['inc-a', 1], ['inc-a', 1]] as const) {
    const r = await outbox.enqueue({ type: 'accept', incidentId, expectedVersion, payload: {} })
    expect(r.ok).toBe(true)
  }
  await Promise.all([channel.sent('inc-c@1'), channel.sent('inc-a@1')])

  // 1. C times out: the loop starts writing it back to the queue (held).
  channel.answer('inc-c@1', { kind: 'timeout' })
  await settleC.reached.promise
  // 2. A1 is answered ok while C is being written: the answer starts a fill, which rebases A2 (held).
  channel.answer('inc-a@1', okAnswer('inc-a', 2, 101))
  await rebaseA2.reached.promise
  // 3. C's write lands: the timeout halts the sender; the loop writes A1 down and winds down.
  settleC.release.resolve()
  await outbox.idle()
  expect((await store.listOutbox()).map((e) => e.command.incidentId)).toEqual(['inc-c', 'inc-a'])
  // 4. The fill resumes after the loop has gone (and, before 096454c, sent A2 with no loop left).
  rebaseA2.release.resolve()
  await rebaseA2.written.promise
  await new Promise((resolve) => setImmediate(resolve)) // every continuation of that write has run
  // 5. If A2 went, the hub answers it ok: something must write that answer down.
  if (channel.sentKeys.includes('inc-a@2')) channel.answer('inc-a@2', okAnswer('inc-a', 3, 102))
  await outbox.idle()
  const left = await store.listOutbox()
  const unwritten = left.filter((e) => channel.answeredOk.has(`${e.command.incidentId}@${e.command.expectedVersion}`))
  expect(unwritten.map((e) => e.command.incidentId)).toEqual([])
  expect(outbox.inFlight).toBe(0)
  // C waits out the backoff; A2, unless it went and was written down, waits with it (moved onto v2).
  expect(left.map((e) => `${e.command.incidentId}@${e.command.expectedVersion}`)).toEqual(
    channel.sentKeys.includes('inc-a@2') ? ['inc-c@1'] : ['inc-c@1', 'inc-a@2']
  )
  expect(channel.sentKeys).toEqual(channel.sentKeys.includes('inc-a@2') ? ['inc-c@1', 'inc-a@1', 'inc-a@2'] : ['inc-c@1', 'inc-a@1'])
})
