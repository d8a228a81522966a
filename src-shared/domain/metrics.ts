// Evaluation figures (综合评价, domain.md §6) computed from incident timelines (as facts, case-facts.ts) over a period
// [from, to), overall and per unit, grid, community, street and shift. Pure: the instant the figures are
// judged at (`now`, the hub's clock) is a parameter, because a deadline not yet reached is not yet due.
import type { Incident } from '../protocol'
import { FACT, factsOf, namesUnit, unitsConcerned, type MetricFacts } from './case-facts'

export type MetricsIncident = Pick<Incident, 'id' | 'status' | 'gridCode' | 'reportedAt' | 'deadlineAt' | 'pausedAt' | 'assignees' | 'timeline'>

export interface MetricCounts {
  /** Cases reported in the period (reportedAt). */
  received: number
  /** Cases accepted (立案) in the period. */
  accepted: number
  /** Cases dispatched in the period (a case dispatched twice counts once). */
  dispatched: number
  /** Cases closed (核查通过) in the period (a case closed twice counts once). */
  closed: number
  /** Closed cases whose close was at or before their deadline and has not been undone by a reopen. */
  closedOnTime: number
  /**
   * Cases due to close (应结案): those closed in the period, plus those whose deadline fell in
   * [from, min(to, now)) and that were not already closed before the period began. A deadline later in
   * the period than `now` has not been reached and is not yet due (at 02:14 "today" must not count the
   * deadlines of 17:00). Suspended cases are left out of the second part: their clock is paused and the
   * deadline will move. Every closed case is also due, so closure rate ≤ 100%.
   */
  dueToClose: number
  /** Due-to-close cases that went through at least one rework (返工) before the period's end. */
  reworked: number
  /** Due-to-close cases that got at least one extension (延期) before the period's end. */
  extended: number
  /** 督办 entries in the period (each urge counts). */
  urged: number
  /** Returns (回退) in the period (each bounce counts). */
  returns: number
  /** Sign-fors (签收) in the period that could be timed against the dispatch before them. */
  signs: number
  /** Mean wall time from (re)dispatch to sign-for, over `signs`; null when none. */
  meanTimeToSignMs: number | null
  /** Cases closed in the period that were never escalated before closing (事不出格). */
  settledWithoutEscalation: number
  /** Cases escalated (上报) in the period (a case escalated twice counts once). */
  escalated: number
  /** Mean wall time from report to the close, over the cases closed in the period; null when none. */
  meanTimeToCloseMs: number | null
}

/** Ratios in [0, 1] (show ×100%); null when the denominator is 0. */
export interface MetricRates {
  /** 立案率 = accepted / received */
  acceptance: number | null
  /** 派遣率 = dispatched / accepted */
  dispatch: number | null
  /** 结案率 = closed / dueToClose */
  closure: number | null
  /** 按期结案率 = closedOnTime / dueToClose */
  onTimeClosure: number | null
  /** 返工率 = reworked / dueToClose */
  rework: number | null
  /** 延期率 = extended / dueToClose */
  extension: number | null
  /** 事不出格率 = settledWithoutEscalation / closed */
  settledWithoutEscalation: number | null
}

export interface Metrics {
  counts: MetricCounts
  rates: MetricRates
}

export interface Period {
  from: Date
  to: Date
}

export interface Shift {
  shiftId: string
  from: Date
  to: Date
}

export interface MetricsReport {
  overall: Metrics
  byUnit: Record<string, Metrics>
  byGrid: Record<string, Metrics>
  byCommunity: Record<string, Metrics>
  byStreet: Record<string, Metrics>
  /** One row per shift, its window clipped to the period. */
  byShift: { shiftId: string; from: string; to: string; metrics: Metrics }[]
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator
}

/** A case as the figures take it: an incident (or its figure fields), or its facts (case-facts.ts). */
export type MetricsCase = MetricsIncident | MetricFacts

// A failed verification is rework whether it went back to the street's units (→ dispatched) or, since
// rev 1.3, to the district department that settled the case (→ escalated): FACT.reworkBack / reworkUp.
const isRework = (k: number): boolean => k === FACT.reworkBack || k === FACT.reworkUp
const putsIntoDispatched = (k: number): boolean => k === FACT.dispatch || k === FACT.reworkBack

