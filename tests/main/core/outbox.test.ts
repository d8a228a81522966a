import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { RequestOutcome } from '../../../src-main/core/hub-link'
import { openCache } from '../../../src-main/core/open-cache'
import { Outbox, type CommandChannel } from '../../../src-main/core/outbox'
import type { ApplyResult, Store } from '../../../src-main/core/store'
import type { OutboxEntry } from '../../../src-shared/api'
import type { Command } from '../../../src-shared/protocol'
import { makeIncident, makeUnit } from '../../fixtures/entities'
import { makeTempDir } from './temp-dir'

/** A scripted hub: answers each command with what `answer` returns (default: ok, next version). */
class FakeChannel implements CommandChannel {
  isOnline = true
  scopeSet: ReadonlySet<string> | null = new Set(['110101006'])
  sent: Command[] = []
  applied: ApplyResult[] = []
  seq = 100
  versions = new Map<string, number>()
  answer: (cmd: Command) => RequestOutcome | Promise<RequestOutcome> = (cmd) => this.okFor(cmd)

  okFor(cmd: Command): RequestOutcome {
    const id = cmd.incidentId ?? 'new'
    const version = (this.versions.get(id) ?? 1) + 1
    this.versions.set(id, version)
    this.seq += 1
    const entity = makeIncident({ id, version, seq: this.seq, status: 'accepted' })
    return { kind: 'answer', value: { ok: true, seq: this.seq, entity }, rttMs: 1 }
  }

  async request(_event: string, payload: unknown): Promise<RequestOutcome> {
    this.sent.push(payload as Command)
    return this.answer(payload as Command)
  }

  noteApplied(result: ApplyResult): void {
    this.applied.push(result)
  }
}

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let channel: FakeChannel
let outbox: Outbox
let lists: OutboxEntry[][]

function make(maxInFlight = 32): Outbox {
  return new Outbox({
    store,
    channel,
    log: () => undefined,
    now: () => Date.parse('2026-11-22T02:00:00.000Z'),
    onChange: (l) => lists.push(l),
    timing: { ackTimeoutMs: 200, retryBaseMs: 20, retryMaxMs: 50, maxInFlight }
  })
}

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
  channel = new FakeChannel()
  lists = []
  outbox = make()
  await outbox.load()
})
afterEach(async () => {
  await outbox.close()
  await store.close().catch(() => undefined)
  tmp.remove()
})

