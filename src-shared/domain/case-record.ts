// One case as the exports carry it (CSV, JSON, Open311; docs/exports.md): codes, the times of its
// closed loop read from the log, and whether it closed on time — by the very rule the figures use
// (metrics.ts closeCountsOnTime, applied to the close that holds), so an export never disagrees with the
// metrics view.
import type { Incident } from '../protocol'
import { caseFactsOf, FACT, isFacts, type CaseFacts } from './case-facts'
import { closeCountsOnTime } from './metrics'

export type CaseRecordIncident = Pick<
  Incident,
  'id' | 'code' | 'status' | 'urgency' | 'categoryCode' | 'gridCode' | 'reportedAt' | 'deadlineAt' | 'pausedAt' | 'assignees' | 'timeline'
>

/** Stable keys, in this order (the CSV columns follow it). */
export const CASE_RECORD_KEYS = [
  'code',
  'street',
  'community',
  'grid',
  'unit',
  'category',
  'status',
  'urgency',
  'receivedAt',
  'acceptedAt',
  'dispatchedAt',
  'signedAt',
  'closedAt',
  'deadline',
  'onTime',
  'reworks',
  'extensions',
  'escalations'
] as const

export type CaseRecord = {
  code: string
  /** Street code (9 digits), community (12), grid (15): names travel in the CSV's name columns. */
  street: string
  community: string
  grid: string
  /** Current assignees' unit ids, ';'-joined in the order held. */
  unit: string
  category: string
  status: Incident['status']
  urgency: Incident['urgency']
  receivedAt: string
  /** First 立案, first dispatch, first sign-for; null when it never happened. */
  acceptedAt: string | null
  dispatchedAt: string | null
  signedAt: string | null
  /** The close that holds (the last one) while the case is closed; null otherwise. */
  closedAt: string | null
  deadline: string | null
  /** Closed and within its deadline (按期); false when closed late; null while not closed. */
  onTime: boolean | null
  reworks: number
  extensions: number
  escalations: number
}

/** The record's times (receivedAt … deadline) as ms; the exports format them (UTC here, the hall's zone in the files). */
export const CASE_RECORD_TIME_KEYS = ['receivedAt', 'acceptedAt', 'dispatchedAt', 'signedAt', 'closedAt', 'deadline'] as const
type TimeKey = (typeof CASE_RECORD_TIME_KEYS)[number]
export type CaseRecordMs = Omit<CaseRecord, TimeKey> & { receivedAt: number } & Record<Exclude<TimeKey, 'receivedAt'>, number | null>

/** A case's record from its facts, times as ms: one pass over the entries that count. */
export function caseRecordMs(f: CaseFacts): CaseRecordMs {
  let acceptedAt: number | null = null
  let dispatchedAt: number | null = null
  let signedAt: number | null = null
  let closedAt: number | null = null
  let lastReopen = -1
  let reworks = 0
  let extensions = 0
  let escalations = 0
  const e = f.entries
  for (let j = 0; j + 2 < e.length; j += 3) {
    const k = e[j]
    const at = e[j + 1] ?? null
    if (k === FACT.accept) acceptedAt ??= at
    else if (k === FACT.dispatch) dispatchedAt ??= at
    else if (k === FACT.sign) signedAt ??= at
    else if (k === FACT.close) closedAt = at
    else if (k === FACT.reopen && at !== null) lastReopen = at
    else if (k === FACT.reworkBack || k === FACT.reworkUp) reworks++
    else if (k === FACT.extend) extensions++
    else if (k === FACT.escalate) escalations++
  }
  const closed = f.status === 'closed'
  return {
    code: f.code,
    street: f.gridCode.slice(0, 9),
    community: f.gridCode.slice(0, 12),
    grid: f.gridCode,
    unit: f.assignees.join(';'),
    category: f.categoryCode,
    status: f.status,
    urgency: f.urgency,
    receivedAt: f.reportedMs,
    acceptedAt,
    dispatchedAt,
    signedAt,
    closedAt: closed ? closedAt : null,
    deadline: f.deadlineMs,
    // On time needs no clock: a closed case was judged at its last close (the figures' rule over its whole life).
    onTime: closed ? closedAt !== null && closedAt >= 0 && closeCountsOnTime(f, closedAt, lastReopen) : null,
    reworks,
    extensions,
    escalations
  }
}

/** The record of a case given as an incident (or its export fields) or as its facts; times as UTC ISO. */
export function caseRecord(c: CaseRecordIncident | CaseFacts): CaseRecord {
  const r = caseRecordMs(isFacts(c) ? c : caseFactsOf(c))
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString())
  return {
    ...r,
    receivedAt: new Date(r.receivedAt).toISOString(),
    acceptedAt: iso(r.acceptedAt),
    dispatchedAt: iso(r.dispatchedAt),
    signedAt: iso(r.signedAt),
    closedAt: iso(r.closedAt),
    deadline: iso(r.deadline)
  }
}
