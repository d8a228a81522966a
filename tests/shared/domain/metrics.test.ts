// Evaluation metrics against a hand-computed example: overall, per unit, grid, community, street, shift.
import { describe, expect, it } from 'vitest'
import { computeMetrics, computeMetricsReport, type MetricsIncident } from '../../../src-shared/domain'
import type { IncidentStatus, TimelineEntry } from '../../../src-shared/protocol'
import { bj } from './helpers'

const MIN = 60_000
const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }

/** A timeline entry at a Beijing local time ('11-23 01:00' → 2026-11-23 01:00 +08:00). */
function e(action: string, when: string, to?: IncidentStatus, unitIds?: string[]): TimelineEntry {
  return { at: bj(`2026-${when}`).toISOString(), actor, action, ...(to ? { to } : {}), ...(unitIds ? { unitIds } : {}) }
}

function kase(
  id: string,
  gridCode: string,
  status: IncidentStatus,
  reported: string,
  deadline: string | null,
  assignees: string[],
  timeline: TimelineEntry[],
  pausedAt: string | null = null
): MetricsIncident {
  return {
    id,
    status,
    gridCode,
    reportedAt: bj(`2026-${reported}`).toISOString(),
    deadlineAt: deadline === null ? null : bj(`2026-${deadline}`).toISOString(),
    pausedAt: pausedAt === null ? null : bj(`2026-${pausedAt}`).toISOString(),
    assignees,
    timeline
  }
}

const X = '110101006001007'
const Y = '110101006002001'
const Z = '110101007001001'

const A = kase('A', X, 'closed', '11-23 01:00', '11-23 05:00', ['u1'], [
  e('report', '11-23 01:00', 'reported'),
  e('accept', '11-23 01:10', 'accepted'),
  e('dispatch', '11-23 01:20', 'dispatched', ['u1']),
  e('sign', '11-23 01:50', 'in_progress', ['u1']),
  e('feedback', '11-23 02:30', 'resolved', ['u1']),
  e('verify', '11-23 03:00', 'closed', ['u1'])
])
const B = kase('B', X, 'dispatched', '11-23 01:00', '11-23 08:00', ['u1'], [
  e('report', '11-23 01:00', 'reported'),
  e('accept', '11-23 01:30', 'accepted'),
  e('dispatch', '11-23 02:00', 'dispatched', ['u2']),
  e('sign', '11-23 03:00', 'in_progress', ['u2']),
  e('return', '11-23 03:30', 'accepted', ['u2']),
  e('dispatch', '11-23 04:00', 'dispatched', ['u1']),
  e('urge', '11-23 09:00', 'dispatched', ['u1'])
])
const C = kase('C', Y, 'rejected', '11-23 02:00', null, [], [e('report', '11-23 02:00', 'reported'), e('reject', '11-23 02:10', 'rejected')])
const D = kase('D', Y, 'closed', '11-22 10:00', '11-23 09:00', ['u1'], [
  e('report', '11-22 10:00', 'reported'),
  e('accept', '11-22 10:10', 'accepted'),
  e('escalate', '11-22 10:20', 'escalated'),
  e('deescalate', '11-22 11:00', 'accepted'),
  e('dispatch', '11-22 11:30', 'dispatched', ['u1']),
  e('sign', '11-22 12:00', 'in_progress', ['u1']),
  e('feedback', '11-22 13:00', 'resolved', ['u1']),
  e('verify', '11-23 02:00', 'dispatched', ['u1']),
  e('sign', '11-23 02:40', 'in_progress', ['u1']),
  e('extend', '11-23 03:00', 'in_progress', ['u1']),
  e('feedback', '11-23 08:00', 'resolved', ['u1']),
  e('verify', '11-23 10:00', 'closed', ['u1'])
])
const E = kase('E', X, 'suspended', '11-22 09:00', '11-23 05:00', ['u1'], [
  e('report', '11-22 09:00', 'reported'),
  e('accept', '11-22 09:10', 'accepted'),
  e('dispatch', '11-22 09:30', 'dispatched', ['u1']),
  e('suspend', '11-22 10:00', 'suspended', ['u1'])
], '11-22 10:00')
const F = kase('F', X, 'closed', '11-22 08:00', '11-23 05:00', ['u1'], [
  e('report', '11-22 08:00', 'reported'),
  e('accept', '11-22 08:10', 'accepted'),
  e('dispatch', '11-22 08:20', 'dispatched', ['u1']),
  e('sign', '11-22 08:30', 'in_progress', ['u1']),
  e('feedback', '11-22 09:00', 'resolved', ['u1']),
  e('verify', '11-22 10:00', 'closed', ['u1'])
])
const G = kase('G', Z, 'accepted', '11-23 12:00', null, [], [e('report', '11-23 12:00', 'reported'), e('accept', '11-23 12:30', 'accepted')])

