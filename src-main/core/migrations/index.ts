// Runs the numbered migrations of the console cache; the schema version is PRAGMA user_version.
import { type SqliteDb } from '../sqlite'
import { migration001 } from './001-initial'
import { migration002 } from './002-rejected-changes'
import { migration003 } from './003-command-journal'
import { migration004 } from './004-incident-index'
import { type Migration } from './types'

export type { Migration } from './types'

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004]
export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export async function schemaVersion(db: SqliteDb): Promise<number> {
  const row = await db.exclusive((c) => c.get('PRAGMA user_version'))
  const v = row?.user_version
  return typeof v === 'number' ? v : 0
}

/** Brings the file up to `target` (default: latest); each step is one transaction. */
export async function runMigrations(
  db: SqliteDb,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations[migrations.length - 1]?.version ?? 0
): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db)
  const known = migrations[migrations.length - 1]?.version ?? 0
  if (from > known) {
    // A file written by a newer console: its meaning is unknown, so it is not trusted.
    throw new MigrationError(`cache schema ${from} is newer than this console knows (${known})`)
  }
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue
    try {
      await db.transaction(async (conn) => {
        await m.up(conn)
        // user_version lives in the file header and is part of the same transaction.
        await conn.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`)
      })
    } catch (err) {
      throw new MigrationError(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`)
    }
  }
  return { from, to: Math.max(from, Math.min(target, known)) }
}