const accept = (incidentId = 'inc-1', expectedVersion?: number) => ({
  type: 'accept' as const,
  incidentId,
  ...(expectedVersion === undefined ? {} : { expectedVersion }),
  payload: {}
})

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('Outbox', () => {
  it('refuses an invalid request with its issues and writes nothing', async () => {
    channel.isOnline = false
    const r1 = await outbox.enqueue({ type: 'reject', incidentId: 'inc-1', payload: { reason: '' } })
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid' } })
    if (!r1.ok) expect(r1.error.issues?.join()).toMatch(/payload\.reason/)
    const r2 = await outbox.enqueue({ type: 'accept', payload: {} })
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/incidentId/) } })
    expect(await outbox.enqueue('nonsense')).toMatchObject({ ok: false })
    expect(await store.listOutbox()).toEqual([])
  })

  it('writes the command durably before resolving, with a new commandId and issuedAt', async () => {
    channel.isOnline = false
    const r = await outbox.enqueue(accept('inc-1', 1))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.command.commandId).toMatch(/^[0-9a-f-]{36}$/)
    expect(r.value.command.issuedAt).toBe('2026-11-22T02:00:00.000Z')
    expect(r.value.state).toBe('queued')
    // Visible to a second connection only if committed.
    const other = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
    expect((await other.listOutbox()).map((e) => e.command.commandId)).toEqual([r.value.command.commandId])
    await other.close()
    expect(channel.sent).toEqual([])
    expect(outbox.list()).toHaveLength(1)
    // Listeners hear of it within a frame.
    await until(() => lists.at(-1)?.length === 1)
  })

  it('tells listeners at most once per frame, with the whole list', async () => {
    channel.isOnline = false
    for (let i = 0; i < 5; i++) await outbox.enqueue(accept(`i${i}`))
    await until(() => lists.at(-1)?.length === 5)
    const count = lists.length
    await new Promise((r) => setTimeout(r, 50))
    expect(lists.length).toBe(count)
    expect(count).toBeLessThan(5)
  })

  it('sends queued commands in order once online, applies results and empties the outbox', async () => {
    channel.isOnline = false
    const ids: string[] = []
    for (const inc of ['a', 'b', 'c']) {
      const r = await outbox.enqueue(accept(inc))
      if (r.ok) ids.push(r.value.command.commandId)
    }
    channel.isOnline = true
    outbox.kick()
    await outbox.idle()
    expect(channel.sent.map((c) => c.commandId)).toEqual(ids)
    expect(await store.listOutbox()).toEqual([])
    expect(outbox.list()).toEqual([])
    expect((await store.getIncident('a'))?.version).toBe(2)
    expect(channel.applied).toHaveLength(3)
    // Results lie beyond lastSeq 0 with a gap: applied by version, lastSeq not moved.
    expect((await store.getMeta()).lastSeq).toBe(0)
  })

  it('keeps a final error on its case and goes on with the next command', async () => {
    channel.answer = (cmd) =>
      cmd.incidentId === 'bad'
        ? { kind: 'answer', value: { ok: false, error: { code: 'illegal_transition', message: 'closed cases cannot be accepted' } }, rttMs: 1 }
        : channel.okFor(cmd)
    await outbox.enqueue(accept('bad'))
    await outbox.enqueue(accept('good'))
    await outbox.idle()
    const list = await store.listOutbox()
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'illegal_transition' }, current: null })
    expect(channel.sent.map((c) => c.incidentId)).toEqual(['bad', 'good'])
  })

  it('holds a conflict with the current case; retry re-issues with a new id and the current version', async () => {
    const current = makeIncident({ id: 'inc-1', version: 7, seq: 70, status: 'dispatched' })
    channel.answer = (cmd) =>
      cmd.expectedVersion === 3
        ? { kind: 'answer', value: { ok: false, error: { code: 'conflict', message: 'stale', current } }, rttMs: 1 }
        : channel.okFor(cmd)
    const r = await outbox.enqueue(accept('inc-1', 3))
    await outbox.idle()
    const [held] = await store.listOutbox()
    expect(held).toMatchObject({ state: 'conflict', error: { code: 'conflict' }, current: { id: 'inc-1', version: 7 } })
    expect(await outbox.resolve('00000000-0000-4000-8000-000000000000', 'retry')).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await outbox.resolve(r.ok ? r.value.command.commandId : '', 'retry')).toEqual({ ok: true, value: null })
    await outbox.idle()
    expect(channel.sent).toHaveLength(2)
    expect(channel.sent[1]?.commandId).not.toBe(channel.sent[0]?.commandId)
    expect(channel.sent[1]?.expectedVersion).toBe(7)
    expect(await store.listOutbox()).toEqual([])
  })

  it('discard drops a held command; a queued one cannot be resolved', async () => {
    channel.answer = () => ({ kind: 'answer', value: { ok: false, error: { code: 'forbidden', message: 'no' } }, rttMs: 1 })
    const r = await outbox.enqueue(accept('x'))
    await outbox.idle()
    const id = r.ok ? r.value.command.commandId : ''
    expect(await outbox.resolve(id, 'discard')).toEqual({ ok: true, value: null })
    expect(await store.listOutbox()).toEqual([])
    channel.isOnline = false
    const q = await outbox.enqueue(accept('y'))
    expect(await outbox.resolve(q.ok ? q.value.command.commandId : '', 'discard')).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })

  it('with a window of one: resends the same commandId after a timeout, a disconnect or rate_limited, in order', async () => {
    await outbox.close()
    outbox = make(1)
    await outbox.load()
    const script: RequestOutcome[] = [
      { kind: 'timeout' },
      { kind: 'answer', value: { ok: false, error: { code: 'rate_limited', message: 'slow down' } }, rttMs: 1 },
      { kind: 'disconnected' }
    ]
    channel.answer = (cmd) => {
      const next = script.shift()
      if (next?.kind === 'disconnected') channel.isOnline = false
      return next ?? channel.okFor(cmd)
    }
    const a = await outbox.enqueue(accept('a'))
    await outbox.enqueue(accept('b'))
    await until(() => channel.sent.length >= 3)
    await outbox.idle()
    // The disconnect stops the sender until the link is back.
    expect(await store.listOutbox()).toHaveLength(2)
    expect((await store.listOutbox())[0]).toMatchObject({ state: 'queued', attempts: 3, error: { code: 'rate_limited' } })
    channel.isOnline = true
    outbox.kick()
    await until(() => outbox.list().length === 0)
    const aId = a.ok ? a.value.command.commandId : ''
    expect(channel.sent.map((c) => c.commandId === aId)).toEqual([true, true, true, true, false])
    expect(channel.sent.at(-1)?.incidentId).toBe('b')
  })

  it('a command left "sending" by a previous run is resent with the same id', async () => {
    channel.isOnline = false
    const r = await outbox.enqueue(accept('a'))
    const id = r.ok ? r.value.command.commandId : ''
    await store.updateOutbox(id, { state: 'sending', attempts: 1 })
    await outbox.close()
    channel.isOnline = true
    outbox = make()
    await outbox.load()
    outbox.kick()
    await outbox.idle()
    expect(channel.sent.map((c) => c.commandId)).toEqual([id])
    expect(await store.listOutbox()).toEqual([])
  })

  it('a never-sent command written against a version our own earlier command replaced follows it', async () => {
    channel.versions.set('inc-1', 1)
    channel.answer = (cmd) =>
      cmd.expectedVersion !== channel.versions.get('inc-1')
        ? { kind: 'answer', value: { ok: false, error: { code: 'conflict', message: 'stale' } }, rttMs: 1 }
        : channel.okFor(cmd)
    channel.isOnline = false
    await outbox.enqueue(accept('inc-1', 1))
    await outbox.enqueue({ type: 'note', incidentId: 'inc-1', expectedVersion: 1, payload: { text: '已派人' } })
    channel.isOnline = true
    outbox.kick()
    await outbox.idle()
    expect(channel.sent.map((c) => c.expectedVersion)).toEqual([1, 2])
    expect(await store.listOutbox()).toEqual([])
  })

  it('treats a malformed answer as transient and keeps the command', async () => {
    let first = true
    channel.answer = (cmd) => {
      if (first) {
        first = false
        return { kind: 'answer', value: { ok: 'yes' }, rttMs: 1 }
      }
      return channel.okFor(cmd)
    }
    await outbox.enqueue(accept('a'))
    await until(() => channel.sent.length === 2 && outbox.list().length === 0)
    expect(channel.sent[0]?.commandId).toBe(channel.sent[1]?.commandId)
  })

  it('completes a command whose ok answer carries an entity of another kind, applying nothing from it', async () => {
    const warnings: string[] = []
    await outbox.close()
    outbox = new Outbox({
      store,
      channel,
      log: (level, msg) => {
        if (level === 'warn') warnings.push(msg)
      },
      now: () => Date.parse('2026-11-22T02:00:00.000Z'),
      onChange: () => undefined
    })
    await outbox.load()
    // A well-formed unit where the case an accept makes should be: the hub said ok, so the command is done.
    channel.answer = () => ({ kind: 'answer', value: { ok: true, seq: 101, entity: makeUnit({ id: 'u-odd', seq: 101 }) }, rttMs: 1 })
    await outbox.enqueue(accept('a'))
    await until(() => outbox.list().length === 0)
    expect(channel.sent).toHaveLength(1)
    expect(warnings).toContain('command answer carried an entity of an unexpected kind')
    expect(await store.getIncident('a')).toBeNull()
    expect(channel.applied.map((r) => r.applied)).toEqual([0])
  })

  it('sends the next command on a case once the hub has said ok, while that answer is still being written, never twice', async () => {
    // Writing answers down is slow here; the hub answers at once.
    const real = store.completeCommands.bind(store)
    let writes = 0
    let sentDuringFirstWrite = 0
    store.completeCommands = async (items) => {
      writes += 1
      if (writes === 1) {
        await new Promise((r) => setTimeout(r, 150))
        sentDuringFirstWrite = channel.sent.length
      }
      return real(items)
    }
    channel.isOnline = false
    for (let i = 0; i < 3; i++) await outbox.enqueue({ type: 'note', incidentId: 'inc-1', payload: { text: `记录 ${i}` } })
    channel.isOnline = true
    outbox.kick()
    await until(() => outbox.list().length === 0)
    // All three went out while the first answer was still being written …
    expect(sentDuringFirstWrite).toBe(3)
    // … in order, each exactly once.
    const ids = channel.sent.map((c) => c.commandId)
    expect(new Set(ids).size).toBe(3)
    expect(channel.sent.map((c) => (c.payload as { text: string }).text)).toEqual(['记录 0', '记录 1', '记录 2'])
    expect(await store.listOutbox()).toEqual([])
  })
})
