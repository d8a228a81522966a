// When a case counts as overdue (超期) on the map and the wall, on the hub's clock. The rule is
// src-shared/domain's isOverdue (a parity test holds them together); this form also says when a
// case *will* turn overdue, so the map can flip it on a timer without re-reading the store.
import type { IncidentSummary } from '../../src-shared/api'

type DeadlineFields = Pick<IncidentSummary, 'status' | 'deadlineAt' | 'pausedAt'>

/** Statuses whose clock does not run: finished, or 待核查 (the unit reported it done). */
const CLOCK_STOPPED: ReadonlySet<IncidentSummary['status']> = new Set(['closed', 'rejected', 'merged', 'resolved'])

export function deadlineMs(incident: Pick<IncidentSummary, 'deadlineAt'>): number | null {
  if (incident.deadlineAt === null) return null
  const ms = Date.parse(incident.deadlineAt)
  return Number.isNaN(ms) ? null : ms
}

/** The deadline if the case's clock is running (so it can become overdue), else null. */
export function runningDeadlineMs(incident: DeadlineFields): number | null {
  if (incident.pausedAt !== null || CLOCK_STOPPED.has(incident.status)) return null
  return deadlineMs(incident)
}

export function isOverdue(incident: DeadlineFields, nowMs: number): boolean {
  const deadline = runningDeadlineMs(incident)
  return deadline !== null && nowMs > deadline
}
