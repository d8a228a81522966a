// The figures table against the hand-computed week in metrics-timeline.ts: every figure, the totals over
// partitions, by-unit overlap, rates against counts, period edges on the calendar, and drill-down.
import { FigureCountKey } from '../../../src-shared/api'
import { describe, expect, it } from 'vitest'
import {
  casesBehind,
  caseRecord,
  DIMENSIONS,
  figuresTable,
  periodOf,
  periodOfDays,
  type FigureCounts,
  type FigureRow
} from '../../../src-shared/domain'
import { bj } from './helpers'
import { L, NOW, P, P_DEADLINE, Q, R, S, T, U, V, W, WEEK, X, Y, Z } from './metrics-timeline'

const HOUR = 3_600_000
const MIN = 60_000
const OFFSET = 480
const period = periodOfDays('2026-11-26', '2026-11-30', OFFSET)
const opts = { nowMs: NOW, offsetMinutes: OFFSET }

describe('the hand-computed week, overall', () => {
  const { total } = figuresTable(WEEK, period, 'street', opts)

  it('P’s deadline runs across the weekend on the working calendar', () => {
    expect(P_DEADLINE.toISOString()).toBe(bj('2026-11-30 11:10').toISOString())
  })

  it('counts', () => {
    expect(total.counts).toEqual({
      received: 5, // P Q R S V (W before the start, U after the end)
      accepted: 5, // P Q R S W
      dispatched: 3, // P Q S
      closed: 3, // P Q R
      closedOnTime: 2, // P (09:30 ≤ 11:10) and R (settled by the district by 17:00); Q closed 12:00 > 11:30
      // 应结案 = closed in the period (P Q R) + deadlines in [Thu 00:00, min(Tue 00:00, NOW Mon 18:00)) not
      // closed before the period: S (Mon 09:00). T's deadline Thu 09:00 is in, but T closed on Wed; L's
      // Mon 20:00 is after NOW, not yet due (the old rule counted it: 5).
      dueToClose: 4,
      reworked: 1, // Q
      extended: 1, // Q
      urged: 1, // S
      returns: 0,
      signs: 4, // P 40 min, Q 30 + 30 (after its rework), S 20
      meanTimeToSignMs: 30 * MIN,
      settledWithoutEscalation: 2, // P Q; R went to the district
      escalated: 1, // R
      meanTimeToCloseMs: ((65.5 + 99 + 24) / 3) * HOUR, // P 65.5 h, Q 99 h, R 24 h
      overdueNow: 1 // S at Monday 18:00
    })
  })

  it('rates in percent, two decimals, by the §6 formulas', () => {
    expect(total.rates).toEqual({
      acceptance: 100,
      dispatch: 60,
      closure: 75,
      onTime: 50,
      rework: 25,
      extension: 25,
      settledWithoutEscalation: 66.67
    })
  })
})

// Every count of the contract (src-shared/api/figures.ts) adds up over a dimension with one of each.
const SUMMABLE: readonly (keyof FigureCounts)[] = FigureCountKey.options
const sum = (rows: FigureRow[], k: keyof FigureCounts): number => rows.reduce((n, r) => n + (r.counts[k] ?? 0), 0)

describe('totals over a partition equal the overall figures', () => {
  for (const by of ['street', 'community', 'grid', 'category', 'shift'] as const) {
    it(by, () => {
      const table = figuresTable(WEEK, period, by, opts)
      expect(table.rowsOverlap).toBe(false)
      for (const k of SUMMABLE) expect(sum(table.rows, k), `${by}.${k}`).toBe(table.total.counts[k])
    })
  }

  it('rows by street, community and grid', () => {
    expect(figuresTable(WEEK, period, 'street', opts).rows.map((r) => [r.key, r.counts.received, r.counts.closed])).toEqual([
      ['110101006', 3, 3], // P Q R
      ['110101007', 2, 0] // S V
    ])
    expect(figuresTable(WEEK, period, 'community', opts).rows.map((r) => r.key)).toEqual([X.slice(0, 12), Y.slice(0, 12), Z.slice(0, 12)])
    expect(figuresTable(WEEK, period, 'grid', opts).rows.map((r) => r.key)).toEqual([X, Y, Z])
  })

  it('by category', () => {
    const rows = figuresTable(WEEK, period, 'category', opts).rows
    expect(rows.map((r) => [r.key, r.counts.dueToClose, r.counts.closedOnTime, r.rates.onTime])).toEqual([
      ['0102', 2, 2, 100], // P R; L (0102, deadline Mon 20:00) not yet due at 18:00 (old rule: 3 due, 66.67)
      ['0601', 2, 0, 0] // Q late, S open
    ])
  })

  it('by shift: fifteen 8-hour shifts, overdue-now only in the shift holding now', () => {
    const rows = figuresTable(WEEK, period, 'shift', opts).rows
    expect(rows).toHaveLength(15)
    expect(rows[0]?.key).toBe('2026-11-26-S1')
    expect(rows.find((r) => r.counts.overdueNow > 0)?.key).toBe('2026-11-30-S3')
    expect(rows.find((r) => r.key === '2026-11-30-S2')?.counts).toMatchObject({ closed: 2, dueToClose: 3, closedOnTime: 1 }) // P Q close; S's deadline 09:00
    // S3 (16:00–24:00) holds L's 20:00 deadline, but judged at 18:00 it is not reached: nothing due yet.
    expect(rows.find((r) => r.key === '2026-11-30-S3')?.counts.dueToClose).toBe(0)
  })
})

