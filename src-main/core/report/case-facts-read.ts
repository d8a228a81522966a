// The read of a period's case facts (schema 6+, ../case-facts.ts), the first half of every month's
// figures and case export. The rows come back as JSON array texts built by SQLite (group_concat: one
// value for the driver to hand over and one JSON.parse per text, instead of a JS object per row), in
// chunks by report time that are pipelined: SQLite builds the next chunk's text on its own thread while
// this one parses and checks the last (the two cores work at once). A case's report time never changes,
// so each case is in exactly one chunk even when the console writes between two of them.
import { type SqliteDb } from '../../../src-sqlite/sqlite-db'
import { type CaseFacts } from '../../../src-shared/domain'
import { CASE_FACTS_TABLE, decodeFacts } from '../case-facts'
import { SharedTexts } from '../case-facts-codec'

/** Chunks the period is read in (plus one for the cases reported before it that still count). */
export const PERIOD_CHUNKS = 16
const EARLIEST = -8.64e15

/** readIncidentsFor's selection within one span of report times: open, or changed since the period's start. */
const IN_SPAN = `FROM ${CASE_FACTS_TABLE} WHERE reported_ms >= ? AND reported_ms < ? AND (settled = 0 OR updated_ms >= ?) ORDER BY reported_ms, id`
const JOINED = `SELECT count(*) AS n, '[' || ifnull(group_concat(facts, ','), '') || ']' AS facts FROM (SELECT facts ${IN_SPAN})`

/** The report-time spans to read, together every time before `toMs`: before the period, then the period in `chunks` equal parts. */
export function spansOf(fromMs: number, toMs: number, chunks = PERIOD_CHUNKS): [number, number][] {
  const start = Math.min(fromMs, toMs)
  const spans: [number, number][] = [[EARLIEST, start]]
  const length = toMs - start
  for (let k = 0; k < chunks; k++) spans.push([start + Math.floor((length * k) / chunks), k === chunks - 1 ? toMs : start + Math.floor((length * (k + 1)) / chunks)])
  return spans
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The facts of every case that can count in [fromMs, toMs) (reported before its end, and open or
 * changed since its start), oldest report first. A chunk whose text is not JSON, or does not hold one
 * value per row, is read again row by row so that only its bad rows are skipped and counted.
 */
export async function readFactsRows(db: SqliteDb, fromMs: number, toMs: number, chunks = PERIOD_CHUNKS): Promise<{ incidents: CaseFacts[]; skipped: number }> {
  const spans = spansOf(fromMs, toMs, chunks)
  const ask = (k: number): Promise<Record<string, unknown> | undefined> => {
    const [a, b] = spans[k] ?? [0, 0]
    const p = db.exclusive((c) => c.get(JOINED, [a, b, fromMs]))
    p.catch(() => undefined) // awaited below; this only keeps a failure while the last chunk is parsed from counting as unhandled
    return p
  }
  const incidents: CaseFacts[] = []
  const shared = new SharedTexts() // category, grid and unit lists once per read, not once per case
  let skipped = 0
  let next = ask(0)
  for (let k = 0; k < spans.length; k++) {
    const joined = await next
    if (k + 1 < spans.length) {
      next = ask(k + 1)
      await nextTurn() // let the queued query reach SQLite's thread before this one parses
    }
    for (const v of await valuesOf(db, joined, spans[k] ?? [0, 0], fromMs)) {
      const f = decodeFacts(v, shared)
      if (f) incidents.push(f)
      else skipped++
    }
  }
  return { incidents, skipped }
}

async function valuesOf(db: SqliteDb, joined: Record<string, unknown> | undefined, [a, b]: [number, number], fromMs: number): Promise<unknown[]> {
  try {
    const values = JSON.parse(String(joined?.facts)) as unknown
    // Broken rows could still join into valid JSON (a half array closed by the next row): the count tells.
    if (Array.isArray(values) && values.length === Number(joined?.n)) return values
  } catch {
    // not JSON: read the rows one by one
  }
  const rows = await db.exclusive((c) => c.all(`SELECT facts ${IN_SPAN}`, [a, b, fromMs]))
  return rows.map((r) => {
    try {
      return JSON.parse(String(r.facts)) as unknown
    } catch {
      return null
    }
  })
}
