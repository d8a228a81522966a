import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { emptyDelta } from '../../../src-main/core/delta-builder'
import { LiveSet, type LiveSetChange, type LiveSetDeps } from '../../../src-main/core/live-set'
import { type Delta, type FinishedRetention, type IncidentSummary, summarize } from '../../../src-shared/api'
import type { IncidentStatus } from '../../../src-shared/protocol'
import { makeIncident } from '../../fixtures/entities'

const UTC8 = 480
const HOUR = 3_600_000
const DAY_START = Date.parse('2026-11-22T00:00:00+08:00')

const summary = (id: string, status: IncidentStatus, updatedAt: number, version = 1): IncidentSummary =>
  summarize(makeIncident({ id, status, version, updatedAt: new Date(updatedAt).toISOString() }))
const delta = (incidents: IncidentSummary[], removedIncidentIds: string[] = []): Delta => ({
  ...emptyDelta(1),
  incidents,
  removedIncidentIds
})
const ids = (d: Delta) => ({ up: d.incidents.map((i) => i.id), gone: d.removedIncidentIds })

let skew = 0
let emitted: LiveSetChange[] = []
let sets: LiveSet[] = []

function make(retention: FinishedRetention, offset: number | null = UTC8, extra: Partial<LiveSetDeps> = {}): LiveSet {
  const set = new LiveSet(
    {
      retention,
      hubNow: () => Date.now() + skew,
      loadFinishedSince: () => Promise.resolve([]),
      emit: (c) => emitted.push(c),
      timing: { liveSweepMinMs: 10, liveSweepMaxMs: 60_000 },
      ...extra
    },
    offset
  )
  sets.push(set)
  return set
}

beforeEach(() => {
  vi.useFakeTimers()
  skew = 0
  emitted = []
  sets = []
})
afterEach(() => {
  for (const s of sets) s.close()
  vi.useRealTimers()
})

describe('LiveSet: the working day in UTC+8', () => {
  it('keeps open cases and those finished today; a case that finished yesterday leaves (or never comes)', () => {
    vi.setSystemTime(DAY_START + 10 * HOUR) // 10:00 local
    const set = make({ kind: 'workday' })
    set.init([])
    const out = set.narrow(
      delta([
        summary('open', 'dispatched', DAY_START - 3 * 86_400_000),
        summary('today', 'closed', DAY_START + 9 * HOUR),
        summary('midnight', 'rejected', DAY_START),
        summary('yesterday', 'closed', DAY_START - 1)
      ])
    )
    expect(ids(out)).toEqual({ up: ['open', 'today', 'midnight'], gone: [] })
    expect(set.size).toBe(3)
  })

  it('the day rolling over at local midnight (16:00 UTC) removes the finished cases, and only them', () => {
    vi.setSystemTime(DAY_START + 23 * HOUR + 59 * 60_000) // 23:59 local
    const set = make({ kind: 'workday' })
    set.init([
      { id: 'open', status: 'in_progress', updatedAt: new Date(DAY_START - 86_400_000).toISOString() },
      { id: 'done', status: 'closed', updatedAt: new Date(DAY_START + 8 * HOUR).toISOString() }
    ])
    set.narrow(delta([summary('late', 'merged', DAY_START + 23 * HOUR + 59 * 60_000)]))
    vi.advanceTimersByTime(59_000)
    expect(emitted).toEqual([])
    vi.advanceTimersByTime(1_000 + 10) // midnight, and the sweep's shortest wait
    expect(emitted).toEqual([{ upserted: [], removed: ['done', 'late'] }])
    expect(set.has('open')).toBe(true)
    expect(set.size).toBe(1)
  })

  it('reads the day on the hub clock: a hub ahead of this computer rolls the day over earlier', () => {
    vi.setSystemTime(DAY_START - 5 * 60_000) // 23:55 of the 21st on this computer
    skew = 10 * 60_000 // 00:05 of the 22nd on the hub
    const set = make({ kind: 'workday' })
    set.init([])
    const out = set.narrow(
      delta([summary('hub-yesterday', 'closed', DAY_START - 60_000), summary('hub-today', 'closed', DAY_START + 60_000)])
    )
    expect(ids(out)).toEqual({ up: ['hub-today'], gone: [] })
  })

  it('a clock correction that steps back does not bring back a window already passed', () => {
    vi.setSystemTime(DAY_START + 60_000)
    const set = make({ kind: 'workday' })
    set.init([])
    expect(set.windowStart()).toBe(DAY_START)
    skew = -2 * 60_000 // the hub turns out to be behind: 23:59 of the 21st
    expect(set.windowStart()).toBe(DAY_START)
    expect(ids(set.narrow(delta([summary('y', 'closed', DAY_START - 1000)])))).toEqual({ up: [], gone: [] })
  })
})

