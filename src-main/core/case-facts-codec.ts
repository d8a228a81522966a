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
//   - entries: flat triples kind, time, unit (0, or k for unitSets[k - 1]).
// Format 1 (schema 6): [1, id, code, status, urgency, categoryCode, gridCode, reportedMs, deadlineMs,
//   pausedMs, assignees, kinds, times, units, unitSets], times as absolute ms. Still read: a schema 6 cache
//   opened read-only cannot be migrated.
//
// Decoding checks every field and gives null for anything not shaped like facts; the reader skips and counts it.
import { isFactKind, type CaseFacts, type FactKind } from '../../src-shared/domain'
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
  for (let i = 0; i < f.kinds.length; i++) entries.push(f.kinds[i] ?? 0, after(f.times[i] ?? Number.NaN), f.units[i] ?? 0)
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

/** The facts of one parsed `facts` value (format 1 or 2), or null when it is not shaped like facts. */
export function decodeFacts(v: unknown): CaseFacts | null {
  if (!Array.isArray(v)) return null
  if (v[0] === 2) return decode2(v)
  if (v[0] === 1) return decode1(v)
  return null
}

function decode2(v: unknown[]): CaseFacts | null {
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
  for (let i = 0; i < unitSets.length; i++) if (!isStrArray(unitSets[i])) return null
  const sets = unitSets as string[][]
  let assignees: string[]
  if (isSetRef(assigned, sets.length)) assignees = assigned === 0 ? [] : (sets[assigned - 1] ?? [])
  else if (isStrArray(assigned)) assignees = assigned
  else return null
  const kinds: FactKind[] = []
  const times: number[] = []
  const units: number[] = []
  for (let i = 0; i < entries.length; i += 3) {
    const kind: unknown = entries[i]
    const time: unknown = entries[i + 1]
    const unit: unknown = entries[i + 2]
    if (!isFactKind(kind) || !isMs(time) || !isSetRef(unit, sets.length)) return null
    kinds.push(kind)
    times.push(reportedMs + Math.round(time * 1000))
    units.push(unit)
  }
  return {
    id,
    code,
    status,
    urgency,
    categoryCode,
    gridCode,
    reportedMs,
    deadlineMs: deadline === null ? null : reportedMs + Math.round(deadline * 1000),
    pausedMs: paused === null ? null : reportedMs + Math.round(paused * 1000),
    assignees,
    kinds,
    times,
    units,
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
  for (let i = 0; i < n; i++) {
    if (!isFactKind(kinds[i]) || !isMs(times[i]) || !isSetRef(units[i], unitSets.length)) return null
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
    kinds: kinds as FactKind[],
    times: times as number[],
    units: units as number[],
    unitSets: unitSets as string[][]
  }
}
