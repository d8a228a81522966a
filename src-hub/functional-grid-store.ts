// The rows of functional grids (rev 1.8, hub migration 002). They share the hub-wide seq with the
// `entities` table: a write takes the transaction's next seq and joins its changes, so it commits,
// broadcasts and is answered exactly like a case or a handover. Read and written with plain SQL on
// the transaction's own connection — they are few (a lead makes a handful a season), so they need
// none of the entity cache's machinery, and a group's later command sees an earlier one's row.
import { FunctionalGrid, type Change } from '../src-shared/protocol'
import type { Row, SqlValue } from '../src-sqlite/sqlite-db'
import type { Scope } from './entity-kinds'
import type { Tx } from './tx'

/** What reads need of a connection: the transaction's, or the store's reader. */
type Reads = { all(sql: string, params?: SqlValue[]): Promise<Row[]>; get(sql: string, params?: SqlValue[]): Promise<Row | undefined> }

function parseRow(data: unknown): FunctionalGrid {
  return FunctionalGrid.parse(JSON.parse(String(data)))
}

export async function getFunctionalGrid(db: Reads, id: string): Promise<FunctionalGrid | null> {
  const row = await db.get('SELECT data FROM functional_grids WHERE id = ?', [id])
  return row === undefined ? null : parseRow(row.data)
}

/**
 * Functional grids that may still matter to the overlap rule: not ended early, and not over before
 * `sinceMs` (an ended one can overlap nothing). The end time is compared as a date, not as text:
 * ISO strings with offsets do not sort by time.
 */
export async function openFunctionalGrids(db: Reads, sinceMs: number): Promise<FunctionalGrid[]> {
  const rows = await db.all('SELECT data FROM functional_grids WHERE ended_at IS NULL ORDER BY seq')
  return rows.map((r) => parseRow(r.data)).filter((fg) => Date.parse(fg.toAt) > sinceMs)
}

/** Every stored functional grid, oldest first (tests, admin tools). */
export async function allFunctionalGrids(db: Reads): Promise<FunctionalGrid[]> {
  const rows = await db.all('SELECT data FROM functional_grids ORDER BY seq')
  return rows.map((r) => parseRow(r.data))
}

/**
 * Stores the next version of a functional grid under the transaction's next seq and adds its change
 * to the transaction's changes (checked against the schema before anything is written).
 */
export async function putFunctionalGrid(tx: Tx, fg: Omit<FunctionalGrid, 'seq'>): Promise<FunctionalGrid> {
  const seq = tx.head + 1
  const stored = FunctionalGrid.parse({ ...fg, seq })
  await tx.sql.run(
    `INSERT INTO functional_grids (id, seq, version, from_at, to_at, ended_at, street_codes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, version = excluded.version, from_at = excluded.from_at,
       to_at = excluded.to_at, ended_at = excluded.ended_at, street_codes = excluded.street_codes, data = excluded.data`,
    [stored.id, seq, stored.version, stored.fromAt, stored.toAt, stored.endedAt, JSON.stringify(stored.streetCodes), JSON.stringify(stored)]
  )
  tx.head = seq
  tx.changes.push({ seq, entity: 'functionalGrid', id: stored.id, version: stored.version, data: stored })
  return stored
}

/** A functional-grid row for a sync page, with its size on the wire's data. */
export type FunctionalGridRow = { seq: number; change: Change; dataBytes: number }

/**
 * Functional grids changed after `sinceSeq` in `scope` (any of their streets in it), at most `limit`,
 * by seq. The table holds each one's latest version only, so this is the protocol's compaction.
 */
export async function functionalGridsSince(db: Reads, sinceSeq: number, limit: number, scope: Scope): Promise<FunctionalGridRow[]> {
  const params: SqlValue[] = [sinceSeq]
  let filter = ''
  if (scope !== '*') {
    const streets = [...scope]
    if (streets.length === 0) return []
    filter = ` AND EXISTS (SELECT 1 FROM json_each(street_codes) WHERE json_each.value IN (${streets.map(() => '?').join(',')}))`
    params.push(...streets)
  }
  params.push(limit)
  const rows = await db.all(`SELECT id, version, seq, data FROM functional_grids WHERE seq > ?${filter} ORDER BY seq LIMIT ?`, params)
  return rows.map((r) => {
    const text = String(r.data)
    // Not checked against the schema again: every row was checked by putFunctionalGrid (see store.ts's rowToChange).
    const data = JSON.parse(text) as FunctionalGrid
    return {
      seq: Number(r.seq),
      change: { seq: Number(r.seq), entity: 'functionalGrid', id: String(r.id), version: Number(r.version), data },
      dataBytes: Buffer.byteLength(text)
    }
  })
}
