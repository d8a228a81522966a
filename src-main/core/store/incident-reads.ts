// The store's reads of cached cases: the live set (whole summaries or just id, status and time),
// finished cases for a live-set window that grew, and the find panel's search of the whole cache.
// Each runs on a connection the Store opened (SqliteDb.exclusive); JSON goes through RowRead.
import { type FindMatch, IncidentSummary, inLiveSet } from '../../../src-shared/api'
import { CLOSED_STATES, IncidentStatus, IsoDate, isOpenStatus } from '../../../src-shared/protocol'
import { type SqlConnection } from '../../../src-sqlite/sqlite-db'
import { FIND_SQL, LIVE_WHERE, UPDATED_AT, escapeLike, liveParams, matchedOf, reporterParams, sqlSince } from './incident-queries'
import { type RowRead, parseRows } from './row-read'
import { marks } from './sql-util'

/** What the core keeps of a case in the renderer's live set. */
export type LiveIncidentTime = Pick<IncidentSummary, 'id' | 'status' | 'updatedAt'>

export async function readIncidentSummaries(c: SqlConnection, read: RowRead): Promise<IncidentSummary[]> {
  const rows = await c.all('SELECT id, summary FROM incidents WHERE data IS NOT NULL ORDER BY seq')
  return parseRows(read, rows, 'summary', IncidentSummary, 'incidents')
}

/**
 * The renderer's live set: open cases, and finished ones that finished at or after `sinceMs` (see
 * live-window.ts). SQL narrows by status and a day-wide margin on the summary's updatedAt (ISO text,
 * offsets vary), then the exact instant is checked here.
 */
export async function readLiveIncidentSummaries(c: SqlConnection, read: RowRead, sinceMs: number): Promise<IncidentSummary[]> {
  const rows = await c.all(
    `SELECT id, summary FROM incidents WHERE data IS NOT NULL AND ${LIVE_WHERE} ORDER BY seq`,
    liveParams(sinceMs)
  )
  return parseRows(read, rows, 'summary', IncidentSummary, 'incidents').filter((s) => inLiveSet(s, sinceMs))
}

/** Finished cases that finished at or after `sinceMs` (open ones left out), for a window that grew. */
export async function readFinishedSince(c: SqlConnection, read: RowRead, sinceMs: number): Promise<IncidentSummary[]> {
  const rows = await c.all(
    `SELECT id, summary FROM incidents WHERE data IS NOT NULL AND status IN (${marks(CLOSED_STATES.length)})
       AND ${UPDATED_AT} >= ? ORDER BY seq`,
    [...CLOSED_STATES, sqlSince(sinceMs)]
  )
  return parseRows(read, rows, 'summary', IncidentSummary, 'incidents').filter(
    (s) => !isOpenStatus(s.status) && inLiveSet(s, sinceMs)
  )
}

/**
 * Id, status and finishing time of each case in the live set, without parsing whole summaries: what
 * the core needs to follow the live set (open ~1 s faster per 100k cached cases than the summaries).
 */
export async function readLiveIncidentTimes(c: SqlConnection, read: RowRead, sinceMs: number): Promise<LiveIncidentTime[]> {
  const rows = await c.all(
    `SELECT id, status, ${UPDATED_AT} AS updated_at FROM incidents
       WHERE data IS NOT NULL AND ${LIVE_WHERE}`,
    liveParams(sinceMs)
  )
  const out: LiveIncidentTime[] = []
  for (const r of rows) {
    const status = IncidentStatus.safeParse(r.status)
    const updatedAt = IsoDate.safeParse(r.updated_at)
    if (!status.success || !updatedAt.success) {
      read.corrupt(`incidents/${String(r.id)}`, 'status or summary.updatedAt')
      continue
    }
    const time = { id: String(r.id), status: status.data, updatedAt: updatedAt.data }
    if (inLiveSet(time, sinceMs)) out.push(time)
  }
  return out
}

/**
 * Up to `limit` cached cases whose code, title, address or reporter contains `query` (see
 * Store.findIncidentSummaries for the order), with what matched. A damaged row is skipped and counted.
 */
export async function readFindMatches(c: SqlConnection, read: RowRead, query: string, limit: number): Promise<FindMatch[]> {
  const q = query.trim()
  if (q === '' || !(limit >= 1)) return []
  const like = escapeLike(q)
  const out: FindMatch[] = []
  // One statement per page: a page short of valid rows (damaged ones skipped) asks for the rest.
  for (let offset = 0; out.length < limit; ) {
    const want = limit - out.length
    const rows = await c.all(FIND_SQL, [q, `${like}%`, `%${like}%`, want, offset, ...reporterParams(q)])
    for (const row of rows) {
      const [incident] = parseRows(read, [row], 'summary', IncidentSummary, 'incidents')
      if (!incident) continue
      const rank = Number(row.rank)
      const name = typeof row.reporter_name === 'string' ? row.reporter_name : undefined
      const phone = typeof row.reporter_phone === 'string' ? row.reporter_phone : undefined
      out.push({
        incident,
        matched: matchedOf(rank, incident.title, q),
        reporter: rank === 4 || rank === 5 ? { ...(name !== undefined ? { name } : {}), ...(phone !== undefined ? { phone } : {}) } : null
      })
    }
    if (rows.length < want) break
    offset += rows.length
  }
  return out
}
