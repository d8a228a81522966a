// Derived views of the console state: the open queue, pending commands per case, overdue cases.
// The queue is memoised on incidentsVersion and patched from the store's change journal, so 50,000 cases stay fast.
import type { IncidentSummary, OutboxEntry } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import { incidentChangesSince, type ConsoleState } from './console-store'
import { caseClock, type CaseClock } from '../../src-shared/domain'

type QueueCache = { version: number; source: ReadonlyMap<string, IncidentSummary>; queue: IncidentSummary[] }
let queueCache: QueueCache | null = null

/** Parsed reportedAt per summary object (summaries are replaced, never changed, on update). */
const reportedMs = new WeakMap<IncidentSummary, number>()
function reportedAt(incident: IncidentSummary): number {
  let ms = reportedMs.get(incident)
  if (ms === undefined) {
    ms = Date.parse(incident.reportedAt)
    reportedMs.set(incident, ms)
  }
  return ms
}

/**
 * Queue order: urgent first, then newest reported first. Ties (same millisecond) go by code, higher
 * first: hubs number cases in order, so that is newest first too, and the order is total and stable.
 */
export function compareQueue(a: IncidentSummary, b: IncidentSummary): number {
  const ua = a.urgency === 'urgent' ? 0 : 1
  const ub = b.urgency === 'urgent' ? 0 : 1
  return ua - ub || reportedAt(b) - reportedAt(a) || (a.code < b.code ? 1 : a.code > b.code ? -1 : 0)
}

/** Where `incident` goes in a sorted queue (binary search). */
function insertionIndex(queue: readonly IncidentSummary[], incident: IncidentSummary): number {
  let lo = 0
  let hi = queue.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareQueue(queue[mid] as IncidentSummary, incident) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Open cases in queue order (see compareQueue), closed ones left out. Recomputed once per
 * incidentsVersion; when only a few cases changed since the last result (the usual delta), the
 * previous order is patched in O(n) instead of sorting 50,000 cases again.
 */
export function selectOpenQueue(state: Pick<ConsoleState, 'incidents' | 'incidentsVersion'>): IncidentSummary[] {
  const cache = queueCache
  if (cache && cache.version === state.incidentsVersion && cache.source === state.incidents) return cache.queue
  const changed = cache && cache.source === state.incidents ? incidentChangesSince(cache.version, state.incidentsVersion) : null
  let queue: IncidentSummary[]
  if (cache && changed !== null && changed.length < 1000) {
    const touched = new Set(changed)
    queue = cache.queue.filter((i) => !touched.has(i.id))
    for (const id of touched) {
      const incident = state.incidents.get(id)
      if (incident && isOpenStatus(incident.status)) queue.splice(insertionIndex(queue, incident), 0, incident)
    }
  } else {
    queue = []
    for (const incident of state.incidents.values()) if (isOpenStatus(incident.status)) queue.push(incident)
    queue.sort(compareQueue)
  }
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

/** The case's clock per summary object and second: the queue asks every second for every case. */
const clocks = new WeakMap<IncidentSummary, { at: number; clock: CaseClock }>()

/** The domain's clock rule (time-state.ts) for a summary at hub time, memoised per summary and instant. */
export function clockOf(incident: IncidentSummary, hubNowMs: number): CaseClock {
  const hit = clocks.get(incident)
  if (hit && hit.at === hubNowMs) return hit.clock
  const clock = caseClock(incident, hubNowMs)
  clocks.set(incident, { at: hubNowMs, clock })
  return clock
}

/** Milliseconds left before the deadline (negative when overdue, frozen while paused); null when the clock is not running or shown. */
export function timeLeftMs(incident: IncidentSummary, hubNowMs: number): number | null {
  return clockOf(incident, hubNowMs).leftMs
}

export function isOverdue(incident: IncidentSummary, hubNowMs: number): boolean {
  return clockOf(incident, hubNowMs).state === 'overdue'
}

/** Open cases past their deadline, in queue order. */
export function selectOverdue(
  state: Pick<ConsoleState, 'incidents' | 'incidentsVersion' | 'status'>,
  nowMs: number = Date.now()
): IncidentSummary[] {
  const now = hubNow(state.status?.clockSkewMs, nowMs)
  return selectOpenQueue(state).filter((incident) => isOverdue(incident, now))
}
