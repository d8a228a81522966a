// Derived views of the console state: the open queue, pending commands per case, overdue cases.
// The queue is memoised on incidentsVersion (and the hub time until a case changes step) and patched from the
// store's change journal, so 50,000 cases stay fast.
import type { IncidentSummary, OutboxEntry } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import { incidentChangesSince, type ConsoleState } from './console-store'
import { caseClock, compareQueueKeys, queueKey, queueStableUntil, sortQueue, stepChangesAt, type CaseClock } from '../../src-shared/domain'

type QueueCache = {
  version: number
  source: ReadonlyMap<string, IncidentSummary>
  queue: IncidentSummary[]
  /** Hub time the order was computed at, and until when it stays right (no case changes step before). */
  asOf: number
  stableUntil: number
}
let queueCache: QueueCache | null = null

/** The domain's queue order (queue-order.ts) as a comparator at one hub instant. */
export function compareQueueAt(hubNowMs: number): (a: IncidentSummary, b: IncidentSummary) => number {
  return (a, b) => compareQueueKeys(queueKey(a, hubNowMs), queueKey(b, hubNowMs))
}

/** Where `incident` goes in a queue sorted at `asOf` (binary search). */
function insertionIndex(queue: readonly IncidentSummary[], incident: IncidentSummary, asOf: number): number {
  const key = queueKey(incident, asOf)
  let lo = 0
  let hi = queue.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareQueueKeys(queueKey(queue[mid] as IncidentSummary, asOf), key) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Open cases in queue order (src-shared/domain/queue-order.ts) at hub time `hubNowMs` (default: now,
 * on the hub's clock), closed ones left out. The order depends on the time only through each case's
 * step (overdue, due soon…), so a result is kept until the version changes or a case changes step;
 * when only a few cases changed since the last result (the usual delta), the previous order is
 * patched in O(n) instead of sorting 50,000 cases again.
 */
export function selectOpenQueue(
  state: Pick<ConsoleState, 'incidents' | 'incidentsVersion' | 'status'>,
  hubNowMs: number = hubNow(state.status?.clockSkewMs)
): IncidentSummary[] {
  const cache = queueCache
  const fresh = cache !== null && cache.source === state.incidents && hubNowMs >= cache.asOf && hubNowMs < cache.stableUntil
  if (fresh && cache.version === state.incidentsVersion) return cache.queue
  const changed = fresh ? incidentChangesSince(cache.version, state.incidentsVersion) : null
  if (fresh && changed !== null && changed.length < 1000) {
    const touched = new Set(changed)
    const queue = cache.queue.filter((i) => !touched.has(i.id))
    let stableUntil = cache.stableUntil
    for (const id of touched) {
      const incident = state.incidents.get(id)
      if (!incident || !isOpenStatus(incident.status)) continue
      queue.splice(insertionIndex(queue, incident, cache.asOf), 0, incident)
      stableUntil = Math.min(stableUntil, stepChangesAt(incident, cache.asOf))
    }
    // A new case may change step between the first sort and now: then sort again below.
    if (hubNowMs < stableUntil) {
      queueCache = { ...cache, version: state.incidentsVersion, queue, stableUntil }
      return queue
    }
  }
  const open: IncidentSummary[] = []
  for (const incident of state.incidents.values()) if (isOpenStatus(incident.status)) open.push(incident)
  const queue = sortQueue(open, hubNowMs)
  queueCache = { version: state.incidentsVersion, source: state.incidents, queue, asOf: hubNowMs, stableUntil: queueStableUntil(open, hubNowMs) }
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
  return selectOpenQueue(state, now).filter((incident) => isOverdue(incident, now))
}