const ALL = [A, B, C, D, E, F, G]
const day = { from: bj('2026-11-23 00:00'), to: bj('2026-11-24 00:00') }
/** Judged after the day's end: every deadline of the day has been reached (see 'judged during the day'). */
const END = day.to

describe('overall metrics over a day', () => {
  const { counts, rates } = computeMetrics(ALL, day, END)
  it('counts', () => {
    expect(counts).toEqual({
      received: 4, // A B C G
      accepted: 3, // A B G (D was accepted the day before)
      dispatched: 2, // A, B (twice, counted once)
      closed: 2, // A, D
      closedOnTime: 1, // A; D closed 10:00 after its 09:00 deadline
      dueToClose: 3, // A D closed + B's deadline; E is paused, F closed before the day
      reworked: 1, // D
      extended: 1, // D
      urged: 1,
      returns: 1,
      signs: 3, // A 30 min, B 60 min, D 40 min after its rework
      meanTimeToSignMs: (130 / 3) * MIN,
      settledWithoutEscalation: 1, // A; D was escalated before closing
      escalated: 0, // D was escalated the day before
      meanTimeToCloseMs: ((120 + 24 * 60) / 2) * MIN // A 2 h, D 24 h
    })
  })
  it('rates', () => {
    expect(rates).toEqual({
      acceptance: 3 / 4,
      dispatch: 2 / 3,
      closure: 2 / 3,
      onTimeClosure: 1 / 3,
      rework: 1 / 3,
      extension: 1 / 3,
      settledWithoutEscalation: 1 / 2
    })
  })
})

describe('grouped metrics', () => {
  const report = computeMetricsReport(ALL, day, END, [
    { shiftId: 'night', from: bj('2026-11-23 00:00'), to: bj('2026-11-23 08:00') },
    { shiftId: 'day', from: bj('2026-11-23 08:00'), to: bj('2026-11-23 16:00') },
    { shiftId: 'late', from: bj('2026-11-23 20:00'), to: bj('2026-11-24 08:00') },
    { shiftId: 'before', from: bj('2026-11-22 08:00'), to: bj('2026-11-22 16:00') }
  ])

  it('overall equals computeMetrics', () => {
    expect(report.overall).toEqual(computeMetrics(ALL, day, END))
  })

  it('per unit: only the events that name the unit', () => {
    expect(Object.keys(report.byUnit)).toEqual(['u1', 'u2'])
    expect(report.byUnit.u1?.counts).toMatchObject({
      received: 2,
      dispatched: 2, // A, and B's second dispatch
      closed: 2,
      closedOnTime: 1,
      dueToClose: 3, // A D closed, B's deadline while u1 holds it
      reworked: 1,
      extended: 1,
      urged: 1,
      returns: 0, // the bounce was u2's
      signs: 2,
      meanTimeToSignMs: 35 * MIN
    })
    expect(report.byUnit.u2?.counts).toMatchObject({ dispatched: 1, returns: 1, signs: 1, meanTimeToSignMs: 60 * MIN, closed: 0, dueToClose: 0 })
    expect(report.byUnit.u2?.rates.closure).toBeNull()
  })

  it('per grid, community and street', () => {
    expect(Object.keys(report.byGrid)).toEqual([X, Y, Z])
    expect(report.byGrid[X]?.counts).toMatchObject({ received: 2, accepted: 2, dispatched: 2, closed: 1, dueToClose: 2, closedOnTime: 1 })
    expect(report.byGrid[X]?.rates.closure).toBe(0.5)
    expect(report.byGrid[Y]?.counts).toMatchObject({ received: 1, accepted: 0, closed: 1, dueToClose: 1, closedOnTime: 0 })
    expect(report.byGrid[Y]?.rates).toMatchObject({ acceptance: 0, dispatch: null, closure: 1, onTimeClosure: 0, settledWithoutEscalation: 0 })
    expect(Object.keys(report.byCommunity)).toEqual(['110101006001', '110101006002', '110101007001'])
    expect(report.byCommunity['110101006001']).toEqual(report.byGrid[X])
    expect(Object.keys(report.byStreet)).toEqual(['110101006', '110101007'])
    expect(report.byStreet['110101006']?.counts).toMatchObject({ received: 3, closed: 2, dueToClose: 3 })
    expect(report.byStreet['110101007']?.counts).toMatchObject({ received: 1, accepted: 1, dispatched: 0 })
    expect(report.byStreet['110101007']?.rates.dispatch).toBe(0)
  })

  it('per shift, clipped to the period', () => {
    const [night, dayShift, late, before] = report.byShift
    expect(night?.metrics.counts).toMatchObject({ received: 3, accepted: 2, dispatched: 2, closed: 1, dueToClose: 1, returns: 1, urged: 0, signs: 3 })
    expect(night?.metrics.rates.closure).toBe(1)
    expect(dayShift?.metrics.counts).toMatchObject({ received: 1, closed: 1, dueToClose: 2, urged: 1, signs: 0, meanTimeToSignMs: null })
    expect(dayShift?.metrics.rates.closure).toBe(0.5)
    expect(late).toMatchObject({ shiftId: 'late', from: bj('2026-11-23 20:00').toISOString(), to: day.to.toISOString() })
    expect(late?.metrics.counts.received).toBe(0)
    expect(before?.from).toBe(before?.to)
    expect(before?.metrics.rates).toEqual({
      acceptance: null,
      dispatch: null,
      closure: null,
      onTimeClosure: null,
      rework: null,
      extension: null,
      settledWithoutEscalation: null
    })
  })
})

