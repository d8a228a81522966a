// How one case looks to the map: a point with the few properties the incident layers style on.
// Pure, so the source diff and the benchmark build exactly what the map shows.
import type { Feature, Point } from './geo-types'
import type { IncidentSummary } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import type { Projector } from './coords'
import { isOverdue } from './overdue'

export type IncidentProps = {
  id: string
  urgency: IncidentSummary['urgency']
  status: IncidentSummary['status']
  /** Major category code ('01'…), drawn on the dot as its category mark. */
  major: string
  /** 1 or 0 rather than a boolean, so cluster aggregation can add them up. */
  overdue: 0 | 1
  urgent: 0 | 1
  /** 1 for a case closed today, drawn faint when the legend toggle shows those. */
  closed: 0 | 1
}
export type IncidentFeature = Feature<Point, IncidentProps>

/**
 * What the situation map draws: the open cases (everything but closed, rejected, merged), and,
 * when asked, cases closed since `closedSinceMs` (the start of today). A district's cache holds a
 * year of mostly closed cases; the map shows the work still to do.
 */
export type MapFilter = { closedSinceMs: number | null }

export const OPEN_ONLY: MapFilter = { closedSinceMs: null }

export function isClosedSince(incident: Pick<IncidentSummary, 'status' | 'updatedAt'>, sinceMs: number): boolean {
  // A closed case changes no more (a reopen makes it open again), so its last update is its closing.
  return incident.status === 'closed' && Date.parse(incident.updatedAt) >= sinceMs
}

export function isShownOnMap(incident: Pick<IncidentSummary, 'status' | 'updatedAt'>, filter: MapFilter = OPEN_ONLY): boolean {
  if (isOpenStatus(incident.status)) return true
  return filter.closedSinceMs !== null && isClosedSince(incident, filter.closedSinceMs)
}

/** Local midnight before `nowMs`: "today" as the hall's screens show dates. */
export function startOfLocalDay(nowMs: number): number {
  const d = new Date(nowMs)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

export function incidentProps(incident: IncidentSummary, nowMs: number): IncidentProps {
  const closed = isOpenStatus(incident.status) ? 0 : 1
  return {
    id: incident.id,
    urgency: incident.urgency,
    status: incident.status,
    major: incident.categoryCode.slice(0, 2),
    overdue: isOverdue(incident, nowMs) ? 1 : 0,
    // A closed urgent case is history: no pulse, no red cluster ring.
    urgent: incident.urgency === 'urgent' && closed === 0 ? 1 : 0,
    closed
  }
}

export function incidentFeature(incident: IncidentSummary, nowMs: number, project: Projector): IncidentFeature {
  return {
    type: 'Feature',
    id: incident.id,
    geometry: { type: 'Point', coordinates: project(incident.location.lng, incident.location.lat) },
    properties: incidentProps(incident, nowMs)
  }
}