/**
 * 按期结案: whether a case's close at `closeAt` counts as on time — the case is closed, the close was at
 * or before its deadline (none: on time), and no reopen came after it (a reopen means it did not settle
 * the case; a later close is judged in its own period). The one rule for the figures and the case
 * records (case-record.ts).
 */
export function closeCountsOnTime(f: Pick<MetricFacts, 'status' | 'deadlineMs'>, closeAt: number, lastReopen: number): boolean {
  return !(lastReopen > closeAt) && f.status === 'closed' && (f.deadlineMs === null || closeAt <= f.deadlineMs)
}

/** Accumulates the counts of one case into `acc`. `unitId` narrows unit-attributed events to that unit. */
function addCase(
  acc: MetricCounts & { signMsTotal: number; closeMsTotal: number },
  f: MetricFacts,
  from: number,
  to: number,
  dueUntil: number,
  unitId?: string
): void {
  const entries = f.entries
  const reported = f.reportedMs
  if (reported >= from && reported < to) acc.received++

  // One pass over the log; the entries are in time order (append-only).
  let accepted = false
  let dispatched = false
  let lastCloseInPeriod = -1
  let lastClose = -1
  let lastReopen = -1
  let firstEscalate = Infinity
  let reworkedBeforeEnd = false
  let extendedBeforeEnd = false
  let lastDispatchAt = Number.NaN
  let escalatedHere = false
  for (let i = 0; 3 * i + 2 < entries.length; i++) {
    const k = entries[3 * i]
    const at = entries[3 * i + 1]
    if (k === undefined || at === undefined) continue
    const inPeriod = at >= from && at < to
    // An entry without units (accept, report…) concerns the case as a whole and is not narrowed.
    const mine = unitId === undefined || namesUnit(f, i, unitId)
    if (k === FACT.escalate && at < firstEscalate) firstEscalate = at
    if (k === FACT.reopen) lastReopen = at
    if (k === FACT.close) {
      lastClose = at
      if (inPeriod && mine) lastCloseInPeriod = at
    }
    if (at < to && mine && isRework(k)) reworkedBeforeEnd = true
    if (at < to && mine && k === FACT.extend) extendedBeforeEnd = true
    if (inPeriod && k === FACT.accept) accepted = true
    if (inPeriod && mine && k === FACT.escalate) escalatedHere = true
    if (inPeriod && mine) {
      if (k === FACT.dispatch) dispatched = true
      else if (k === FACT.urge) acc.urged++
      else if (k === FACT.return) acc.returns++
      else if (k === FACT.sign && !Number.isNaN(lastDispatchAt)) {
        acc.signs++
        acc.signMsTotal += at - lastDispatchAt
      }
    }
    if (putsIntoDispatched(k)) lastDispatchAt = at
  }
  if (accepted) acc.accepted++
  if (dispatched) acc.dispatched++
  if (escalatedHere) acc.escalated++

  const closedHere = lastCloseInPeriod >= 0
  const deadline = f.deadlineMs
  if (closedHere) {
    acc.closed++
    acc.closeMsTotal += lastCloseInPeriod - reported
    if (closeCountsOnTime(f, lastCloseInPeriod, lastReopen)) acc.closedOnTime++
    if (!(firstEscalate < lastCloseInPeriod)) acc.settledWithoutEscalation++
  }

  const closedBeforePeriod = f.status === 'closed' && lastClose >= 0 && lastClose < from
  const deadlineHere =
    deadline !== null &&
    deadline >= from &&
    deadline < dueUntil &&
    f.pausedMs === null &&
    f.status !== 'rejected' &&
    f.status !== 'merged' &&
    !closedBeforePeriod &&
    (unitId === undefined || f.assignees.includes(unitId))
  if (closedHere || deadlineHere) {
    acc.dueToClose++
    if (reworkedBeforeEnd) acc.reworked++
    if (extendedBeforeEnd) acc.extended++
  }
}

/**
 * The metrics of a set of cases over [from, to) as judged at `now` (only deadlines before `now` are due);
 * with `unitId`, as seen for that unit. For a period wholly in the past pass any `now` ≥ its end.
 */
