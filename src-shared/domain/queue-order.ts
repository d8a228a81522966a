// The queue's order, filters and jumps: which open case a dispatcher should look at first. The queue,
// the seat's moves and anything else that sorts cases ask this; the clock comes from time-state.ts.
//
// Order (issue 16):
//   1. 紧急 (urgent) cases before all others;
//   2. then by the case's clock: 超期 (overdue, most overdue first), 临期 (due soon, nearest deadline
//      first), 待受理 (not yet accepted, waiting longest first), then the rest (nearest deadline, then
//      reported earliest);
//   3. within the same step, 重要 before 一般.
// Ties go by case code, lower first (hubs number cases in order: the older case first), so the order
// is total and stable. Only the step of a case depends on the time, and it changes only at a deadline
// or an hour before it: `queueStableUntil` says when a sorted queue must be sorted again.
import type { Claim, Incident, Urgency } from '../protocol'
import { claimIsMine } from './claim-identity'
import { caseClock, DUE_SOON_MS } from './time-state'

export type QueueCase = Pick<Incident, 'id' | 'code' | 'status' | 'urgency' | 'reportedAt' | 'deadlineAt' | 'pausedAt' | 'gridCode'> & {
  claimedBy: Claim | null
}

/** Where a case stands on its clock, for ordering: overdue, due soon, waiting for 受理, or anything else. */
export type QueueStep = 'overdue' | 'due_soon' | 'awaiting' | 'other'

const STEP_RANK: Record<QueueStep, number> = { overdue: 0, due_soon: 1, awaiting: 2, other: 3 }
const URGENCY_RANK: Record<Urgency, number> = { urgent: 0, important: 1, normal: 2 }

export function queueStep(incident: QueueCase, hubNowMs: number): QueueStep {
  const state = caseClock(incident, hubNowMs).state
  if (state === 'overdue') return 'overdue'
  if (state === 'due_soon') return 'due_soon'
  if (incident.status === 'reported') return 'awaiting'
  return 'other'
}

export type QueueKey = {
  /** Urgent tier, step and urgency in one number: lower comes first. */
  rank: number
  /** Within the rank: the running deadline (overdue, due soon, other) or the report time (awaiting). */
  at: number
  /** Then the report time, then the code. */
  reported: number
  code: string
}

function ms(iso: string | null): number {
  if (iso === null) return Number.POSITIVE_INFINITY
  const parsed = Date.parse(iso)
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed
}

/** The case's sort key at hub time `hubNowMs`. */
export function queueKey(incident: QueueCase, hubNowMs: number): QueueKey {
  const clock = caseClock(incident, hubNowMs)
  const step = queueStep(incident, hubNowMs)
  const tier = incident.urgency === 'urgent' ? 0 : 1
  const reported = ms(incident.reportedAt)
  const at = step === 'awaiting' ? reported : (clock.runningDeadlineMs ?? Number.POSITIVE_INFINITY)
  return { rank: tier * 100 + STEP_RANK[step] * 10 + URGENCY_RANK[incident.urgency], at, reported, code: incident.code }
}

export function compareQueueKeys(a: QueueKey, b: QueueKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank
  if (a.at !== b.at) return a.at < b.at ? -1 : 1
  if (a.reported !== b.reported) return a.reported < b.reported ? -1 : 1
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

/** Cases in queue order at hub time `hubNowMs` (a new array; each key computed once). */
export function sortQueue<T extends QueueCase>(cases: Iterable<T>, hubNowMs: number): T[] {
  const keyed: { c: T; k: QueueKey }[] = []
  for (const c of cases) keyed.push({ c, k: queueKey(c, hubNowMs) })
  keyed.sort((x, y) => compareQueueKeys(x.k, y.k))
  return keyed.map((x) => x.c)
}

/** The first instant after `hubNowMs` at which the case changes step (turns due soon or overdue); Infinity if never. */
export function stepChangesAt(incident: QueueCase, hubNowMs: number): number {
  const clock = caseClock(incident, hubNowMs)
  if (clock.runningDeadlineMs === null) return Number.POSITIVE_INFINITY
  if (clock.state === 'on_time') return clock.runningDeadlineMs - DUE_SOON_MS
  if (clock.state === 'due_soon') return clock.runningDeadlineMs
  return Number.POSITIVE_INFINITY
}

/** Until when an order computed at `hubNowMs` stays right (no case changes step before then). */
export function queueStableUntil(cases: Iterable<QueueCase>, hubNowMs: number): number {
  let until = Number.POSITIVE_INFINITY
  for (const c of cases) {
    const at = stepChangesAt(c, hubNowMs)
    if (at < until) until = at
  }
  return until
}

// ---- Filters: the queue header's counts, keys 1–5 ----

export const QUEUE_FILTERS = ['all', 'awaiting', 'overdue', 'mine', 'streets'] as const
export type QueueFilter = (typeof QUEUE_FILTERS)[number]

export type QueueSeat = {
  consoleId: string | null
  userId: string | null
  /** The streets the hub gives this seat (welcome scope); empty: the hub set no scope, every street is the seat's. */
  streets: readonly string[]
}

const streetOf = (incident: Pick<QueueCase, 'gridCode'>): string => incident.gridCode.slice(0, 9)

/** Whether the case passes the filter for this seat at hub time `hubNowMs`. */
export function matchesQueueFilter(incident: QueueCase, filter: QueueFilter, seat: QueueSeat, hubNowMs: number): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'awaiting':
      return incident.status === 'reported'
    case 'overdue':
      return caseClock(incident, hubNowMs).state === 'overdue'
    case 'mine':
      return claimIsMine(incident.claimedBy, seat.consoleId, seat.userId)
    case 'streets':
      return seat.streets.length === 0 || seat.streets.includes(streetOf(incident))
  }
}

/** How many cases each filter keeps (the header's counts). */
export function queueFilterCounts(cases: Iterable<QueueCase>, seat: QueueSeat, hubNowMs: number): Record<QueueFilter, number> {
  const counts: Record<QueueFilter, number> = { all: 0, awaiting: 0, overdue: 0, mine: 0, streets: 0 }
  const streets = new Set(seat.streets)
  for (const c of cases) {
    counts.all += 1
    if (c.status === 'reported') counts.awaiting += 1
    if (caseClock(c, hubNowMs).state === 'overdue') counts.overdue += 1
    if (claimIsMine(c.claimedBy, seat.consoleId, seat.userId)) counts.mine += 1
    if (streets.size === 0 || streets.has(streetOf(c))) counts.streets += 1
  }
  return counts
}

// ---- Jumps: Home, End, `]` next overdue, `[` next new ----

export type QueueJump = 'first' | 'last' | 'nextOverdue' | 'nextAwaiting'

/**
 * The index to select after a jump in `queue` (already filtered and ordered) from index `from` (-1: none
 * selected), or null when there is nowhere to go. "Next" searches after the selection and wraps round.
 */
export function queueJumpIndex(queue: readonly QueueCase[], from: number, jump: QueueJump, hubNowMs: number): number | null {
  if (queue.length === 0) return null
  if (jump === 'first') return 0
  if (jump === 'last') return queue.length - 1
  const wanted = (c: QueueCase): boolean =>
    jump === 'nextOverdue' ? caseClock(c, hubNowMs).state === 'overdue' : c.status === 'reported'
  for (let step = 1; step <= queue.length; step++) {
    const i = (((from + step) % queue.length) + queue.length) % queue.length
    if (wanted(queue[i] as QueueCase)) return i
  }
  return null
}
