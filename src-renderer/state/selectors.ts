// Derived views of the console state: the open queue, pending commands per case, overdue cases.
// The queue is memoised on incidentsVersion, so 50,000 cases are sorted once per change, not per render.
import type { IncidentSummary, OutboxEntry } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import type { ConsoleState } from './console-store'

type QueueCache = { version: number; source: ReadonlyMap<string, IncidentSummary>; queue: IncidentSummary[] }
let queueCache: QueueCache | null = null

/**
 * Open cases, urgent first, then newest reported first. Ties (same millisecond) go by code, higher
 * first: hubs number cases in order, so that is newest first too, and the order is stable.
 */
export function selectOpenQueue(state: Pick<ConsoleState, 'incidents' | 'incidentsVersion'>): IncidentSummary[] {
  if (queueCache && queueCache.version === state.incidentsVersion && queueCache.source === state.incidents) {
    return queueCache.queue
  }
  const keyed: { incident: IncidentSummary; urgent: number; at: number }[] = []
  for (const incident of state.incidents.values()) {
    if (!isOpenStatus(incident.status)) continue
    keyed.push({ incident, urgent: incident.urgency === 'urgent' ? 0 : 1, at: Date.parse(incident.reportedAt) })
  }
  keyed.sort(
    (a, b) => a.urgent - b.urgent || b.at - a.at || (a.incident.code < b.incident.code ? 1 : a.incident.code > b.incident.code ? -1 : 0)
  )
  const queue = keyed.map((k) => k.incident)
  queueCache = { version: state.incidentsVersion, source: state.incidents, queue }
  return queue
}

type PendingCache = { outbox: readonly OutboxEntry[]; byIncident: ReadonlyMap<string, OutboxEntry[]> }
let pendingCache: PendingCache | null = null

/** Outbox entries grouped by the case they act on, in outbox order. */
export function selectPendingByIncident(state: Pick<ConsoleState, 'outbox'>): ReadonlyMap<string, OutboxEntry[]> {
  if (pendingCache && pendingCache.outbox === state.outbox) return pendingCache.byIncident
  const byIncident = new Map<string, OutboxEntry[]>()
  for (const entry of state.outbox) {
    const id = entry.command.incidentId
    if (id === undefined) continue
    const list = byIncident.get(id)
    if (list) list.push(entry)
    else byIncident.set(id, [entry])
  }
  pendingCache = { outbox: state.outbox, byIncident }
  return byIncident
}

/** Hub time now: the console clock corrected by the skew the status reports. */
export function hubNow(clockSkewMs: number | undefined, nowMs: number = Date.now()): number {
  return nowMs + (clockSkewMs ?? 0)
}

/** Milliseconds left before the deadline (negative when overdue); null when there is no running clock. */
export function timeLeftMs(incident: IncidentSummary, hubNowMs: number): number | null {
  if (incident.deadlineAt === null || !isOpenStatus(incident.status)) return null
  // A suspended case's clock is paused: measure against the moment it stopped.
  const reference = incident.pausedAt !== null ? Date.parse(incident.pausedAt) : hubNowMs
  return Date.parse(incident.deadlineAt) - reference
}

export function isOverdue(incident: IncidentSummary, hubNowMs: number): boolean {
  const left = timeLeftMs(incident, hubNowMs)
  return left !== null && left < 0
}

/** Open cases past their deadline, in queue order. */
export function selectOverdue(
  state: Pick<ConsoleState, 'incidents' | 'incidentsVersion' | 'status'>,
  nowMs: number = Date.now()
): IncidentSummary[] {
  const now = hubNow(state.status?.clockSkewMs, nowMs)
  return selectOpenQueue(state).filter((incident) => isOverdue(incident, now))
}
