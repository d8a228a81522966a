// The cache's case facts (schema 6, issue 10): one row per live incident holding its facts
// (src-shared/domain/case-facts.ts: what the figures and the case exports read, times as integer ms, the
// log reduced to the entries that count), written by ONE call in the store's incident write path in the
// same transaction as the incident rows, and backfilled by migration 006 with the same function. The
// report path selects a period by the integer columns and reads only this row: no case JSON, no
// timeline, no ISO text. A trigger drops the row when its incident row is deleted.
//
// The `facts` column is a positional JSON array (FACTS_FORMAT first), cheaper to parse than an object
// with keys; decodeFacts checks every field and refuses a row that is not shaped like facts.
import { caseFactsOf, isFactKind, type CaseFacts } from '../../src-shared/domain'
import { IncidentStatus, Urgency, type Change, type Incident } from '../../src-shared/protocol'
import { type SqlConnection, type SqlValue } from '../../src-sqlite/sqlite-db'

export const CASE_FACTS_TABLE = 'case_facts'
/** The layout of the `facts` array; a change of layout is a new migration that rewrites every row. */
export const FACTS_FORMAT = 1
/** Statuses after which a case no longer changes unless reopened (its last change bounds its figures). */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['closed', 'rejected', 'merged'])

/** The facts as the column stores them. */
export function encodeFacts(f: CaseFacts): string {
  return JSON.stringify([
    FACTS_FORMAT,
    f.id,
    f.code,
    f.status,
    f.urgency,
    f.categoryCode,
    f.gridCode,
    f.reportedMs,
    f.deadlineMs,
    f.pausedMs,
    f.assignees,
    f.kinds,
    f.times,
    f.units,
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

/** The facts of one parsed `facts` value, or null when it is not shaped like facts of this format. */
export function decodeFacts(v: unknown): CaseFacts | null {
  if (!Array.isArray(v) || v.length !== 15 || v[0] !== FACTS_FORMAT) return null
  const [, id, code, status, urgency, categoryCode, gridCode, reportedMs, deadlineMs, pausedMs, assignees, kinds, times, units, unitSets] = v as unknown[]
  if (!isStr(id) || !isStr(code) || !STATUSES.has(status) || !URGENCIES.has(urgency)) return null
  if (!isStr(categoryCode) || !CATEGORY.test(categoryCode) || !isStr(gridCode) || !GRID.test(gridCode)) return null
  if (!isMs(reportedMs) || !isMsOrNull(deadlineMs) || !isMsOrNull(pausedMs) || !isStrArray(assignees)) return null
  if (!Array.isArray(kinds) || !Array.isArray(times) || !Array.isArray(units) || !Array.isArray(unitSets)) return null
  const n = kinds.length
  if (times.length !== n || units.length !== n || !unitSets.every(isStrArray)) return null
  for (let i = 0; i < n; i++) {
    const u: unknown = units[i]
    if (!isFactKind(kinds[i]) || !isMs(times[i]) || !(typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= unitSets.length)) return null
  }
  return {
    id,
    code,
    status: status as CaseFacts['status'],
    urgency: urgency as CaseFacts['urgency'],
    categoryCode,
    gridCode,
    reportedMs,
    deadlineMs,
    pausedMs,
    assignees,
    kinds: kinds as CaseFacts['kinds'],
    times: times as number[],
    units: units as number[],
    unitSets: unitSets as string[][]
  }
}

const COLUMNS = ['id', 'reported_ms', 'updated_ms', 'settled', 'facts'] as const
const CHUNK = 150 // × 5 parameters, far below SQLite's variable limit

/** The row of one incident. */
export function factsRow(d: Incident): SqlValue[] {
  return [d.id, Date.parse(d.reportedAt), Date.parse(d.updatedAt), SETTLED_STATUSES.has(d.status) ? 1 : 0, encodeFacts(caseFactsOf(d))]
}

const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/** Replaces the rows of these ids (the primary key holds the report time, so a row is replaced, not updated). */
async function deleteRows(c: SqlConnection, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500)
    await c.run(`DELETE FROM ${CASE_FACTS_TABLE} WHERE id IN (${marks(part.length)})`, part)
  }
}

/** Writes the rows of these incidents, replacing any they had. */
export async function upsertCaseFacts(c: SqlConnection, incidents: readonly Incident[]): Promise<void> {
  await deleteRows(c, incidents.map((d) => d.id))
  const row = `(${marks(COLUMNS.length)})`
  for (let i = 0; i < incidents.length; i += CHUNK) {
    const part = incidents.slice(i, i + CHUNK)
    await c.run(`INSERT INTO ${CASE_FACTS_TABLE} (${COLUMNS.join(', ')}) VALUES ${part.map(() => row).join(', ')}`, part.flatMap(factsRow))
  }
}

/** Facts rows of the incident changes (a tombstone removes its row). One call per write, inside its transaction. */
export async function writeCaseFacts(c: SqlConnection, changes: readonly Change[]): Promise<void> {
  const live: Incident[] = []
  const gone: string[] = []
  for (const ch of changes) {
    if (ch.entity !== 'incident') continue
    if (ch.data === null) gone.push(ch.id)
    else live.push(ch.data)
  }
  await deleteRows(c, gone)
  await upsertCaseFacts(c, live)
}
