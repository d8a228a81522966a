// The wall's key figures on the hub clock and the centre's local day (UTC+8).
import { describe, expect, it } from 'vitest'
import { computeKeyFigures, startOfLocalDay } from '../../../src-renderer/wall/key-figures'
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

describe('computeKeyFigures', () => {
  it('is all zeros and no rate for no cases', () => {
    expect(computeKeyFigures([], NOW, OFFSET)).toEqual({
      open: 0,
      overdue: 0,
      urgent: 0,
      acceptedToday: 0,
      closedToday: 0,
      onTimeRate: null
    })
  })

  it('counts open, overdue, urgent, accepted today, closed today and the on-time rate', () => {
    const today = iso(NOW - 2 * HOUR)
    const yesterday = iso(DAY_START - 2 * HOUR)
    const cases = [
      // open, reported today but not accepted: open only
      summary({ id: '1', status: 'reported', reportedAt: today }),
      // open urgent, accepted today
      summary({ id: '2', status: 'accepted', urgency: 'urgent', reportedAt: today }),
      // open, overdue since this morning (due today, not closed)
      summary({ id: '3', status: 'dispatched', reportedAt: yesterday, deadlineAt: iso(NOW - HOUR) }),
      // open, overdue since yesterday: overdue, but not due today
      summary({ id: '4', status: 'in_progress', reportedAt: yesterday, deadlineAt: yesterday }),
      // paused clock: not overdue
      summary({ id: '5', status: 'suspended', reportedAt: yesterday, deadlineAt: yesterday, pausedAt: yesterday }),
      // closed today on time (also accepted today)
      summary({ id: '6', status: 'closed', reportedAt: today, updatedAt: iso(NOW - HOUR), deadlineAt: iso(NOW) }),
      // closed today late
      summary({ id: '7', status: 'closed', reportedAt: yesterday, updatedAt: iso(NOW - HOUR), deadlineAt: iso(NOW - 3 * HOUR) }),
      // closed yesterday: not counted
      summary({ id: '8', status: 'closed', reportedAt: yesterday, updatedAt: yesterday }),
      // rejected today: not accepted
      summary({ id: '9', status: 'rejected', reportedAt: today })
    ]
    const figures = computeKeyFigures(cases, NOW, OFFSET)
    expect(figures).toEqual({
      open: 5,
      overdue: 2,
      urgent: 1,
      acceptedToday: 2,
      closedToday: 2,
      // due today: 6, 7 (closed) and 3 (overdue today); on time: 6
      onTimeRate: 1 / 3
    })
  })

  it('a case closed with no deadline counts as on time', () => {
    const figures = computeKeyFigures(
      [summary({ id: 'x', status: 'closed', updatedAt: iso(NOW - HOUR), deadlineAt: null })],
      NOW,
      OFFSET
    )
    expect(figures.onTimeRate).toBe(1)
  })
})