describe('by unit a case with several units counts once for each', () => {
  const table = figuresTable(WEEK, period, 'unit', opts)
  const byKey = Object.fromEntries(table.rows.map((r) => [r.key, r]))

  it('rows overlap and say so', () => {
    expect(table.rowsOverlap).toBe(true)
    expect(Object.keys(byKey)).toEqual(['d1', 'u1', 'u2'])
    expect(byKey.u1?.counts.overdueNow).toBe(1) // S
    expect(byKey.u2?.counts.overdueNow).toBe(1) // S again
    expect(sum(table.rows, 'overdueNow')).toBe(2)
    expect(table.total.counts.overdueNow).toBe(1)
  })

  it('the district department is judged on the case it settled', () => {
    // d1 is named only by its feedback and the close it earned: closed 10:00, within R's 17:00 deadline.
    expect(byKey.d1?.counts).toMatchObject({ closed: 1, closedOnTime: 1, dueToClose: 1, dispatched: 0 })
  })

  it('u2: S due; L’s 20:00 deadline not yet due at 18:00', () => {
    expect(byKey.u2?.counts).toMatchObject({ dueToClose: 1, closed: 0, overdueNow: 1 })
  })

  it('u1: P Q closed, S due', () => {
    expect(byKey.u1?.counts).toMatchObject({ dispatched: 3, closed: 2, closedOnTime: 1, dueToClose: 3, reworked: 1, extended: 1 })
  })
})

describe('rates agree with their counts in every row of every dimension', () => {
  for (const by of DIMENSIONS) {
    it(by, () => {
      const t = figuresTable(WEEK, period, by, opts)
      for (const r of [...t.rows, t.total]) {
        const p = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 100)
        expect(r.rates).toEqual({
          acceptance: p(r.counts.accepted, r.counts.received),
          dispatch: p(r.counts.dispatched, r.counts.accepted),
          closure: p(r.counts.closed, r.counts.dueToClose),
          onTime: p(r.counts.closedOnTime, r.counts.dueToClose),
          rework: p(r.counts.reworked, r.counts.dueToClose),
          extension: p(r.counts.extended, r.counts.dueToClose),
          settledWithoutEscalation: p(r.counts.settledWithoutEscalation, r.counts.closed)
        })
        expect(r.counts.closed).toBeLessThanOrEqual(r.counts.dueToClose)
        expect(r.counts.closedOnTime).toBeLessThanOrEqual(r.counts.closed)
      }
    })
  }
})

describe('periods on the calendar', () => {
  it('a range of local days ends at local midnight after --to', () => {
    expect(period.from.toISOString()).toBe(bj('2026-11-26 00:00').toISOString())
    expect(period.to.toISOString()).toBe(bj('2026-12-01 00:00').toISOString())
    expect(() => periodOfDays('2026-11-30', '2026-11-26', OFFSET)).toThrow(/before/)
  })

  it('the boundary: V at 23:50 is in, U at 00:30 the next day is in the next period', () => {
    const next = periodOfDays('2026-12-01', '2026-12-01', OFFSET)
    expect(figuresTable([U, V], period, 'street', opts).total.counts.received).toBe(1)
    expect(figuresTable([U, V], next, 'street', opts).total.counts.received).toBe(1)
    expect(figuresTable([W], period, 'street', opts).total.counts).toMatchObject({ received: 0, accepted: 1 })
  })

  it('this shift, today, this week (from Monday), this month', () => {
    const now = bj('2026-11-29 18:30').getTime() // a Sunday
    const iso = (p: { from: Date; to: Date }): string[] => [p.from.toISOString(), p.to.toISOString()]
    expect(iso(periodOf('shift', now, OFFSET))).toEqual(iso({ from: bj('2026-11-29 16:00'), to: bj('2026-11-30 00:00') }))
    expect(iso(periodOf('today', now, OFFSET))).toEqual(iso({ from: bj('2026-11-29 00:00'), to: bj('2026-11-30 00:00') }))
    expect(iso(periodOf('week', now, OFFSET))).toEqual(iso({ from: bj('2026-11-23 00:00'), to: bj('2026-11-30 00:00') }))
    expect(iso(periodOf('month', now, OFFSET))).toEqual(iso({ from: bj('2026-11-01 00:00'), to: bj('2026-12-01 00:00') }))
    // 07:30 local is still the night shift of the same local day, though UTC says the day before.
    expect(iso(periodOf('shift', bj('2026-11-30 07:30').getTime(), OFFSET))).toEqual(iso({ from: bj('2026-11-30 00:00'), to: bj('2026-11-30 08:00') }))
  })
})

