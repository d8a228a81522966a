// A reset of the cache (another hub, a new scope, a hub behind the cache): every cached entity is
// dropped and lastSeq goes back to 0, inside the caller's transaction; the outbox stays. The delta
// removes everything the screens hold.
import { type Delta } from '../../../src-shared/api'
import { type SqlConnection } from '../../../src-sqlite/sqlite-db'
import { emptyDelta } from '../delta-builder'
import { clearFunctionalGrids } from './functional-grid-rows'
import { writeMeta } from './meta-rows'

export async function clearEntitiesIn(c: SqlConnection): Promise<Delta> {
  const ids = async (table: string): Promise<string[]> =>
    (await c.all(`SELECT id FROM ${table} WHERE data IS NOT NULL`)).map((r) => String(r.id))
  const delta = emptyDelta(0)
  delta.removedIncidentIds = await ids('incidents')
  delta.removedUnitIds = await ids('units')
  delta.removedHandoverIds = await ids('handovers')
  // Rev 1.8: only when there were any, so a reset without them keeps the older delta's shape.
  const grids = await clearFunctionalGrids(c)
  if (grids.length > 0) delta.removedFunctionalGridIds = grids
  await c.exec('DELETE FROM incidents; DELETE FROM units; DELETE FROM handovers;')
  await writeMeta(c, 'lastSeq', 0)
  return delta
}
