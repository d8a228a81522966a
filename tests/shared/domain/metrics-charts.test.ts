// The metrics view's charts: received/closed per hour for a day, per local day for longer periods,
// and by category — hand-computed on a few cases in Beijing time (UTC+8).
import { describe, expect, it } from 'vitest'
import { figureCharts, type ChartIncident } from '../../../src-shared/domain'
import type { IncidentStatus, TimelineEntry } from '../../../src-shared/protocol'
import { bj } from './helpers'

const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }
const entry = (action: string, when: string, to?: IncidentStatus): TimelineEntry => ({ at: bj(when).toISOString(), actor, action, ...(to ? { to } : {}) })
const kase = (categoryCode: string, reported: string, timeline: TimelineEntry[] = []): ChartIncident => ({
  categoryCode,
  reportedAt: bj(reported).toISOString(),
  timeline: [entry('report', reported, 'reported'), ...timeline]
})

const CASES = [
  kase('0102', '2026-11-30 08:10', [entry('verify', '2026-11-30 09:40', 'closed')]),
  kase('0102', '2026-11-30 08:50'),
  kase('0601', '2026-11-30 10:05', [entry('verify', '2026-11-30 10:30', 'dispatched'), entry('verify', '2026-11-30 11:59', 'closed')]),
  // Reported the day before, closed in the day: a close but not a receipt of the day.
  kase('0403', '2026-11-29 23:30', [entry('verify', '2026-11-30 08:05', 'closed')]),
  // After the day: counts in neither.
  kase('0102', '2026-12-01 00:00')
]
const day = { from: bj('2026-11-30 00:00'), to: bj('2026-12-01 00:00') }

describe('figureCharts', () => {
  it('buckets a day by hour: received by report time, closed by the closing verification only', () => {
    const charts = figureCharts(CASES, day, 480)
    expect(charts.bucket).toBe('hour')
    expect(charts.trend).toHaveLength(24)
    expect(charts.trend[0]?.from).toBe(bj('2026-11-30 00:00').toISOString())
    const at = (h: number) => charts.trend[h]
    expect(at(8)).toMatchObject({ received: 2, closed: 1 })
    expect(at(9)).toMatchObject({ received: 0, closed: 1 })
    expect(at(10)).toMatchObject({ received: 1, closed: 0 })
    expect(at(11)).toMatchObject({ received: 0, closed: 1 })
    expect(charts.trend.reduce((n, b) => n + b.received, 0)).toBe(3)
    expect(charts.trend.reduce((n, b) => n + b.closed, 0)).toBe(3)
  })

  it('ranks categories by cases received; a category with only a close still shows', () => {
    expect(figureCharts(CASES, day, 480).categories).toEqual([
      { code: '0102', received: 2, closed: 1 },
      { code: '0601', received: 1, closed: 1 },
      { code: '0403', received: 0, closed: 1 }
    ])
  })

  it('buckets a week by local calendar day (a Beijing midnight, not a UTC one)', () => {
    const week = { from: bj('2026-11-24 00:00'), to: bj('2026-12-01 00:00') }
    const charts = figureCharts(CASES, week, 480)
    expect(charts.bucket).toBe('day')
    expect(charts.trend.map((b) => b.from)).toEqual(['24', '25', '26', '27', '28', '29', '30'].map((d) => bj(`2026-11-${d} 00:00`).toISOString()))
    expect(charts.trend[5]).toMatchObject({ received: 1, closed: 0 })
    expect(charts.trend[6]).toMatchObject({ received: 3, closed: 3 })
  })

  it('is empty but complete for a period without cases', () => {
    const charts = figureCharts([], { from: bj('2026-11-30 08:00'), to: bj('2026-11-30 16:00') }, 480)
    expect(charts.trend).toHaveLength(8)
    expect(charts.trend.every((b) => b.received === 0 && b.closed === 0)).toBe(true)
    expect(charts.categories).toEqual([])
  })
})
