// Deadlines (处置时限) of cases: computing them from a category's limit, pausing them while a case is
// suspended (挂账), and telling whether a case is overdue (超期). Time is always a parameter.
import type { Calendar, Category, Incident, Urgency } from '../protocol'
import { addWorkingTime, workingMsBetween, addWorkingMs, limitAsWallMs } from './working-calendar'
import { timeState } from './time-state'

/**
 * Deadline of a case dispatched at `from`. Urgent cases run on the wall clock even when the category's
 * limit is in working units (a gas leak at 03:00 cannot wait for 08:30): 1 working hour = 60 min and
 * 1 working day = one working day's working time, both as wall time.
 */
export function computeDeadline(
  category: Pick<Category, 'limit'>,
  urgency: Urgency,
  from: Date,
  cal: Calendar
): Date {
  if (urgency === 'urgent') return new Date(from.getTime() + limitAsWallMs(category.limit, cal))
  return addWorkingTime(from, category.limit, cal)
}

/**
 * The deadline after a pause [pausedAt, resumedAt): pushed later by the working time the pause covered
 * (wall time for urgent cases), so a case parked over a weekend loses no working time and gains none.
 */
export function deadlineAfterPause(
  deadline: Date,
  pausedAt: Date,
  resumedAt: Date,
  urgency: Urgency,
  cal: Calendar
): Date {
  const pausedWall = Math.max(0, resumedAt.getTime() - pausedAt.getTime())
  if (urgency === 'urgent') return new Date(deadline.getTime() + pausedWall)
  return addWorkingMs(deadline, workingMsBetween(pausedAt, resumedAt, cal), cal)
}

type DeadlineFields = Pick<Incident, 'status' | 'deadlineAt' | 'pausedAt'>

/** Overdue (超期), as the one clock rule (time-state.ts) decides it. */
export function isOverdue(incident: DeadlineFields, now: Date): boolean {
  return timeState(incident, now.getTime()) === 'overdue'
}

/**
 * Wall-clock ms until the deadline (negative when past), or null without one. While paused the remainder
 * is frozen at its value when the pause began; on resume the hub pushes the deadline by the paused
 * working time, so the figure can differ slightly from this frozen one for non-urgent cases.
 */
export function remainingMs(incident: Pick<Incident, 'deadlineAt' | 'pausedAt'>, now: Date): number | null {
  if (incident.deadlineAt === null) return null
  const reference = incident.pausedAt !== null ? Date.parse(incident.pausedAt) : now.getTime()
  return Date.parse(incident.deadlineAt) - reference
}
