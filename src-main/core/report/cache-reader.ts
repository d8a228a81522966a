// Read-only queries on a console's cache file for the figures, reports and exports: opened with
// SQLITE_OPEN_READONLY so a report can run beside a live console (or on a copy) and never write to it.
// store.ts owns the writes; these are the only other SQL on the cache and they only read.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ReferenceData, Unit, type Incident } from '../../../src-shared/protocol'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import { caseFactsOf, type CaseFacts, type CaseRecordIncident } from '../../../src-shared/domain'
import { CASE_FACTS_TABLE } from '../case-facts'
import { readFactsRows } from './case-facts-read'
import { parseCachedIncidents, parseSlimIncidents } from './cached-incident'

/** The file name the console keeps its cache under in its data folder (console-service's CACHE_FILE). */
export const CACHE_FILE_NAME = 'console-cache.sqlite'
const DAY = 86_400_000
const REQUIRED_TABLES = ['incidents', 'units', 'handovers', 'meta', 'reference', 'outbox']

export class CacheReadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CacheReadError'
  }
}

export type CacheSnapshot = {
  incidents: Incident[]
  units: Unit[]
  reference: ReferenceData | null
  /** Rows that failed to parse and were left out (named in the report's notes). */
  skipped: number
}

export class CacheReader {
  private constructor(private readonly db: SqliteDb) {}

  /** Opens DIR/console-cache.sqlite read-only; a clear CacheReadError when DIR is not a console's data folder. */
  static async open(dataDir: string): Promise<CacheReader> {
    if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new CacheReadError(`${dataDir} is not a folder`)
    const path = join(dataDir, CACHE_FILE_NAME)
    if (!existsSync(path)) throw new CacheReadError(`${dataDir} is not a console's data folder: there is no ${CACHE_FILE_NAME} in it`)
    let db: SqliteDb
    try {
      db = await SqliteDb.open(path, 'readonly')
    } catch (err) {
      throw new CacheReadError(`${path} cannot be opened: ${(err as Error).message}`)
    }
    try {
      const rows = await db.exclusive((c) => c.all("SELECT name FROM sqlite_master WHERE type = 'table'"))
      const names = new Set(rows.map((r) => String(r.name)))
      const missing = REQUIRED_TABLES.filter((t) => !names.has(t))
      if (missing.length > 0) throw new CacheReadError(`${path} is not a console cache (no ${missing.join(', ')} table)`)
    } catch (err) {
      await db.close().catch(() => undefined)
      if (err instanceof CacheReadError) throw err
      throw new CacheReadError(`${path} is not a console cache: ${(err as Error).message}`)
    }
    return new CacheReader(db)
  }

  close(): Promise<void> {
    return this.db.close()
  }

  incidentsFor(fromMs: number, toMs: number): Promise<{ incidents: Incident[]; skipped: number }> {
    return readIncidentsFor(this.db, fromMs, toMs)
  }

  /** The period's cases as their facts (the figures and the case exports need no more). */
  caseFactsFor(fromMs: number, toMs: number): Promise<{ incidents: CaseFacts[]; skipped: number }> {
    return readCaseFactsFor(this.db, fromMs, toMs)
  }

  async units(): Promise<Unit[]> {
    const rows = await this.db.exclusive((c) => c.all('SELECT id, data FROM units WHERE data IS NOT NULL ORDER BY id'))
    return this.parseAll(rows, Unit).incidents
  }

  async reference(): Promise<ReferenceData | null> {
    const row = await this.db.exclusive((c) => c.get('SELECT data FROM reference WHERE id = 1'))
    if (!row || typeof row.data !== 'string') return null
    try {
      const parsed = ReferenceData.safeParse(JSON.parse(row.data))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  /** Incidents, units and reference for a period, in one go. */
  async snapshot(fromMs: number, toMs: number): Promise<CacheSnapshot> {
    const { incidents, skipped } = await this.incidentsFor(fromMs, toMs)
    return { incidents, units: await this.units(), reference: await this.reference(), skipped }
  }

  private parseAll<T>(rows: Record<string, unknown>[], schema: Parser<T>): { incidents: T[]; skipped: number } {
    return parseAll(rows, schema)
  }
}

type Parser<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } }

/** Rows whose JSON does not parse against the schema are counted and left out, never thrown on. */
function parseAll<T>(rows: Record<string, unknown>[], schema: Parser<T>): { incidents: T[]; skipped: number } {
  const out: T[] = []
  let skipped = 0
  for (const row of rows) {
    try {
      const parsed = schema.safeParse(JSON.parse(String(row.data)))
      if (parsed.success) out.push(parsed.data)
      else skipped++
    } catch {
      skipped++
    }
  }
  return { incidents: out, skipped }
}

/**
 * Every case that can count in [fromMs, toMs): reported before its end, and open or last changed
 * within a day of its start (ISO text carries offsets, so SQL narrows with a day's margin and the
 * figures decide exactly). Closed cases untouched since before the period cannot add to it. Shared by
 * the read-only reader and the running console (on its own connection, between its writes).
 */
export async function readIncidentsFor(db: SqliteDb, fromMs: number, toMs: number): Promise<{ incidents: Incident[]; skipped: number }> {
  const since = new Date(fromMs - DAY).toISOString()
  const until = new Date(toMs + DAY).toISOString()
  const rows = await db.exclusive((c) =>
    c.all(
      `SELECT id, data FROM incidents WHERE data IS NOT NULL
         AND json_extract(summary, '$.reportedAt') < ?
         AND (status NOT IN ('closed', 'rejected', 'merged') OR json_extract(summary, '$.updatedAt') >= ?)
       ORDER BY json_extract(summary, '$.reportedAt'), id`,
      [until, since]
    )
  )
  return parseCachedIncidents(rows)
}

const tableExists = async (db: SqliteDb, name: string): Promise<boolean> =>
  (await db.exclusive((c) => c.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))) !== undefined

/** The period index of schema 4–5 (replaced by the case facts in 6): read only in a cache opened read-only that was not migrated. */
const LEGACY_INDEX_TABLE = 'incident_index'

/**
 * The facts of every case that can count in [fromMs, toMs), as readIncidentsFor selects them, oldest
 * report first (case-facts-read.ts). A cache from before schema 6 opened read-only (it cannot be
 * migrated) is read the old way and turned into facts here; a schema 6 cache's format 1 rows decode as they are.
 */
export async function readCaseFactsFor(db: SqliteDb, fromMs: number, toMs: number): Promise<{ incidents: CaseFacts[]; skipped: number }> {
  if (!(await tableExists(db, CASE_FACTS_TABLE))) {
    const old: { incidents: readonly CaseRecordIncident[]; skipped: number } = (await tableExists(db, LEGACY_INDEX_TABLE))
      ? await readLegacyIndexFor(db, fromMs, toMs)
      : await readIncidentsFor(db, fromMs, toMs)
    return { incidents: old.incidents.map(caseFactsOf), skipped: old.skipped }
  }
  return readFactsRows(db, fromMs, toMs)
}

/** The slim rows of a schema 4–5 period index (same selection). */
async function readLegacyIndexFor(db: SqliteDb, fromMs: number, toMs: number) {
  const rows = await db.exclusive((c) =>
    c.all(
      `SELECT slim FROM ${LEGACY_INDEX_TABLE} WHERE reported_ms < ? AND (settled = 0 OR updated_ms >= ?)
       ORDER BY reported_ms, id`,
      [toMs, fromMs]
    )
  )
  return parseSlimIncidents(rows)
}
