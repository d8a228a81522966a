// SQL text of the store's incident reads: the live-set filters and the find panel's ranking.
import { DAY_MS, type FindField } from '../../../src-shared/api'
import { CLOSED_STATES } from '../../../src-shared/protocol'
import { phoneQuery, REPORTER_NAME_MIN_CHARS } from '../../../src-shared/domain/reporter-find'
import { type SqlValue } from '../../../src-sqlite/sqlite-db'
import { marks } from './sql-util'

// ---- live-set filters (see Store.listLiveIncidentSummaries) ----

/**
 * The summary's updatedAt text. json_extract fails the whole statement on one malformed row, so it is
 * asked only of valid JSON (CASE is evaluated lazily); a damaged row is kept for parse() to report.
 */
export const UPDATED_AT = `CASE WHEN json_valid(summary) THEN json_extract(summary, '$.updatedAt') END`

/** Open, or finished with an updatedAt text no earlier than the margin below the instant. */
export const LIVE_WHERE = `(status NOT IN (${marks(CLOSED_STATES.length)}) OR NOT json_valid(summary) OR ${UPDATED_AT} >= ?)`

/**
 * updatedAt is compared as text, which is exact only for one offset: a day's margin (more than any
 * offset, ±14 h) keeps every candidate, and the caller checks the instant. -Infinity: no bound.
 */
export function sqlSince(sinceMs: number): string {
  return Number.isFinite(sinceMs) ? new Date(sinceMs - DAY_MS).toISOString().slice(0, 10) : ''
}

export function liveParams(sinceMs: number): SqlValue[] {
  return [...CLOSED_STATES, sqlSince(sinceMs)]
}

// ---- find (see findIncidentSummaries) ------------------------------------------------------

/** A backslash escapes LIKE's wildcards, so a typed `%` or `_` matches only itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** A field of the summary, asked only of valid JSON (json_extract fails the whole statement otherwise). */
const field = (path: string): string => `CASE WHEN json_valid(summary) THEN json_extract(summary, '$.${path}') END`

/** A field of the full record, asked only of valid JSON (the reporter is not in the summary). */
const dataField = (path: string): string => `CASE WHEN json_valid(data) THEN json_extract(data, '$.${path}') END`

/**
 * Rank 0 exact code, 1 code prefix, 2 code substring, 3 title or address, 4 reporter's name, 5
 * reporter's phone (issue 16: 12345 call-backs); 9 a row whose summary has no code (damaged), kept so
 * parse() reports it; no rank: no match. Params: query, prefix pattern, substring pattern, limit,
 * offset, name pattern (NULL: too short), phone's last 4 digits (NULL: not a phone), phone's first 3
 * (NULL: not a full number). The record is read only for rows the summary did not match (CASE is
 * lazy). julianday() reads any offset the hub wrote; seq keeps pages stable.
 */
export const FIND_SQL = `
  SELECT id, summary, rank,
    CASE WHEN rank IN (4, 5) THEN ${dataField('reporter.name')} END AS reporter_name,
    CASE WHEN rank IN (4, 5) THEN ${dataField('reporter.phone')} END AS reporter_phone
  FROM (
    SELECT id, seq, summary, data,
      CASE
        WHEN code IS NULL THEN 9
        WHEN code = ?1 COLLATE NOCASE THEN 0
        WHEN code LIKE ?2 ESCAPE '\\' THEN 1
        WHEN code LIKE ?3 ESCAPE '\\' THEN 2
        WHEN title LIKE ?3 ESCAPE '\\' OR address LIKE ?3 ESCAPE '\\' THEN 3
        WHEN ?6 IS NOT NULL AND ${dataField('reporter.name')} LIKE ?6 ESCAPE '\\' THEN 4
        WHEN ?7 IS NOT NULL AND replace(replace(${dataField('reporter.phone')}, ' ', ''), '-', '') LIKE '%' || ?7
          AND (?8 IS NULL OR replace(${dataField('reporter.phone')}, ' ', '') LIKE ?8 || '%') THEN 5
      END AS rank,
      reported_at
    FROM (
      SELECT id, seq, summary, data, ${field('code')} AS code, ${field('title')} AS title,
        ${field('address')} AS address, ${field('reportedAt')} AS reported_at
      FROM incidents WHERE data IS NOT NULL
    )
  )
  WHERE rank IS NOT NULL
  ORDER BY rank, julianday(reported_at) DESC, seq DESC
  LIMIT ?4 OFFSET ?5`

/** The find statement's parameters after the page (see FIND_SQL): name pattern, phone digits. */
export function reporterParams(q: string): SqlValue[] {
  const phone = phoneQuery(q)
  return [
    q.length >= REPORTER_NAME_MIN_CHARS ? `%${escapeLike(q)}%` : null,
    phone?.last4 ?? null,
    phone?.prefix ?? null
  ]
}

/** What a FIND_SQL rank says matched; rank 3 is title or address, told apart by the caller. */
export function matchedOf(rank: number, title: string, query: string): FindField {
  if (rank <= 2) return 'code'
  if (rank === 3) return title.toLowerCase().includes(query.toLowerCase()) ? 'title' : 'address'
  if (rank === 4) return 'reporter'
  return rank === 5 ? 'phone' : 'code'
}
