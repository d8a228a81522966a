// The text of the cache's `facts` column (case-facts.ts): a positional JSON array whose first element is
// its format. A month's figures parse ~100,000 of these, so the layout is what JSON.parse does fastest:
// small integers (no 13-digit numbers, which V8 parses as doubles), few strings, few nested arrays.
//
// Format 2 (schema 7, written since migration 007):
//   [2, id, code, status#, urgency#, categoryCode, gridCode, reportedMs, deadline, paused, assignees, entries, unitSets]
//   - status# / urgency#: the index in STATUS_CODES / URGENCY_CODES (fixed lists: new values are appended);
//   - deadline, paused and each entry's time: seconds after reportedMs, a whole number whenever the instant
//     is a whole number of seconds after the report, with the milliseconds as a fraction otherwise (exact
//     either way: decoding rounds to the millisecond); null for no deadline / not paused;
//   - assignees: 0 for none, k when they are unitSets[k - 1] (the usual case), else the list itself;
//   - entries: flat triples kind, time, unit (0, or k for unitSets[k - 1]), as the domain's facts hold them.
// Format 1 (schema 6): [1, id, code, status, urgency, categoryCode, gridCode, reportedMs, deadlineMs,
//   pausedMs, assignees, kinds, times, units, unitSets], times as absolute ms. Still read: a schema 6 cache
//   opened read-only cannot be migrated.
//
// Decoding checks every field and gives null for anything not shaped like facts; the reader skips and counts it.
import { isFactKind, type CaseFacts } from '../../src-shared/domain'
import { IncidentStatus, Urgency } from '../../src-shared/protocol'

/** The layout the writer uses; a change of layout is a new migration that rewrites every row. */
export const FACTS_FORMAT = 2

/** Status and urgency by number in format 2. Append only: a stored number must keep its meaning. */
export const STATUS_CODES: readonly IncidentStatus[] = ['reported', 'accepted', 'rejected', 'merged', 'dispatched', 'in_progress', 'resolved', 'closed', 'escalated', 'suspended']
export const URGENCY_CODES: readonly Urgency[] = ['urgent', 'important', 'normal']

const statusCode = new Map(STATUS_CODES.map((s, i) => [s, i]))
const urgencyCode = new Map(URGENCY_CODES.map((u, i) => [u, i]))

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** The facts as the column stores them (format 2). */
export function encodeFacts(f: CaseFacts): string {
  const r = f.reportedMs
  const after = (ms: number): number => (ms - r) / 1000
  const entries: number[] = []
  const e = f.entries
  for (let j = 0; j + 2 < e.length; j += 3) entries.push(e[j] ?? 0, after(e[j + 1] ?? Number.NaN), e[j + 2] ?? 0)
  const set = f.assignees.length === 0 ? 0 : f.unitSets.findIndex((s) => sameList(s, f.assignees)) + 1
  return JSON.stringify([
    FACTS_FORMAT,
    f.id,
    f.code,
    statusCode.get(f.status) ?? null,
    urgencyCode.get(f.urgency) ?? null,
    f.categoryCode,
    f.gridCode,
    r,
    f.deadlineMs === null ? null : after(f.deadlineMs),
    f.pausedMs === null ? null : after(f.pausedMs),
    f.assignees.length === 0 || set > 0 ? set : f.assignees,
    entries,
    f.unitSets
  ])
}

