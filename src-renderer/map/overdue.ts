// When a case counts as overdue (超期) on the map and the wall: open, with a deadline that has
// passed on the hub's clock, and a clock that is not paused (挂账 or an approved extension).
import type { IncidentSummary } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'

type DeadlineFields = Pick<IncidentSummary, 'status' | 'deadlineAt' | 'pausedAt'>

export function deadlineMs(incident: DeadlineFields): number | null {
  if (incident.deadlineAt === null) return null
  const ms = Date.parse(incident.deadlineAt)
  return Number.isNaN(ms) ? null : ms
}

export function isOverdue(incident: DeadlineFields, nowMs: number): boolean {
  if (!isOpenStatus(incident.status) || incident.pausedAt !== null) return false
  const deadline = deadlineMs(incident)
  return deadline !== null && deadline < nowMs
}
