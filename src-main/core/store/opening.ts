// Checks and salvage on opening the cache file (used by open-cache.ts).
import { type SqliteDb } from '../../../src-sqlite/sqlite-db'

/** PRAGMA quick_check; true when SQLite finds the file sound. Throws if it is not a database. */
export async function quickCheck(db: SqliteDb): Promise<boolean> {
  const rows = await db.exclusive((c) => c.all('PRAGMA quick_check'))
  return rows.length === 1 && rows[0]?.quick_check === 'ok'
}

export async function enableWal(db: SqliteDb): Promise<void> {
  await db.exclusive(async (c) => {
    // FULL, not NORMAL: in WAL mode NORMAL survives a crash but may lose the last commits on a
    // power cut — and a queued command is promised to the dispatcher once its commit returns.
    // The cost is one WAL fsync per transaction (a batch of changes, or one queued command).
    await c.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;')
    // 32 MiB of page cache (default 2 MiB): a catch-up rewrites B-tree pages of a 100k-row table
    // many times; keeping them in memory makes ingest ~30% faster on a desktop that has the RAM.
    await c.exec('PRAGMA cache_size = -32768;')
  })
}

/** Best effort: the queued commands still readable in a damaged file, so none is lost. */
export async function salvageOutbox(db: SqliteDb): Promise<{ command: unknown; queuedAt: unknown }[]> {
  const rows = await db.exclusive((c) => c.all('SELECT command, queued_at FROM outbox ORDER BY ord'))
  const out: { command: unknown; queuedAt: unknown }[] = []
  for (const r of rows) {
    try {
      out.push({ command: JSON.parse(String(r.command)), queuedAt: r.queued_at })
    } catch {
      // unreadable row: nothing to carry over
    }
  }
  return out
}

export async function salvageConsoleId(db: SqliteDb): Promise<string | null> {
  const row = await db.exclusive((c) => c.get(`SELECT value FROM meta WHERE key = 'consoleId'`))
  if (row === undefined) return null
  try {
    const value: unknown = JSON.parse(String(row.value))
    return typeof value === 'string' ? value : null
  } catch {
    return null
  }
}
