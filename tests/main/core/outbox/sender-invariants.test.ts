// Each state's invariant asserted on a real Outbox (SQLite store, scripted hub) at every
// transition it makes, through ok answers, a timeout and its backoff, a disconnect and the
// reconnect, a final error, and close.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { join } from 'node:path'
import type { RequestOutcome } from '../../../../src-main/core/hub-link'
import { openCache } from '../../../../src-main/core/open-cache'
import { Outbox, type CommandChannel, type SenderStep } from '../../../../src-main/core/outbox'
import { senderInvariant } from '../../../../src-main/core/outbox/sender-machine'
import type { ApplyResult, Store } from '../../../../src-main/core/store'
import type { Command } from '../../../../src-shared/protocol'
import { makeIncident } from '../../../fixtures/entities'
import { makeTempDir } from '../temp-dir'

class ScriptedChannel implements CommandChannel {
  isOnline = true
  scopeSet: ReadonlySet<string> | null = new Set(['110101006'])
  private seq = 100
  private readonly versions = new Map<string, number>()
  /** Outcomes to give, in order, before answering ok. */
  script: RequestOutcome['kind'][] = []
  onDisconnect: () => void = () => undefined

  async request(_event: string, payload: unknown): Promise<RequestOutcome> {
    const cmd = payload as Command
    await new Promise((r) => setImmediate(r))
    const next = this.script.shift()
    if (next === 'timeout') return { kind: 'timeout' }
    if (next === 'disconnected') {
      this.isOnline = false
      this.onDisconnect()
      return { kind: 'disconnected' }
    }
    const id = cmd.incidentId ?? 'new'
    const version = (this.versions.get(id) ?? 1) + 1
    this.versions.set(id, version)
    this.seq += 1
    if (id === 'inc-refused') return { kind: 'answer', value: { ok: false, error: { code: 'illegal_transition', message: 'no' } }, rttMs: 1 }
    return { kind: 'answer', value: { ok: true, seq: this.seq, entity: makeIncident({ id, version, seq: this.seq, status: 'accepted' }) }, rttMs: 1 }
  }

  noteApplied(_result: ApplyResult): void {}
}

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let channel: ScriptedChannel
let outbox: Outbox
let steps: SenderStep[]

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
  channel = new ScriptedChannel()
  steps = []
  outbox = new Outbox({
    store,
    channel,
    log: () => undefined,
    now: () => Date.parse('2026-11-22T02:00:00.000Z'),
    onChange: () => undefined,
    timing: { ackTimeoutMs: 200, retryBaseMs: 2, retryMaxMs: 5, maxInFlight: 4 },
    onTransition: (step) => steps.push(step)
  })
  await outbox.load()
})
afterEach(async () => {
  await outbox.close()
  await store.close().catch(() => undefined)
  tmp.remove()
})

const accept = (incidentId: string) => ({ type: 'accept' as const, incidentId, payload: {} })

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 2))
}

function broken(): string[] {
  return steps.flatMap((s) => {
    const why = senderInvariant(s.to, s.facts)
    return why === null ? [] : [`${s.from} × ${s.event} → ${why}`]
  })
}
const visited = (): Set<string> => new Set(steps.map((s) => `${s.from}×${s.event}→${s.to}`))

it('holds through ok answers, a timeout with its backoff, and a final error', async () => {
  channel.script = ['timeout']
  for (const id of ['inc-1', 'inc-2', 'inc-1', 'inc-3', 'inc-refused']) await outbox.enqueue(accept(id))
  await until(() => outbox.list().every((e) => e.state === 'failed') && outbox.senderState === 'idle')
  await outbox.idle()
  expect(outbox.list().map((e) => e.command.incidentId)).toEqual(['inc-refused'])
  expect(broken()).toEqual([])
  for (const t of ['idle×kick→sending', 'sending×flights_added→sending', 'sending×failed_retry→halted_retry', 'halted_retry×window_settled→retry_wait', 'retry_wait×retry_fired→idle', 'sending×window_settled→idle']) {
    expect(visited()).toContain(t)
  }
  await outbox.close()
  expect(outbox.senderState).toBe('closed')
  expect(broken()).toEqual([])
})

it('holds through a disconnect and the reconnect', async () => {
  channel.script = ['disconnected']
  channel.onDisconnect = () =>
    setImmediate(() => {
      channel.isOnline = true
      outbox.kick()
    })
  for (const id of ['inc-1', 'inc-2']) await outbox.enqueue(accept(id))
  await until(() => outbox.list().length === 0)
  await outbox.idle()
  expect(broken()).toEqual([])
  expect(visited()).toContain('sending×disconnected→halted_reconnect')
  expect([...visited()].some((t) => t.startsWith('halted_reconnect×window_settled→idle'))).toBe(true)
})
