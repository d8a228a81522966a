// The console cache's functional grids (rev 1.8, cache schema 5): what the snapshot reads and what a
// reset drops. Changes reach the table through the common write path (incident-writes.ts, by TABLE).
import { FunctionalGrid } from '../../../src-shared/protocol'
import { type SqlConnection } from '../../../src-sqlite/sqlite-db'

/** Every live functional grid, oldest change first; a row that fails its schema is reported and skipped. */
export async function readFunctionalGrids(
  c: SqlConnection,
  corrupt: (where: string, reason: string) => void
): Promise<FunctionalGrid[]> {
  const rows = await c.all('SELECT id, data FROM functional_grids WHERE data IS NOT NULL ORDER BY seq')
  const out: FunctionalGrid[] = []
  for (const row of rows) {
    const where = `functional_grids/${String(row.id)}`
    let value: unknown
    try {
      value = JSON.parse(String(row.data))
    } catch {
      corrupt(where, 'not JSON')
      continue
    }
    const parsed = FunctionalGrid.safeParse(value)
    if (parsed.success) out.push(parsed.data)
    else corrupt(where, parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  return out
}

/** Drops every cached functional grid (a reset) and returns the ids of the live ones, for the delta. */
export async function clearFunctionalGrids(c: SqlConnection): Promise<string[]> {
  const ids = (await c.all('SELECT id FROM functional_grids WHERE data IS NOT NULL')).map((r) => String(r.id))
  await c.exec('DELETE FROM functional_grids')
  return ids
}
