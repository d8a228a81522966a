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
}
export type IncidentFeature = Feature<Point, IncidentProps>

/** Closed, rejected and merged cases leave the map: it shows the work still to do. */
export function isShownOnMap(incident: Pick<IncidentSummary, 'status'>): boolean {
  return isOpenStatus(incident.status)
}

export function incidentProps(incident: IncidentSummary, nowMs: number): IncidentProps {
  return {
    id: incident.id,
    urgency: incident.urgency,
    status: incident.status,
    major: incident.categoryCode.slice(0, 2),
    overdue: isOverdue(incident, nowMs) ? 1 : 0,
    urgent: incident.urgency === 'urgent' ? 1 : 0
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
