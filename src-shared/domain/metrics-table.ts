// The figures table every screen, report, export and the CLI show: the §6 metrics of metrics.ts for a
// period on the hall's calendar, one row per street, community, grid, unit, category or shift, plus the
// total. Also the cases behind any figure (drill-down), decided by the same computeMetrics, never by a
// second rule. Pure: the clock and the names come in as parameters.
import type { Incident } from '../protocol'
import { factsOf, unitsConcerned, type MetricFacts } from './case-facts'
import { computeMetrics, type MetricCounts, type MetricsIncident, type Period } from './metrics'
import { clockStateAt } from './time-state'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

// gridType (issue 14 item 1) is last so the view's digit keys 1–6 keep their meaning; it is the type of
// a case's unit grid (设置网格标准) from the reference data, UNTYPED_GRID when the grid has none.
export const DIMENSIONS = ['street', 'community', 'grid', 'unit', 'category', 'shift', 'gridType'] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const PERIOD_KINDS = ['shift', 'today', 'week', 'month'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export type TableIncident = MetricsIncident & Pick<Incident, 'categoryCode'>
/** A case as the table takes it: an incident (or its figure fields) or its facts (case-facts.ts). */
export type TableCase = TableIncident | (MetricFacts & Pick<Incident, 'categoryCode'>)

/** MetricCounts plus the open cases past their deadline at `now` (a state, not an event of the period). */
export type FigureCounts = MetricCounts & { overdueNow: number }
export type FigureCount = Exclude<keyof FigureCounts, 'meanTimeToSignMs' | 'meanTimeToCloseMs'>
/** Rates in percent, two decimals (62.5 for 5/8); null when the denominator is 0. Keys as docs/exports.md. */
export type FigureRates = {
  acceptance: number | null
  dispatch: number | null
  closure: number | null
  /** 按期结案率 (MetricRates.onTimeClosure) */
  onTime: number | null
  rework: number | null
  extension: number | null
  settledWithoutEscalation: number | null
}
export type FigureRow = { key: string; name: string; counts: FigureCounts; rates: FigureRates }
export type FiguresTable = {
  period: { from: string; to: string }
  by: Dimension
  /** By unit a case handled by several units counts once for each, so rows need not add up to the total. */
  rowsOverlap: boolean
  rows: FigureRow[]
  total: FigureRow
}

const localMidnight = (ms: number, offsetMinutes: number): number => {
  const shifted = ms + offsetMinutes * MINUTE
  return shifted - (((shifted % DAY) + DAY) % DAY) - offsetMinutes * MINUTE
}

/** Shifts are the day's three 8-hour blocks in the hall's zone: S1 夜班 00–08, S2 早班 08–16, S3 中班 16–24. */
export type ShiftWindow = { shiftId: string; from: Date; to: Date }

export function shiftAt(ms: number, offsetMinutes: number): ShiftWindow {
  const midnight = localMidnight(ms, offsetMinutes)
  const index = Math.floor((ms - midnight) / (8 * HOUR))
  const from = midnight + index * 8 * HOUR
  const date = new Date(midnight + offsetMinutes * MINUTE).toISOString().slice(0, 10)
  return { shiftId: `${date}-S${index + 1}`, from: new Date(from), to: new Date(from + 8 * HOUR) }
}

/** Every shift that overlaps the period, in order. */
export function shiftsIn(period: Period, offsetMinutes: number): ShiftWindow[] {
  const out: ShiftWindow[] = []
  for (let ms = period.from.getTime(); ms < period.to.getTime(); ) {
    const shift = shiftAt(ms, offsetMinutes)
    out.push(shift)
    ms = shift.to.getTime()
  }
  return out
}

/** This shift, today, this week (from Monday) or this month, up to its end, in the hall's zone. */
export function periodOf(kind: PeriodKind, nowMs: number, offsetMinutes: number): Period {
  if (kind === 'shift') {
    const s = shiftAt(nowMs, offsetMinutes)
    return { from: s.from, to: s.to }
  }
  const midnight = localMidnight(nowMs, offsetMinutes)
  const local = new Date(midnight + offsetMinutes * MINUTE)
  if (kind === 'today') return { from: new Date(midnight), to: new Date(midnight + DAY) }
  if (kind === 'week') {
    const sinceMonday = (local.getUTCDay() + 6) % 7
    const from = midnight - sinceMonday * DAY
    return { from: new Date(from), to: new Date(from + 7 * DAY) }
  }
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth()
  return {
    from: new Date(Date.UTC(y, m, 1) - offsetMinutes * MINUTE),
    to: new Date(Date.UTC(y, m + 1, 1) - offsetMinutes * MINUTE)
  }
}

/** Local days fromDay … toDay inclusive ('YYYY-MM-DD'); throws when toDay is before fromDay. */
export function periodOfDays(fromDay: string, toDay: string, offsetMinutes: number): Period {
  const from = Date.parse(`${fromDay}T00:00:00Z`) - offsetMinutes * MINUTE
  const to = Date.parse(`${toDay}T00:00:00Z`) - offsetMinutes * MINUTE + DAY
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`not a date: ${fromDay} … ${toDay}`)
  if (to <= from) throw new RangeError(`--to ${toDay} is before --from ${fromDay}`)
  return { from: new Date(from), to: new Date(to) }
}

/** The row key of a case whose grid has no type in the reference (an older hub's, or an unknown grid). */
export const UNTYPED_GRID = 'untyped'

/** A grid's type by its code (from the reference: gridTypeLookup in grids.ts); undefined when it has none. */
export type GridTypeOf = (gridCode: string) => string | undefined

