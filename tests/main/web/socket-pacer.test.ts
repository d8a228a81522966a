// The pacer's rules with a socket whose backlog the test sets: what is held, in which order it goes
// out, what replaces what, and when a page is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { summarize, type Delta } from '../../../src-shared/api'
import { emptyDelta } from '../../../src-main/core/delta-builder'
import { DRAIN_POLL_MS, LOW_WATER_BYTES, SocketPacer } from '../../../src-main/web/socket-pacer'
import { makeIncident } from '../../fixtures/entities'
import { STATUS } from './fake-console-api'

type Sent = { kind: string; event?: string; id?: number; payload?: unknown }

function fakeSocket() {
  const socket = {
    bufferedAmount: 0,
    open: true,
    sent: [] as Sent[],
    dropped: [] as string[],
    isOpen: () => socket.open,
    send: (text: string) => socket.sent.push(JSON.parse(text) as Sent),
    drop: (why: string) => {
      socket.dropped.push(why)
      socket.open = false
    }
  }
  return socket
}

const withIncident = (id: string, version: number, lastSeq: number): Delta => ({
  ...emptyDelta(lastSeq),
  incidents: [summarize(makeIncident({ id, version }))]
})

const MAX = 10 * LOW_WATER_BYTES

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('SocketPacer', () => {
  it('sends at once while the backlog is under the low-water mark', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: MAX })
    p.event('delta', withIncident('a', 1, 1))
    p.event('status', STATUS)
    p.reply({ kind: 'reply', id: 1, ok: true, value: null })
    expect(s.sent.map((f) => f.event ?? f.kind)).toEqual(['delta', 'status', 'reply'])
    expect(p.heldFrames).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('above the mark merges deltas, keeps other frames behind them in order, and sends all once drained', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: MAX })
    s.bufferedAmount = LOW_WATER_BYTES + 1
    p.event('delta', withIncident('a', 1, 1))
    p.event('notice', { id: 'n1' })
    p.reply({ kind: 'reply', id: 7, ok: true, value: null })
    p.event('delta', withIncident('a', 2, 2))
    p.event('delta', { ...emptyDelta(3), removedIncidentIds: ['b'] })
    expect(s.sent).toEqual([])
    expect(p.heldFrames).toBe(3)
    vi.advanceTimersByTime(DRAIN_POLL_MS * 4)
    expect(s.sent).toEqual([])
    s.bufferedAmount = LOW_WATER_BYTES
    vi.advanceTimersByTime(DRAIN_POLL_MS)
    expect(s.sent.map((f) => f.event ?? `${f.kind}:${String(f.id)}`)).toEqual(['delta', 'notice', 'reply:7'])
    const merged = s.sent[0]?.payload as Delta
    expect(merged.lastSeq).toBe(3)
    expect(merged.incidents.map((i) => [i.id, i.version])).toEqual([['a', 2]])
    expect(merged.removedIncidentIds).toEqual(['b'])
    // Nothing held, no poll left running.
    expect(p.heldFrames).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('a held whole-state event is replaced by the next one, which goes after what came between', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: MAX })
    s.bufferedAmount = LOW_WATER_BYTES + 1
    p.event('outbox', [])
    p.event('status', { ...STATUS, lastSeq: 1 })
    p.reply({ kind: 'reply', id: 1, ok: true, value: null })
    p.event('status', { ...STATUS, lastSeq: 2 })
    p.event('notice', { id: 'n1' })
    p.event('notice', { id: 'n2' })
    s.bufferedAmount = 0
    vi.advanceTimersByTime(DRAIN_POLL_MS)
    expect(s.sent.map((f) => f.event ?? f.kind)).toEqual(['outbox', 'reply', 'status', 'notice', 'notice'])
    expect((s.sent[2]?.payload as { lastSeq: number }).lastSeq).toBe(2)
  })

  it('while anything is held, a new frame waits behind it even if the backlog just drained', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: MAX })
    s.bufferedAmount = LOW_WATER_BYTES + 1
    p.event('delta', withIncident('a', 1, 1))
    s.bufferedAmount = 0
    // Before the poll: the reply must not overtake the held delta.
    p.reply({ kind: 'reply', id: 2, ok: true, value: null })
    expect(s.sent.map((f) => f.event ?? f.kind)).toEqual(['delta', 'reply'])
  })

  it('does not drop a page whose backlog stands still for minutes (a slow page mid-write): it holds one merged delta', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: MAX })
    s.bufferedAmount = 5 * LOW_WATER_BYTES
    for (let n = 1; n <= 600; n++) {
      p.event('delta', withIncident(`i-${n % 50}`, n, n))
      p.event('status', { ...STATUS, lastSeq: n })
      vi.advanceTimersByTime(500)
    }
    expect(s.dropped).toEqual([])
    expect(s.sent).toEqual([])
    expect(p.heldFrames).toBe(2)
    s.bufferedAmount = 0
    vi.advanceTimersByTime(DRAIN_POLL_MS)
    expect(s.sent.map((f) => f.event)).toEqual(['delta', 'status'])
    expect((s.sent[0]?.payload as Delta).incidents).toHaveLength(50)
    expect((s.sent[0]?.payload as Delta).lastSeq).toBe(600)
  })

  it('drops a page at the cap: its backlog plus the frames held for it', () => {
    const s = fakeSocket()
    const p = new SocketPacer(s, { serialise: JSON.stringify, maxBytes: 2 * LOW_WATER_BYTES })
    s.bufferedAmount = LOW_WATER_BYTES + 1
    const big = 'x'.repeat(LOW_WATER_BYTES / 4)
    for (let n = 0; n < 8 && s.dropped.length === 0; n++) p.reply({ kind: 'reply', id: n, ok: true, value: big })
    expect(s.dropped).toEqual(['client too slow'])
    expect(p.heldFrames).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})
