// The cache's case facts (schema 6, format 2 since schema 7; issue 10): one row per live incident holding its facts
// (src-shared/domain/case-facts.ts: what the figures and the case exports read, times as integer ms, the
// log reduced to the entries that count), written by ONE call in the store's incident write path in the
// same transaction as the incident rows, and backfilled by migration 006 with the same function. The
// report path selects a period by the integer columns and reads only this row: no case JSON, no
// timeline, no ISO text. A trigger drops the row when its incident row is deleted.
//
// The `facts` column is a positional JSON array (FACTS_FORMAT first; layout in case-facts-codec.ts),
// cheaper to parse than an object with keys; decodeFacts checks every field and refuses a row that is
// not shaped like facts.
import { caseFactsOf } from '../../src-shared/domain'
import { type Change, type Incident } from '../../src-shared/protocol'
import { type SqlConnection, type SqlValue } from '../../src-sqlite/sqlite-db'
import { encodeFacts } from './case-facts-codec'

export { decodeFacts, encodeFacts, FACTS_FORMAT } from './case-facts-codec'

export const CASE_FACTS_TABLE = 'case_facts'
/** Statuses after which a case no longer changes unless reopened (its last change bounds its figures). */
export const SETTLED_STATUSES: ReadonlySet<string> = new Set(['closed', 'rejected', 'merged'])

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
