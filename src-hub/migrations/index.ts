// The numbered migrations of the hub database (runner shared with the console: src-sqlite).
// Adding one: write src-hub/migrations/00N-what.ts exporting a Migration with version N, and
// append it to HUB_MIGRATIONS below. Versions are never reused or reordered once released.
import {
  latestVersion,
  runMigrations,
  schemaVersion,
  stampVersion,
  type Migration
} from '../../src-sqlite/migrations'
import { type SqliteDb } from '../../src-sqlite/sqlite-db'
import { migration001 } from './001-initial'
import { migration002 } from './002-functional-grids'

export const HUB_MIGRATIONS: readonly Migration[] = [migration001, migration002]
export const HUB_SCHEMA = latestVersion(HUB_MIGRATIONS)

/** The tables of migration 001: their presence at user_version 0 marks a pre-numbering hub. */
const LEGACY_TABLES = ['meta', 'entities', 'commands', 'day_counters']

/**
 * Brings the hub database up to date. A file made before the numbering (user_version 0 with the
 * tables of 001 present) is stamped 1 rather than built again; a newer file is refused.
 */
export async function migrateHub(
  db: SqliteDb,
  migrations: readonly Migration[] = HUB_MIGRATIONS
): Promise<{ from: number; to: number; adopted: boolean }> {
  let adopted = false
  if ((await schemaVersion(db)) === 0) {
    const rows = await db.all(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${LEGACY_TABLES.map(() => '?').join(', ')})`,
      LEGACY_TABLES
    )
    if (rows.length === LEGACY_TABLES.length) {
      await stampVersion(db, 1)
      adopted = true
    }
  }
  const { from, to } = await runMigrations(db, migrations, latestVersion(migrations), {
    file: 'hub database',
    program: 'hub'
  })
  return { from: adopted ? 0 : from, to, adopted }
}
