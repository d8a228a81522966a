// Numbered schema migrations over one SqliteDb, shared by the console cache and the hub. The
// schema version is PRAGMA user_version: it lives in the file header, so each step and its stamp
// commit together in one transaction.
import { type SqlConnection, type SqliteDb } from './sqlite-db'

export type Migration = {
  /** Becomes PRAGMA user_version once applied; migrations run in ascending order. */
  version: number
  name: string
  up(conn: SqlConnection): Promise<void>
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** Words for the error a newer file gets: whose file it is and which program refuses it. */
export type MigrationLabels = { file: string; program: string }

export async function schemaVersion(db: SqliteDb): Promise<number> {
  const row = await db.get('PRAGMA user_version')
  const v = row?.user_version
  return typeof v === 'number' ? v : 0
}

/** The version the last migration of the list stamps (0 for none). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations[migrations.length - 1]?.version ?? 0
}

/** Brings the file up to `target` (default: latest); each step is one transaction. */
export async function runMigrations(
  db: SqliteDb,
  migrations: readonly Migration[],
  target = latestVersion(migrations),
  labels: MigrationLabels = { file: 'database', program: 'program' }
): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db)
  const known = latestVersion(migrations)
  if (from > known) {
    // A file written by a newer program: its meaning is unknown, so it is not trusted.
    throw new MigrationError(`${labels.file} schema ${from} is newer than this ${labels.program} knows (${known})`)
  }
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue
    try {
      await db.transaction(async (conn) => {
        await m.up(conn)
        await conn.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`)
      })
    } catch (err) {
      throw new MigrationError(`migration ${m.version} (${m.name}) failed: ${(err as Error).message}`)
    }
  }
  return { from, to: Math.max(from, Math.min(target, known)) }
}

/** Stamps `version` without running anything: for a file whose tables predate the numbering. */
export async function stampVersion(db: SqliteDb, version: number): Promise<void> {
  await db.exclusive((c) => c.exec(`PRAGMA user_version = ${Math.trunc(version)}`))
}
