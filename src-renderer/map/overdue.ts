// When a case counts as overdue (超期) on the map and the wall, on the hub's clock: the domain's one
// clock rule (src-shared/domain/time-state.ts). This form also says when a case *will* turn
// overdue, so the map can flip it on a timer without re-reading the store.
import type { IncidentSummary } from '../../src-shared/api'
import { caseClock } from '../../src-shared/domain'

type DeadlineFields = Pick<IncidentSummary, 'status' | 'deadlineAt' | 'pausedAt'>

export function deadlineMs(incident: Pick<IncidentSummary, 'deadlineAt'>): number | null {
  if (incident.deadlineAt === null) return null
  const ms = Date.parse(incident.deadlineAt)
  return Number.isNaN(ms) ? null : ms
}

/** The deadline if the case's clock is running (so it can become overdue), else null. */
export function runningDeadlineMs(incident: DeadlineFields): number | null {
  return caseClock(incident, 0).runningDeadlineMs
}

export function isOverdue(incident: DeadlineFields, nowMs: number): boolean {
  return caseClock(incident, nowMs).state === 'overdue'
}
