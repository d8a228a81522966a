// Deadlines (处置时限) of cases: computing them from a category's limit, pausing them while a case is
// suspended (挂账), and telling whether a case is overdue (超期). Time is always a parameter.
import type { Calendar, Category, Incident, Urgency } from '../protocol'
import { addWorkingTime, workingMsBetween, addWorkingMs, limitAsWallMs } from './working-calendar'

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

/**
 * Overdue: an open case with a deadline that has passed, whose clock is running. Not overdue while
 * paused (suspended), nor once resolved (待核查: the unit has reported it done; verification is the
 * hall's own step), nor when closed, rejected or merged.
 */
export function isOverdue(incident: DeadlineFields, now: Date): boolean {
  if (incident.deadlineAt === null || incident.pausedAt !== null) return false
  if (['closed', 'rejected', 'merged', 'resolved'].includes(incident.status)) return false
  return now.getTime() > Date.parse(incident.deadlineAt)
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
