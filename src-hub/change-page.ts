// One page of compacted changes after a seq, for `sync` answers and for the store's readers.
//
// A sync page travels as the stored rows' own UTF-8 bytes: the hub wrote every row with JSON.stringify
// after checking it (Tx.put / putFunctionalGrid), so the stored text is already what
// JSON.stringify(JSON.parse(text)) would give. The rows are read as blobs (no UTF-8 decoding into JS
// strings) and the page is spliced from them with a few bytes of JSON around each. Decoding each row,
// parsing it, stringifying the page and encoding it again for Socket.IO cost the hub about a second of
// CPU per 100,000 changes of a catch-up, on cores it shares with the console it serves. The bytes on
// the wire are the same as before (tests/hub/change-page.test.ts compares them with JSON.stringify).
import type { Change } from '../src-shared/protocol'
import type { Row, SqlValue } from '../src-sqlite/sqlite-db'
import { type Scope, type StoredKind } from './entity-kinds'
import { functionalGridsSince } from './functional-grid-store'
import { CHANGE_OVERHEAD_BYTES } from './limits'

type Reads = { all(sql: string, params?: SqlValue[]): Promise<Row[]>; get(sql: string, params?: SqlValue[]): Promise<Row | undefined> }

const KINDS: ReadonlySet<unknown> = new Set<StoredKind>(['incident', 'unit', 'handover'])
function kindOf(row: Row): StoredKind {
  if (!KINDS.has(row.kind)) throw new Error(`stored entity has unknown kind ${String(row.kind)}`)
  return row.kind as StoredKind
}

/**
 * A stored row as a change. The data is parsed as JSON but not checked against its schema again:
 * every row was checked by `Tx.put` before it was written (the hub is the only writer), and every
 * console checks every change it receives. The command path (`get`) still parses with the schema.
 */
export function rowToChange(row: Row): Change {
  const data: unknown = Buffer.isBuffer(row.data) ? JSON.parse(row.data.toString('utf8')) : null
  return { seq: Number(row.seq), entity: kindOf(row), id: String(row.id), version: Number(row.version), data } as Change
}

/** The same change as UTF-8 JSON, in rowToChange's key order, with the stored data's bytes spliced in. */
export function rowToChangeUtf8(row: Row): Buffer[] {
  const head = `{"seq":${Number(row.seq)},"entity":"${kindOf(row)}","id":${JSON.stringify(String(row.id))},"version":${Number(row.version)},"data":`
  return Buffer.isBuffer(row.data) ? [Buffer.from(head), row.data, CLOSE] : [Buffer.from(`${head}null}`)]
}
const CLOSE = Buffer.from('}')

type PageRow = { seq: number; dataBytes: number; change: () => Change; utf8: () => Buffer[] }

export type PageRead = {
  rows: readonly PageRow[]
  more: boolean
  /** Estimated size of the page on the wire, for the sender's byte budget. */
  bytes: number
}

/**
 * The rows of changes after `sinceSeq`: the table holds only each entity's latest version, so rows
 * with seq > sinceSeq in seq order are exactly the protocol's compaction. Out-of-scope rows are
 * skipped; the page is cut at `limit` changes or `maxBytes`, whichever comes first (at least one).
 */
export async function readChangePage(
  reader: Reads,
  sinceSeq: number,
  limit: number,
  scope: Scope,
  maxBytes: number,
  /** Rev 1.8: include functional grids (only for a console whose handshake lists the feature). */
  withFunctionalGrids: boolean
): Promise<PageRead> {
  const params: SqlValue[] = [sinceSeq]
  let filter = ''
  if (scope !== '*') {
    const streets = [...scope]
    filter = ` AND (street_code IS NULL${streets.length ? ` OR street_code IN (${streets.map(() => '?').join(',')})` : ''})`
    params.push(...streets)
  }
  params.push(limit + 1)
  const entityRows = await reader.all(`SELECT kind, id, version, seq, CAST(data AS BLOB) AS data FROM entities WHERE seq > ?${filter} ORDER BY seq LIMIT ?`, params)
  let rows: PageRow[] = entityRows.map((row) => ({
    seq: Number(row.seq),
    dataBytes: Buffer.isBuffer(row.data) ? row.data.length : 0,
    change: () => rowToChange(row),
    utf8: () => rowToChangeUtf8(row)
  }))
  if (withFunctionalGrids) {
    // Both tables share the seq: the first limit + 1 of each hold the first limit + 1 of the merge.
    const grids = await functionalGridsSince(reader, sinceSeq, limit + 1, scope)
    if (grids.length > 0) {
      rows = [...rows, ...grids.map((g) => ({ seq: g.seq, dataBytes: g.dataBytes, change: () => g.change, utf8: () => [Buffer.from(JSON.stringify(g.change))] }))]
      rows.sort((a, b) => a.seq - b.seq)
      rows = rows.slice(0, limit + 1)
    }
  }
  // Also cut the page by size, so a page of long-timeline cases stays within what consoles accept.
  let bytes = 0
  let take = 0
  for (const row of rows.slice(0, limit)) {
    const size = CHANGE_OVERHEAD_BYTES + row.dataBytes
    if (take > 0 && bytes + size > maxBytes) break
    bytes += size
    take++
  }
  return { rows: rows.slice(0, take), more: rows.length > take, bytes }
}
