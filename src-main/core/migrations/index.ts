// The numbered migrations of the console cache; the runner is shared with the hub (src-sqlite).
import {
  latestVersion,
  MigrationError,
  runMigrations as runNumbered,
  schemaVersion,
  type Migration
} from '../../../src-sqlite/migrations'
import { type SqliteDb } from '../../../src-sqlite/sqlite-db'
import { migration001 } from './001-initial'
import { migration002 } from './002-rejected-changes'
import { migration003 } from './003-command-journal'
import { migration004 } from './004-incident-index'
import { migration005 } from './005-functional-grids'
import { migration006 } from './006-case-facts'
import { migration007 } from './007-facts-format-2'

export type { Migration } from '../../../src-sqlite/migrations'
export { MigrationError, schemaVersion }

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007]
export const LATEST_SCHEMA = latestVersion(MIGRATIONS)

/** Brings the cache up to `target` (default: latest); each step is one transaction. */
export function runMigrations(
  db: SqliteDb,
  migrations: readonly Migration[] = MIGRATIONS,
  target = latestVersion(migrations)
): Promise<{ from: number; to: number }> {
  return runNumbered(db, migrations, target, { file: 'cache', program: 'console' })
}