describe('a deadline later today is not yet due', () => {
  const today = periodOf('today', NOW, OFFSET)
  it('at 18:00 L (20:00) is not due; at 21:00 it is, and 按期结案率 falls', () => {
    // Today (Mon): P Q closed, S due 09:00 → 3 due, 1 on time. L joins once 20:00 has passed.
    expect(figuresTable(WEEK, today, 'street', opts).total.counts).toMatchObject({ dueToClose: 3, closedOnTime: 1 })
    expect(casesBehind(WEEK, today, 'street', 'total', 'dueToClose', opts)).toEqual(['P', 'Q', 'S'])
    const at21 = { nowMs: bj('2026-11-30 21:00').getTime(), offsetMinutes: OFFSET }
    expect(figuresTable(WEEK, today, 'street', at21).total.counts).toMatchObject({ dueToClose: 4, closedOnTime: 1 })
    expect(figuresTable(WEEK, today, 'street', at21).total.rates.onTime).toBe(25)
    expect(casesBehind(WEEK, today, 'street', 'total', 'dueToClose', at21)).toEqual(['P', 'Q', 'S', 'L'])
  })

  it('at 02:14 nothing of the day is due yet (the wall read 3.9%)', () => {
    // The open cases as they stood at 02:14 (P and Q close later that morning, so they are left out):
    // S due 09:00 and L due 20:00 are both ahead. Old rule: 2 due, 0 on time → 0%; now nothing is due.
    const early = { nowMs: bj('2026-11-30 02:14').getTime(), offsetMinutes: OFFSET }
    expect(figuresTable([S, L, T], today, 'street', early).total.counts.dueToClose).toBe(0)
    expect(figuresTable([S, L, T], today, 'street', early).total.rates.onTime).toBeNull()
  })
})

describe('drill-down: the cases behind a figure', () => {
  it('total and row figures list the cases that make them', () => {
    expect(casesBehind(WEEK, period, 'street', 'total', 'closedOnTime', opts)).toEqual(['P', 'R'])
    expect(casesBehind(WEEK, period, 'street', 'total', 'received', opts)).toEqual(['P', 'Q', 'R', 'S', 'V'])
    expect(casesBehind(WEEK, period, 'unit', 'u2', 'overdueNow', opts)).toEqual(['S'])
    expect(casesBehind(WEEK, period, 'category', '0601', 'reworked', opts)).toEqual(['Q'])
    expect(casesBehind(WEEK, period, 'shift', '2026-11-30-S3', 'overdueNow', opts)).toEqual(['S'])
    expect(casesBehind(WEEK, period, 'shift', '2026-11-30-S1', 'overdueNow', opts)).toEqual([])
  })

  it('every count of every row has exactly that many cases behind it (partitions)', () => {
    for (const by of ['street', 'grid', 'category'] as const) {
      const t = figuresTable(WEEK, period, by, opts)
      for (const r of t.rows) {
        for (const k of ['received', 'closed', 'closedOnTime', 'dueToClose', 'overdueNow'] as const) {
          expect(casesBehind(WEEK, period, by, r.key, k, opts), `${by}/${r.key}/${k}`).toHaveLength(r.counts[k])
        }
      }
    }
  })
})

describe('case records for the exports', () => {
  it('times, counts and on-time by the figures’ rule', () => {
    expect(caseRecord({ ...Q, code: 'Q1', urgency: 'normal' })).toEqual({
      code: 'Q1',
      street: '110101006',
      community: '110101006001',
      grid: X,
      unit: 'u1',
      category: '0601',
      status: 'closed',
      urgency: 'normal',
      receivedAt: Q.reportedAt,
      acceptedAt: bj('2026-11-26 09:05').toISOString(),
      dispatchedAt: bj('2026-11-26 09:10').toISOString(),
      signedAt: bj('2026-11-26 09:40').toISOString(),
      closedAt: bj('2026-11-30 12:00').toISOString(),
      deadline: Q.deadlineAt,
      onTime: false,
      reworks: 1,
      extensions: 1,
      escalations: 0
    })
    expect(caseRecord(P).onTime).toBe(true)
    expect(caseRecord(R)).toMatchObject({ onTime: true, escalations: 1, acceptedAt: bj('2026-11-26 10:10').toISOString(), dispatchedAt: null })
    expect(caseRecord(S)).toMatchObject({ onTime: null, closedAt: null, unit: 'u1;u2', urgency: 'urgent' })
    expect(caseRecord(T).onTime).toBe(true)
  })
})