describe('LiveSet: finishing, reopening, leaving (5-minute window)', () => {
  const FIVE = { kind: 'ms', ms: 5 * 60_000 } as const

  it('a case that finishes stays five minutes, then a removal is emitted', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([{ id: 'a', status: 'dispatched', updatedAt: new Date(DAY_START - HOUR).toISOString() }])
    expect(ids(set.narrow(delta([summary('a', 'closed', DAY_START, 2)])))).toEqual({ up: ['a'], gone: [] })
    vi.advanceTimersByTime(5 * 60_000 - 1)
    expect(emitted).toEqual([])
    vi.advanceTimersByTime(20)
    expect(emitted).toEqual([{ upserted: [], removed: ['a'] }])
    expect(set.has('a')).toBe(false)
  })

  it('a case reopened (返工) before it leaves stays; one reopened after it left comes back as an upsert', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([])
    set.narrow(delta([summary('r', 'closed', DAY_START), summary('s', 'closed', DAY_START)]))
    vi.advanceTimersByTime(60_000)
    expect(ids(set.narrow(delta([summary('r', 'dispatched', Date.now(), 2)])))).toEqual({ up: ['r'], gone: [] })
    vi.advanceTimersByTime(5 * 60_000)
    expect(emitted.flatMap((c) => c.removed)).toEqual(['s'])
    expect(set.has('r')).toBe(true)
    const back = set.narrow(delta([summary('s', 'in_progress', Date.now(), 3)]))
    expect(ids(back)).toEqual({ up: ['s'], gone: [] })
    expect(set.has('s')).toBe(true)
  })

  it('a late change to a finished case counts as a new finish: it comes back and stays another window', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([])
    set.narrow(delta([summary('n', 'closed', DAY_START)]))
    vi.advanceTimersByTime(6 * 60_000)
    expect(set.has('n')).toBe(false)
    expect(ids(set.narrow(delta([summary('n', 'closed', Date.now(), 2)])))).toEqual({ up: ['n'], gone: [] })
  })

  it('a case seen late, finished long ago, is removed when held and left out when not', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([{ id: 'held', status: 'dispatched', updatedAt: new Date(DAY_START - HOUR).toISOString() }])
    const out = set.narrow(
      delta([summary('held', 'closed', DAY_START - HOUR, 2), summary('never', 'closed', DAY_START - HOUR, 2)])
    )
    expect(ids(out)).toEqual({ up: [], gone: ['held'] })
  })

  it('removals pass only for cases the set holds', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([{ id: 'a', status: 'reported', updatedAt: new Date(DAY_START).toISOString() }])
    expect(ids(set.narrow(delta([], ['a', 'unknown'])))).toEqual({ up: [], gone: ['a'] })
    expect(set.size).toBe(0)
  })

  it('leaves a delta with nothing to narrow as it is (no copy)', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE)
    set.init([])
    const d = delta([summary('o', 'reported', DAY_START)])
    expect(set.narrow(d)).toBe(d)
  })

  it('sweeps in batches: removals due close together go out in one change', () => {
    vi.setSystemTime(DAY_START)
    const set = make(FIVE, UTC8, { timing: { liveSweepMinMs: 1000, liveSweepMaxMs: 60_000 } })
    set.init([])
    set.narrow(delta([summary('a', 'closed', DAY_START)]))
    vi.advanceTimersByTime(300)
    set.narrow(delta([summary('b', 'closed', Date.now())]))
    vi.advanceTimersByTime(5 * 60_000 + 1000)
    expect(emitted).toEqual([{ upserted: [], removed: ['a', 'b'] }])
  })
})

describe('LiveSet: a computer clock far off until the hub is heard', () => {
  it('a clock a day ahead at start-up: once the skew is known the window grows back and today returns', async () => {
    const hubTime = DAY_START + 10 * HOUR
    vi.setSystemTime(hubTime + 86_400_000) // this computer thinks it is tomorrow
    const cached = [summary('today', 'closed', DAY_START + 9 * HOUR), summary('yesterday', 'closed', DAY_START - HOUR)]
    const set = make({ kind: 'workday' }, UTC8, {
      loadFinishedSince: (since) => Promise.resolve(cached.filter((c) => Date.parse(c.updatedAt) >= since))
    })
    set.init([])
    expect(set.windowStart()).toBe(DAY_START + 86_400_000)
    expect(ids(set.narrow(delta([cached[0] as IncidentSummary])))).toEqual({ up: [], gone: [] })
    skew = -86_400_000 // the welcome: the hub is a day behind this computer
    await set.checkClock()
    expect(set.windowStart()).toBe(DAY_START)
    expect(emitted.map((c) => c.upserted.map((i) => i.id))).toEqual([['today']])
    // A small step back (well under a minute) changes nothing.
    skew -= 5000
    await set.checkClock()
    expect(emitted).toHaveLength(1)
  })
})

describe('LiveSet: the calendar arriving or changing', () => {
  it('no calendar yet: nothing is left out; when it arrives, yesterday leaves', async () => {
    vi.setSystemTime(DAY_START + 10 * HOUR)
    const set = make({ kind: 'workday' }, null)
    set.init([{ id: 'old', status: 'closed', updatedAt: new Date(DAY_START - 86_400_000).toISOString() }])
    expect(set.has('old')).toBe(true)
    await set.setUtcOffset(UTC8)
    expect(emitted).toEqual([{ upserted: [], removed: ['old'] }])
  })

  it('a day that now starts earlier brings back the cases finished in the added span, read from the cache', async () => {
    vi.setSystemTime(Date.parse('2026-11-22T10:00:00Z'))
    const cached = [
      summary('before-utc-midnight', 'closed', Date.parse('2026-11-21T23:00:00Z')),
      summary('after-local-midnight', 'closed', Date.parse('2026-11-22T02:00:00Z')),
      summary('too-old', 'closed', Date.parse('2026-11-21T10:00:00Z'))
    ]
    const asked: number[] = []
    const set = make({ kind: 'workday' }, 0, {
      loadFinishedSince: (since) => {
        asked.push(since)
        return Promise.resolve(cached.filter((c) => Date.parse(c.updatedAt) >= since))
      }
    })
    set.init([{ id: 'after-local-midnight', status: 'closed', updatedAt: cached[1]?.updatedAt ?? '' }])
    expect(set.windowStart()).toBe(Date.parse('2026-11-22T00:00:00Z'))
    await set.setUtcOffset(UTC8) // the local day began at 16:00 UTC on the 21st
    expect(asked).toEqual([Date.parse('2026-11-21T16:00:00Z')])
    expect(emitted.map((c) => c.upserted.map((i) => i.id))).toEqual([['before-utc-midnight']])
    expect(set.has('too-old')).toBe(false)
  })
})