const STATUSES: ReadonlySet<unknown> = new Set(IncidentStatus.options)
const URGENCIES: ReadonlySet<unknown> = new Set(Urgency.options)
const GRID = /^\d{15}$/
const CATEGORY = /^\d{4}$/
const isStr = (v: unknown): v is string => typeof v === 'string'
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isMsOrNull = (v: unknown): v is number | null => v === null || isMs(v)
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr)
const isSetRef = (v: unknown, sets: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= sets
const isPlace = (categoryCode: unknown, gridCode: unknown): boolean => isStr(categoryCode) && CATEGORY.test(categoryCode) && isStr(gridCode) && GRID.test(gridCode)

/**
 * Texts and unit lists many cases share (category, grid, the units named), kept once per read: the
 * parsed copies then die young instead of living on, one per case, through every garbage collection of
 * a month's read (collection was most of its time).
 */
export class SharedTexts {
  private readonly texts = new Map<string, string>()
  private readonly lists = new Map<string, string[]>()

  text(s: string): string {
    const known = this.texts.get(s)
    if (known !== undefined) return known
    this.texts.set(s, s)
    return s
  }

  private readonly setLists = new Map<string[], string[][]>()

  /** Unit lists holding one list of one unit (the usual case: the log names one unit) kept once per unit. */
  sets(lists: string[][]): string[][] {
    const only = lists.length === 1 ? lists[0] : undefined
    if (only === undefined || only.length !== 1) return lists // only lists of one text are kept once (list), so only they can key this
    const known = this.setLists.get(only)
    if (known !== undefined) return known
    this.setLists.set(only, lists)
    return lists
  }

  /** A list of one text is looked up by it; longer lists are kept as they are. */
  list(xs: string[]): string[] {
    const only = xs.length === 1 ? xs[0] : undefined
    if (only === undefined) return xs
    const known = this.lists.get(only)
    if (known !== undefined) return known
    this.lists.set(only, xs)
    return xs
  }
}

/**
 * The facts of one parsed `facts` value (format 1 or 2), or null when it is not shaped like facts. The
 * facts take the parsed value's arrays over (format 2's entries get their times in ms in place, sparing
 * a copy per case): hand in a value fresh from JSON.parse, once.
 */
export function decodeFacts(v: unknown, shared?: SharedTexts): CaseFacts | null {
  if (!Array.isArray(v)) return null
  if (v[0] === 2) return decode2(v, shared)
  if (v[0] === 1) return decode1(v)
  return null
}

function decode2(v: unknown[], shared: SharedTexts | undefined): CaseFacts | null {
  // Index reads, no destructuring or closures: this runs ~100,000 times for a month's figures.
  if (v.length !== 13) return null
  const id = v[1]
  const code = v[2]
  const s = v[3]
  const u = v[4]
  const categoryCode = v[5]
  const gridCode = v[6]
  const reportedMs = v[7]
  const deadline = v[8]
  const paused = v[9]
  const assigned = v[10]
  const entries = v[11]
  const unitSets = v[12]
  const status = typeof s === 'number' ? STATUS_CODES[s] : undefined
  const urgency = typeof u === 'number' ? URGENCY_CODES[u] : undefined
  if (!isStr(id) || !isStr(code) || status === undefined || urgency === undefined || !isStr(categoryCode) || !isStr(gridCode)) return null
  if (!CATEGORY.test(categoryCode) || !GRID.test(gridCode) || !isMs(reportedMs) || !isMsOrNull(deadline) || !isMsOrNull(paused)) return null
  if (!Array.isArray(unitSets) || !Array.isArray(entries) || entries.length % 3 !== 0) return null
  for (let i = 0; i < unitSets.length; i++) {
    const set: unknown = unitSets[i]
    if (!isStrArray(set)) return null
    if (shared) unitSets[i] = shared.list(set)
  }
  const sets = shared ? shared.sets(unitSets as string[][]) : (unitSets as string[][])
  let assignees: string[]
  if (isSetRef(assigned, sets.length)) assignees = assigned === 0 ? [] : (sets[assigned - 1] ?? [])
  else if (isStrArray(assigned)) assignees = assigned
  else return null
  // The parsed triples become the facts' own: each time turned from seconds after the report into ms, in place.
  const e = entries as number[]
  for (let i = 0; i < e.length; i += 3) {
    const time: unknown = e[i + 1]
    if (!isFactKind(e[i]) || !isMs(time) || !isSetRef(e[i + 2], sets.length)) return null
    e[i + 1] = reportedMs + Math.round(time * 1000)
  }
  return {
    id,
    code,
    status,
    urgency,
    categoryCode: shared ? shared.text(categoryCode) : categoryCode,
    gridCode: shared ? shared.text(gridCode) : gridCode,
    reportedMs,
    deadlineMs: deadline === null ? null : reportedMs + Math.round(deadline * 1000),
    pausedMs: paused === null ? null : reportedMs + Math.round(paused * 1000),
    assignees,
    entries: e,
    unitSets: sets
  }
}

function decode1(v: unknown[]): CaseFacts | null {
  if (v.length !== 15) return null
  const [, id, code, status, urgency, categoryCode, gridCode, reportedMs, deadlineMs, pausedMs, assignees, kinds, times, units, unitSets] = v
  if (!isStr(id) || !isStr(code) || !STATUSES.has(status) || !URGENCIES.has(urgency) || !isPlace(categoryCode, gridCode)) return null
  if (!isMs(reportedMs) || !isMsOrNull(deadlineMs) || !isMsOrNull(pausedMs) || !isStrArray(assignees)) return null
  if (!Array.isArray(kinds) || !Array.isArray(times) || !Array.isArray(units) || !Array.isArray(unitSets)) return null
  const n = kinds.length
  if (times.length !== n || units.length !== n || !unitSets.every(isStrArray)) return null
  const entries: number[] = []
  for (let i = 0; i < n; i++) {
    const kind: unknown = kinds[i]
    const time: unknown = times[i]
    const unit: unknown = units[i]
    if (!isFactKind(kind) || !isMs(time) || !isSetRef(unit, unitSets.length)) return null
    entries.push(kind, time, unit)
  }
  return {
    id,
    code,
    status: status as CaseFacts['status'],
    urgency: urgency as CaseFacts['urgency'],
    categoryCode: categoryCode as string,
    gridCode: gridCode as string,
    reportedMs,
    deadlineMs,
    pausedMs,
    assignees,
    entries,
    unitSets: unitSets as string[][]
  }
}
