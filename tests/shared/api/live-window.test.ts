import { describe, expect, it } from 'vitest'
import {
  DAY_MS,
  finishedAtMs,
  FinishedRetention,
  inLiveSet,
  retentionStart,
  startOfLocalDay
} from '../../../src-shared/api'

const UTC8 = 480
// 2026-11-22 00:00 in UTC+8 is 2026-11-21 16:00 UTC.
const DAY_START = Date.parse('2026-11-22T00:00:00+08:00')

describe('startOfLocalDay in UTC+8', () => {
  it('starts the day at local midnight, not UTC midnight', () => {
    expect(DAY_START).toBe(Date.parse('2026-11-21T16:00:00Z'))
    expect(startOfLocalDay(DAY_START, UTC8)).toBe(DAY_START)
    expect(startOfLocalDay(DAY_START + DAY_MS - 1, UTC8)).toBe(DAY_START)
    // 07:59 local is still the same local day though UTC is on the day before.
    expect(startOfLocalDay(Date.parse('2026-11-22T07:59:00+08:00'), UTC8)).toBe(DAY_START)
    expect(startOfLocalDay(DAY_START - 1, UTC8)).toBe(DAY_START - DAY_MS)
    expect(startOfLocalDay(DAY_START + DAY_MS, UTC8)).toBe(DAY_START + DAY_MS)
  })

  it('follows other offsets, west of UTC too', () => {
    expect(startOfLocalDay(Date.parse('2026-11-22T01:00:00-05:00'), -300)).toBe(Date.parse('2026-11-22T00:00:00-05:00'))
    expect(startOfLocalDay(Date.parse('2026-11-22T12:00:00Z'), 0)).toBe(Date.parse('2026-11-22T00:00:00Z'))
  })
})

describe('retentionStart', () => {
  it("'workday': the start of the local day at hub time, so the hub clock (skew corrected) decides", () => {
    const consoleClock = Date.parse('2026-11-21T23:59:00+08:00')
    const skew = 2 * 60_000 // the hub is two minutes ahead: already the 22nd there
    expect(retentionStart({ kind: 'workday' }, consoleClock, UTC8)).toBe(DAY_START - DAY_MS)
    expect(retentionStart({ kind: 'workday' }, consoleClock + skew, UTC8)).toBe(DAY_START)
  })

  it("'workday' with no calendar yet leaves nothing out", () => {
    expect(retentionStart({ kind: 'workday' }, DAY_START, null)).toBe(-Infinity)
  })

  it("'ms': a fixed span back from hub time, with or without a calendar", () => {
    expect(retentionStart({ kind: 'ms', ms: 300_000 }, DAY_START, UTC8)).toBe(DAY_START - 300_000)
    expect(retentionStart({ kind: 'ms', ms: 300_000 }, DAY_START, null)).toBe(DAY_START - 300_000)
  })
})

describe('finishedAtMs and inLiveSet', () => {
  const at = (iso: string) => ({ updatedAt: iso })
  it('an open case has no finishing time and is always in the set', () => {
    for (const status of ['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'escalated', 'suspended'] as const) {
      expect(finishedAtMs({ status, ...at('2020-01-01T00:00:00Z') })).toBeNull()
      expect(inLiveSet({ status, ...at('2020-01-01T00:00:00Z') }, DAY_START)).toBe(true)
    }
  })

  it('closed, rejected and merged cases are in the set from their finish while the window holds it', () => {
    for (const status of ['closed', 'rejected', 'merged'] as const) {
      expect(finishedAtMs({ status, ...at('2026-11-22T00:00:00+08:00') })).toBe(DAY_START)
      expect(inLiveSet({ status, ...at('2026-11-22T00:00:00+08:00') }, DAY_START)).toBe(true)
      expect(inLiveSet({ status, ...at('2026-11-21T23:59:59.999+08:00') }, DAY_START)).toBe(false)
      // The same instant written in UTC.
      expect(inLiveSet({ status, ...at('2026-11-21T16:00:00.000Z') }, DAY_START)).toBe(true)
    }
  })
})

describe('FinishedRetention', () => {
  it('accepts the two kinds and refuses anything else with a message', () => {
    expect(FinishedRetention.parse({ kind: 'workday' })).toEqual({ kind: 'workday' })
    expect(FinishedRetention.parse({ kind: 'ms', ms: 300_000 })).toEqual({ kind: 'ms', ms: 300_000 })
    for (const bad of [{ kind: 'ms', ms: 0 }, { kind: 'ms', ms: -5 }, { kind: 'ms', ms: 1.5 }, { kind: 'ms' }, { kind: 'week' }, null]) {
      expect(FinishedRetention.safeParse(bad).success).toBe(false)
    }
  })
})
