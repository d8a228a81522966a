// The wall's key figures on the hub clock and the centre's local day (UTC+8).
import { describe, expect, it } from 'vitest'
import { computeKeyFigures, startOfLocalDay, todayQuery, type DayFigures } from '../../../src-renderer/wall/key-figures'
import { HOUR, iso, summary } from '../map/fixtures'

// 14:00 in Beijing; the local day started at 2026-11-21T16:00Z.
const NOW = Date.parse('2026-11-22T06:00:00.000Z')
const DAY_START = Date.parse('2026-11-21T16:00:00.000Z')
const OFFSET = 480

describe('startOfLocalDay', () => {
  it('is local midnight, also just after it', () => {
    expect(startOfLocalDay(NOW, OFFSET)).toBe(DAY_START)
    expect(startOfLocalDay(DAY_START + 1, OFFSET)).toBe(DAY_START)
    expect(startOfLocalDay(DAY_START - 1, OFFSET)).toBe(DAY_START - 24 * HOUR)
  })
})

const TODAY = {
  counts: { accepted: 2, closed: 2 },
  rates: { onTime: 33.33 }
} as unknown as DayFigures

describe('computeKeyFigures', () => {
  it('is all zeros and no rate for no cases and no day figures yet', () => {
    expect(computeKeyFigures([], NOW, null)).toEqual({
      open: 0,
      overdue: 0,
      urgent: 0,
      acceptedToday: 0,
      closedToday: 0,
      onTimeRate: null
    })
  })

  it('counts open, overdue and urgent from the cases; the day’s figures come from the domain', () => {
    const today = iso(NOW - 2 * HOUR)
    const yesterday = iso(DAY_START - 2 * HOUR)
    const cases = [
      summary({ id: '1', status: 'reported', reportedAt: today }),
      summary({ id: '2', status: 'accepted', urgency: 'urgent', reportedAt: today }),
      summary({ id: '3', status: 'dispatched', reportedAt: yesterday, deadlineAt: iso(NOW - HOUR) }),
      summary({ id: '4', status: 'in_progress', reportedAt: yesterday, deadlineAt: yesterday }),
      // paused clock: not overdue
      summary({ id: '5', status: 'suspended', reportedAt: yesterday, deadlineAt: yesterday, pausedAt: yesterday }),
      summary({ id: '6', status: 'closed', reportedAt: today, updatedAt: iso(NOW - HOUR), deadlineAt: iso(NOW) }),
      summary({ id: '9', status: 'rejected', reportedAt: today })
    ]
    expect(computeKeyFigures(cases, NOW, TODAY)).toEqual({
      open: 5,
      overdue: 2,
      urgent: 1,
      acceptedToday: 2,
      closedToday: 2,
      onTimeRate: 0.3333
    })
  })

  it('asks for today on the hall’s calendar', () => {
    expect(todayQuery(NOW, OFFSET)).toEqual({ from: iso(DAY_START), to: iso(DAY_START + 24 * HOUR), by: 'street' })
  })
})