describe('edge cases', () => {
  it('no cases: zero counts, null rates and mean', () => {
    const m = computeMetrics([], day, END)
    expect(m.counts.received).toBe(0)
    expect(m.counts.meanTimeToSignMs).toBeNull()
    expect(Object.values(m.rates).every((r) => r === null)).toBe(true)
  })

  it('a close undone by a later reopen counts as closed but not on time', () => {
    const H = kase('H', X, 'accepted', '11-23 01:00', null, [], [
      e('report', '11-23 01:00', 'reported'),
      e('verify', '11-23 02:00', 'closed', ['u1']),
      e('reopen', '11-23 05:00', 'accepted')
    ])
    expect(computeMetrics([H], day, END).counts).toMatchObject({ closed: 1, closedOnTime: 0, dueToClose: 1 })
  })

  it('a case closed early is due in the period it closed, not in its deadline period', () => {
    const early = kase('I', X, 'closed', '11-22 09:00', '11-23 12:00', ['u1'], [e('verify', '11-22 10:00', 'closed', ['u1'])])
    expect(computeMetrics([early], day, END).counts.dueToClose).toBe(0)
    expect(computeMetrics([early], { from: bj('2026-11-22 00:00'), to: day.from }, END).counts).toMatchObject({ closed: 1, closedOnTime: 1, dueToClose: 1 })
  })

  it('an overdue open case is due but not closed', () => {
    const late = kase('J', X, 'in_progress', '11-22 09:00', '11-23 11:00', ['u1'], [e('sign', '11-22 10:00', 'in_progress', ['u1'])])
    expect(computeMetrics([late], day, END).rates).toMatchObject({ closure: 0, onTimeClosure: 0 })
  })

  it('judged during the day: a deadline later today is not yet due', () => {
    // The wall at 02:14 read 3.9% because every deadline of the whole day counted as due. K is open with
    // its deadline at 20:00; A closed on time at 03:00 (deadline 05:00).
    const K = kase('K', X, 'in_progress', '11-23 01:00', '11-23 20:00', ['u1'], [e('report', '11-23 01:00', 'reported'), e('sign', '11-23 01:30', 'in_progress', ['u1'])])
    // 07:00: due = A (closed in the period); K's 20:00 deadline is not reached → 1 due, 1 on time, 100%.
    expect(computeMetrics([A, K], day, bj('2026-11-23 07:00')).counts).toMatchObject({ closed: 1, closedOnTime: 1, dueToClose: 1 })
    expect(computeMetrics([A, K], day, bj('2026-11-23 07:00')).rates.onTimeClosure).toBe(1)
    // 19:59: not reached; at 20:00 exactly still not ([from, now) excludes now); at 20:01 it is due.
    expect(computeMetrics([A, K], day, bj('2026-11-23 19:59')).counts.dueToClose).toBe(1)
    expect(computeMetrics([A, K], day, bj('2026-11-23 20:00')).counts.dueToClose).toBe(1)
    expect(computeMetrics([A, K], day, bj('2026-11-23 20:01')).counts.dueToClose).toBe(2)
    // After the day: A and K due, A on time → 50%; a `now` past the end changes nothing more.
    expect(computeMetrics([A, K], day, END).rates.onTimeClosure).toBe(0.5)
    expect(computeMetrics([A, K], day, bj('2026-12-31 00:00')).counts.dueToClose).toBe(2)
  })
})
