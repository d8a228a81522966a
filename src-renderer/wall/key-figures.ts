// The wall's key figures. The states (在办, 超期, 紧急) come from the cached case summaries on the hub's
// clock; the day's figures (今日立案, 今日结案, 按期结案率) are the domain's (metrics-table.ts over the
// log, fetched from the console core with getFigures for today), the very numbers the metrics view and
// the reports show. Pure: the same inputs give the same strip.
import { type IncidentSummary, startOfLocalDay } from '../../src-shared/api'
import { periodOf, type FigureRow } from '../../src-shared/domain'
import { isOpenStatus } from '../../src-shared/protocol'
import { isOverdue } from '../map/overdue'

export type KeyFigures = {
  /** 在办: every case not closed, rejected or merged. */
  open: number
  /** 超期: open cases past their deadline with the clock running. */
  overdue: number
  /** 紧急: open urgent cases. */
  urgent: number
  /** 今日立案: cases accepted today (the domain's `accepted` for today). */
  acceptedToday: number
  /** 今日结案: cases closed today (the domain's `closed`). */
  closedToday: number
  /** 按期结案率 for today, 0–1 (the domain's onTime, §6); null when nothing was due. */
  onTimeRate: number | null
}

// The same day boundary main uses to decide which finished cases the store holds (the live set's
// 'workday' window).
export { startOfLocalDay }

/** Today's period on the hall's calendar, as the wall asks the core for it. */
export function todayQuery(nowMs: number, utcOffsetMinutes: number): { from: string; to: string; by: 'street' } {
  const p = periodOf('today', nowMs, utcOffsetMinutes)
  return { from: p.from.toISOString(), to: p.to.toISOString(), by: 'street' }
}

export type DayFigures = Pick<FigureRow, 'counts' | 'rates'>

export function computeKeyFigures(incidents: Iterable<IncidentSummary>, nowMs: number, today: DayFigures | null): KeyFigures {
  const figures: KeyFigures = {
    open: 0,
    overdue: 0,
    urgent: 0,
    acceptedToday: today?.counts.accepted ?? 0,
    closedToday: today?.counts.closed ?? 0,
    onTimeRate: today?.rates.onTime == null ? null : today.rates.onTime / 100
  }
  for (const incident of incidents) {
    if (!isOpenStatus(incident.status)) continue
    figures.open++
    if (incident.urgency === 'urgent') figures.urgent++
    if (isOverdue(incident, nowMs)) figures.overdue++
  }
  return figures
}