/** The rows a case belongs to (shift rows are windows of time, not groups of cases: see figuresTable). */
export function keysOf(c: TableCase, by: Exclude<Dimension, 'shift'>, periodTo: number, gridTypeOf?: GridTypeOf): string[] {
  switch (by) {
    case 'gridType':
      return [gridTypeOf?.(c.gridCode) ?? UNTYPED_GRID]
    case 'street':
      return [c.gridCode.slice(0, 9)]
    case 'community':
      return [c.gridCode.slice(0, 12)]
    case 'grid':
      return [c.gridCode]
    case 'category':
      return [c.categoryCode]
    case 'unit':
      return unitsConcerned(factsOf(c), periodTo)
  }
}

const pct = (r: number | null): number | null => (r === null ? null : Math.round(r * 10_000) / 100)

function row(key: string, name: string, incidents: readonly TableCase[], period: Period, nowMs: number, unitId?: string): FigureRow {
  const { counts, rates } = computeMetrics(incidents, period, new Date(nowMs), unitId)
  let overdueNow = 0
  for (const c of incidents) {
    const f = factsOf(c)
    // isOverdue's rule (time-state.ts) on the facts' integer times.
    if ((unitId === undefined || f.assignees.includes(unitId)) && clockStateAt(f.status, f.deadlineMs, f.pausedMs, nowMs) === 'overdue') overdueNow++
  }
  const percent: FigureRates = {
    acceptance: pct(rates.acceptance),
    dispatch: pct(rates.dispatch),
    closure: pct(rates.closure),
    onTime: pct(rates.onTimeClosure),
    rework: pct(rates.rework),
    extension: pct(rates.extension),
    settledWithoutEscalation: pct(rates.settledWithoutEscalation)
  }
  return { key, name, counts: { ...counts, overdueNow }, rates: percent }
}

export type TableOptions = {
  /** The instant the figures are judged at (the hub's clock): "overdue now", and which deadlines are due yet. */
  nowMs: number
  offsetMinutes: number
  /** Display name of a row's key (street name, unit name…); the key itself when unknown. */
  nameOf?: (by: Dimension, key: string) => string | undefined
  /** The grid type of a grid code, for by gridType; without it every case is UNTYPED_GRID. */
  gridTypeOf?: GridTypeOf
}

function groups<T extends TableCase>(incidents: readonly T[], by: Exclude<Dimension, 'shift'>, to: number, gridTypeOf?: GridTypeOf): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const c of incidents) {
    for (const key of keysOf(c, by, to, gridTypeOf)) {
      const list = out.get(key)
      if (list) list.push(c)
      else out.set(key, [c])
    }
  }
  return out
}

/** The figures of the period by one dimension, rows in key order, plus the total over every case. */
export function figuresTable(incidents: readonly TableCase[], period: Period, by: Dimension, opts: TableOptions): FiguresTable {
  const nameOf = (key: string): string => opts.nameOf?.(by, key) ?? key
  const total = row('total', opts.nameOf?.(by, 'total') ?? 'total', incidents, period, opts.nowMs)
  let rows: FigureRow[]
  if (by === 'shift') {
    // A shift row is the whole centre over that shift's window (clipped to the period); overdue-now
    // belongs to the shift that holds now.
    rows = shiftsIn(period, opts.offsetMinutes).map((s) => {
      const from = new Date(Math.max(s.from.getTime(), period.from.getTime()))
      const to = new Date(Math.min(s.to.getTime(), period.to.getTime()))
      const r = row(s.shiftId, nameOf(s.shiftId), incidents, { from, to }, opts.nowMs)
      const holdsNow = opts.nowMs >= s.from.getTime() && opts.nowMs < s.to.getTime()
      return { ...r, counts: { ...r.counts, overdueNow: holdsNow ? r.counts.overdueNow : 0 } }
    })
  } else {
    const grouped = groups(incidents, by, period.to.getTime(), opts.gridTypeOf)
    rows = [...grouped.keys()].sort().map((key) => row(key, nameOf(key), grouped.get(key) ?? [], period, opts.nowMs, by === 'unit' ? key : undefined))
  }
  return { period: { from: period.from.toISOString(), to: period.to.toISOString() }, by, rowsOverlap: by === 'unit', rows, total }
}

/**
 * The cases behind one figure of one row (key 'total' for the total row): those that add to it, decided
 * by computing the same metrics over each case alone. Ids in the order given.
 */
export function casesBehind(
  incidents: readonly TableCase[],
  period: Period,
  by: Dimension,
  key: string,
  figure: FigureCount,
  opts: Pick<TableOptions, 'nowMs' | 'offsetMinutes' | 'gridTypeOf'>
): string[] {
  let window = period
  let members: readonly TableCase[] = incidents
  let unitId: string | undefined
  if (key !== 'total' && by === 'shift') {
    const s = shiftsIn(period, opts.offsetMinutes).find((w) => w.shiftId === key)
    if (!s) return []
    window = { from: new Date(Math.max(s.from.getTime(), period.from.getTime())), to: new Date(Math.min(s.to.getTime(), period.to.getTime())) }
    if (figure === 'overdueNow' && !(opts.nowMs >= s.from.getTime() && opts.nowMs < s.to.getTime())) return []
  } else if (key !== 'total' && by !== 'shift') {
    members = incidents.filter((c) => keysOf(c, by, period.to.getTime(), opts.gridTypeOf).includes(key))
    if (by === 'unit') unitId = key
  }
  return members.filter((c) => row('', '', [c], window, opts.nowMs, unitId).counts[figure] > 0).map((c) => c.id)
}
