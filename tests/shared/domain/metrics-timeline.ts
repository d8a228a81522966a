// A hand-computed week of cases (Thu 2026-11-26 … Mon 11-30, Beijing) shared by the figures tests: a
// weekend, a suspension, a rework, an extension, a late close, an escalation settled by a district
// department, cases either side of the period's edges. The expected figures are worked out in the tests.
import { addWorkingTime, type TableIncident } from '../../../src-shared/domain'
import type { IncidentStatus, TimelineEntry } from '../../../src-shared/protocol'
import { beijing, bj } from './helpers'

const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }

export function e(action: string, when: string, to?: IncidentStatus, unitIds?: string[]): TimelineEntry {
  return { at: bj(`2026-${when}`).toISOString(), actor, action, ...(to ? { to } : {}), ...(unitIds ? { unitIds } : {}) }
}

type Extra = { pausedAt?: string; urgency?: 'normal' | 'urgent' }

export type TimelineCase = TableIncident & { code: string; urgency: 'normal' | 'urgent' | 'important' }

function kase(
  id: string,
  gridCode: string,
  categoryCode: string,
  status: IncidentStatus,
  reported: string,
  deadline: string | Date | null,
  assignees: string[],
  timeline: TimelineEntry[],
  extra: Extra = {}
): TimelineCase {
  return {
    id,
    code: `2026110000${id}`,
    urgency: extra.urgency ?? 'normal',
    status,
    gridCode,
    categoryCode,
    reportedAt: bj(`2026-${reported}`).toISOString(),
    deadlineAt: deadline === null ? null : deadline instanceof Date ? deadline.toISOString() : bj(`2026-${deadline}`).toISOString(),
    pausedAt: extra.pausedAt ? bj(`2026-${extra.pausedAt}`).toISOString() : null,
    assignees,
    timeline
  }
}

/** Streets 110101006 (communities …001 and …002) and 110101007. */
export const X = '110101006001007'
export const Y = '110101006002001'
export const Z = '110101007001001'

/** P's 4 working hours from 立案 Fri 16:10: 80 min on Friday, the weekend off, 160 min on Monday → 11:10. */
export const P_DEADLINE = addWorkingTime(bj('2026-11-27 16:10'), { value: 4, unit: 'working_hours' }, beijing)

export const P = kase('P', X, '0102', 'closed', '11-27 16:00', P_DEADLINE, ['u1'], [
  e('report', '11-27 16:00', 'reported'),
  e('accept', '11-27 16:10', 'accepted'),
  e('dispatch', '11-27 16:20', 'dispatched', ['u1']),
  e('sign', '11-27 17:00', 'in_progress', ['u1']),
  e('feedback', '11-30 09:00', 'resolved', ['u1']),
  e('verify', '11-30 09:30', 'closed', ['u1'])
])
/** Suspended a day, reworked, extended, closed late. */
export const Q = kase('Q', X, '0601', 'closed', '11-26 09:00', '11-30 11:30', ['u1'], [
  e('report', '11-26 09:00', 'reported'),
  e('accept', '11-26 09:05', 'accepted'),
  e('dispatch', '11-26 09:10', 'dispatched', ['u1']),
  e('sign', '11-26 09:40', 'in_progress', ['u1']),
  e('suspend', '11-26 10:00', 'suspended', ['u1']),
  e('resume', '11-27 10:00', 'in_progress', ['u1']),
  e('feedback', '11-27 14:00', 'resolved', ['u1']),
  e('verify', '11-27 15:00', 'dispatched', ['u1']),
  e('sign', '11-27 15:30', 'in_progress', ['u1']),
  e('extend', '11-27 16:00', 'in_progress', ['u1']),
  e('feedback', '11-30 11:00', 'resolved', ['u1']),
  e('verify', '11-30 12:00', 'closed', ['u1'])
])
/** Escalated to the district; the district department d1 settles it; the street verifies. */
export const R = kase('R', Y, '0102', 'closed', '11-26 10:00', '11-27 17:00', [], [
  e('report', '11-26 10:00', 'reported'),
  e('accept', '11-26 10:10', 'accepted'),
  e('escalate', '11-26 10:20', 'escalated'),
  e('feedback', '11-27 09:00', 'resolved', ['d1']),
  e('verify', '11-27 10:00', 'closed', ['d1'])
])
/** Reported on Saturday, dispatched to two units, overdue since Monday 09:00. */
export const S = kase(
  'S',
  Z,
  '0601',
  'in_progress',
  '11-28 10:00',
  '11-30 09:00',
  ['u1', 'u2'],
  [
    e('report', '11-28 10:00', 'reported'),
    e('accept', '11-28 10:30', 'accepted'),
    e('dispatch', '11-28 10:40', 'dispatched', ['u1', 'u2']),
    e('sign', '11-28 11:00', 'in_progress', ['u2']),
    e('urge', '11-30 10:00', 'in_progress', ['u1', 'u2'])
  ],
  { urgency: 'urgent' }
)
/** Closed before the period although its deadline falls in it: due in no period of ours. */
export const T = kase('T', X, '0102', 'closed', '11-25 09:00', '11-26 09:00', ['u2'], [
  e('report', '11-25 09:00', 'reported'),
  e('accept', '11-25 09:10', 'accepted'),
  e('dispatch', '11-25 09:20', 'dispatched', ['u2']),
  e('sign', '11-25 09:30', 'in_progress', ['u2']),
  e('feedback', '11-25 10:00', 'resolved', ['u2']),
  e('verify', '11-25 11:00', 'closed', ['u2'])
])
/** Either side of the period's edges (local midnight): W reported before, accepted inside; V reported just inside the end; U just after. */
export const W = kase('W', X, '0102', 'accepted', '11-25 23:59', null, [], [e('report', '11-25 23:59', 'reported'), e('accept', '11-26 00:01', 'accepted')])
export const V = kase('V', Z, '0601', 'reported', '11-30 23:50', null, [], [e('report', '11-30 23:50', 'reported')])
export const U = kase('U', Y, '0102', 'reported', '12-01 00:30', null, [], [e('report', '12-01 00:30', 'reported')])

/**
 * Open, dispatched to u2 before the period, its deadline Monday 20:00: later than NOW (18:00), so judged at
 * NOW it is not yet due (应结案 counts deadlines in [from, min(to, now))). It adds to no figure of the week
 * at NOW; under the old rule (any deadline in the period) it made dueToClose 5 and 按期结案率 40%.
 */
export const L = kase('L', Y, '0102', 'in_progress', '11-25 14:00', '11-30 20:00', ['u2'], [
  e('report', '11-25 14:00', 'reported'),
  e('accept', '11-25 14:10', 'accepted'),
  e('dispatch', '11-25 14:20', 'dispatched', ['u2']),
  e('sign', '11-25 15:00', 'in_progress', ['u2'])
])

export const WEEK = [P, Q, R, S, T, W, V, U, L]
/** Monday evening, 18:00: S is overdue. */
export const NOW = bj('2026-11-30 18:00').getTime()