export function computeMetrics(incidents: readonly MetricsCase[], period: Period, now: Date, unitId?: string): Metrics {
  const acc = {
    received: 0,
    accepted: 0,
    dispatched: 0,
    closed: 0,
    closedOnTime: 0,
    dueToClose: 0,
    reworked: 0,
    extended: 0,
    urged: 0,
    returns: 0,
    signs: 0,
    meanTimeToSignMs: null,
    settledWithoutEscalation: 0,
    escalated: 0,
    meanTimeToCloseMs: null,
    signMsTotal: 0,
    closeMsTotal: 0
  }
  const from = period.from.getTime()
  const to = period.to.getTime()
  const dueUntil = Math.min(to, now.getTime())
  for (const c of incidents) addCase(acc, factsOf(c), from, to, dueUntil, unitId)
  // Built field by field (no rest spread): a case export asks this once per closed case.
  const counts: MetricCounts = {
    received: acc.received,
    accepted: acc.accepted,
    dispatched: acc.dispatched,
    closed: acc.closed,
    closedOnTime: acc.closedOnTime,
    dueToClose: acc.dueToClose,
    reworked: acc.reworked,
    extended: acc.extended,
    urged: acc.urged,
    returns: acc.returns,
    signs: acc.signs,
    meanTimeToSignMs: acc.signs === 0 ? null : acc.signMsTotal / acc.signs,
    settledWithoutEscalation: acc.settledWithoutEscalation,
    escalated: acc.escalated,
    meanTimeToCloseMs: acc.closed === 0 ? null : acc.closeMsTotal / acc.closed
  }
  return {
    counts,
    rates: {
      acceptance: ratio(counts.accepted, counts.received),
      dispatch: ratio(counts.dispatched, counts.accepted),
      closure: ratio(counts.closed, counts.dueToClose),
      onTimeClosure: ratio(counts.closedOnTime, counts.dueToClose),
      rework: ratio(counts.reworked, counts.dueToClose),
      extension: ratio(counts.extended, counts.dueToClose),
      settledWithoutEscalation: ratio(counts.settledWithoutEscalation, counts.closed)
    }
  }
}

function groupBy(incidents: readonly MetricsCase[], keysOf: (c: MetricsCase) => Iterable<string>): Map<string, MetricsCase[]> {
  const groups = new Map<string, MetricsCase[]>()
  for (const c of incidents) {
    for (const key of new Set(keysOf(c))) {
      const list = groups.get(key)
      if (list) list.push(c)
      else groups.set(key, [c])
    }
  }
  return groups
}

/**
 * Overall metrics plus the same per unit, grid, community (first 12 digits of the grid code), street
 * (first 9) and shift. A unit's figures count only the events that name it (dispatch to it, its sign-for,
 * return, feedback, and closes/reworks/urges/extensions while it held the case).
 */
export function computeMetricsReport(
  incidents: readonly MetricsCase[],
  period: Period,
  now: Date,
  shifts: readonly Shift[] = []
): MetricsReport {
  const to = period.to.getTime()
  const perGroup = (groups: Map<string, MetricsCase[]>, byUnit = false): Record<string, Metrics> => {
    const out: Record<string, Metrics> = {}
    for (const key of [...groups.keys()].sort()) {
      out[key] = computeMetrics(groups.get(key) ?? [], period, now, byUnit ? key : undefined)
    }
    return out
  }
  return {
    overall: computeMetrics(incidents, period, now),
    byUnit: perGroup(groupBy(incidents, (c) => unitsConcerned(factsOf(c), to)), true),
    byGrid: perGroup(groupBy(incidents, (c) => [c.gridCode])),
    byCommunity: perGroup(groupBy(incidents, (c) => [c.gridCode.slice(0, 12)])),
    byStreet: perGroup(groupBy(incidents, (c) => [c.gridCode.slice(0, 9)])),
    byShift: shifts.map((shift) => {
      const from = new Date(Math.max(shift.from.getTime(), period.from.getTime()))
      const until = new Date(Math.max(from.getTime(), Math.min(shift.to.getTime(), to)))
      return {
        shiftId: shift.shiftId,
        from: from.toISOString(),
        to: until.toISOString(),
        metrics: computeMetrics(incidents, { from, to: until }, now)
      }
    })
  }
}
