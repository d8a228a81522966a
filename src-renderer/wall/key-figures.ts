// The wall's key figures, computed from the cached case summaries on the hub's clock and the
// centre's working day (calendar utcOffsetMinutes). Pure: the same inputs give the same strip.
// The store holds open cases and those finished today (main's live set), which is all they need.
import { type IncidentSummary, startOfLocalDay } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import { deadlineMs, isOverdue } from '../map/overdue'

export type KeyFigures = {
  /** 在办: every case not closed, rejected or merged. */
  open: number
  /** 超期: open cases past their deadline with the clock running. */
  overdue: number
  /** 紧急: open urgent cases. */
  urgent: number
  /** 今日立案: reported today and accepted since (a summary carries no timeline, so reportedAt stands for the day). */
  acceptedToday: number
  /** 今日结案: closed today (updatedAt of a closed case is its closing time). */
  closedToday: number
  /**
   * 按期结案率 for today, 0–1: closed on time / due to close, where due to close is every case
   * closed today plus every open case whose deadline fell today and has passed. Null when none.
   */
  onTimeRate: number | null
}

/** Statuses a case can only reach after 立案. */
const NOT_ACCEPTED: ReadonlySet<IncidentSummary['status']> = new Set(['reported', 'rejected', 'merged'])

// The same day boundary main uses to decide which finished cases the store holds (the live set's
// 'workday' window): every case counted here as today's is one the store has.
export { startOfLocalDay }

export function computeKeyFigures(
  incidents: Iterable<IncidentSummary>,
  nowMs: number,
  utcOffsetMinutes: number
): KeyFigures {
  const dayStart = startOfLocalDay(nowMs, utcOffsetMinutes)
  const isToday = (iso: string): boolean => {
    const ms = Date.parse(iso)
    return ms >= dayStart && ms <= nowMs
  }
  const figures: KeyFigures = { open: 0, overdue: 0, urgent: 0, acceptedToday: 0, closedToday: 0, onTimeRate: null }
  let due = 0
  let onTime = 0
  for (const incident of incidents) {
    const deadline = deadlineMs(incident)
    if (isOpenStatus(incident.status)) {
      figures.open++
      if (incident.urgency === 'urgent') figures.urgent++
      if (isOverdue(incident, nowMs)) {
        figures.overdue++
        if (deadline !== null && deadline >= dayStart) due++
      }
    }
    if (!NOT_ACCEPTED.has(incident.status) && isToday(incident.reportedAt)) figures.acceptedToday++
    if (incident.status === 'closed' && isToday(incident.updatedAt)) {
      figures.closedToday++
      due++
      if (deadline === null || Date.parse(incident.updatedAt) <= deadline) onTime++
    }
  }
  figures.onTimeRate = due === 0 ? null : onTime / due
  return figures
}
