// One case as the exports carry it (CSV, JSON, Open311; docs/exports.md): codes, the times of its
// closed loop read from the log, and whether it closed on time — by the very rule the figures use
// (computeMetrics over the case's whole life), so an export never disagrees with the metrics view.
import type { Incident } from '../protocol'
import { computeMetrics } from './metrics'

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

// On-time needs no clock (a closed case was judged at its close): judged at the end of time.
const ALL_TIME = { from: new Date(-8.64e15), to: new Date(8.64e15) }

export function caseRecord(c: CaseRecordIncident): CaseRecord {
  const first = (action: string): string | null => c.timeline.find((e) => e.action === action)?.at ?? null
  let closedAt: string | null = null
  let reworks = 0
  let extensions = 0
  let escalations = 0
  for (const e of c.timeline) {
    if (e.action === 'verify' && e.to === 'closed') closedAt = e.at
    else if (e.action === 'verify' && (e.to === 'dispatched' || e.to === 'escalated')) reworks++
    if (e.action === 'extend') extensions++
    if (e.action === 'escalate') escalations++
  }
  const closed = c.status === 'closed'
  return {
    code: c.code,
    street: c.gridCode.slice(0, 9),
    community: c.gridCode.slice(0, 12),
    grid: c.gridCode,
    unit: c.assignees.join(';'),
    category: c.categoryCode,
    status: c.status,
    urgency: c.urgency,
    receivedAt: c.reportedAt,
    acceptedAt: first('accept'),
    dispatchedAt: first('dispatch'),
    signedAt: first('sign'),
    closedAt: closed ? closedAt : null,
    deadline: c.deadlineAt,
    onTime: closed ? computeMetrics([c], ALL_TIME, ALL_TIME.to).counts.closedOnTime === 1 : null,
    reworks,
    extensions,
    escalations
  }
}
