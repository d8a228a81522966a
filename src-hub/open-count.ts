// Keeps Unit.openCount in step with incidents: each open case counts once for each unit assigned to it.
import { isOpenStatus, type Incident } from '../src-shared/protocol'
import type { Tx } from './store'

function holds(incident: Incident | null, unitId: string): number {
  return incident !== null && isOpenStatus(incident.status) && incident.assignees.includes(unitId) ? 1 : 0
}

/** Writes the new openCount of every unit whose count the incident's change moved, in the same transaction. */
export async function updateOpenCounts(tx: Tx, before: Incident | null, after: Incident): Promise<void> {
  const touched = new Set([...(before?.assignees ?? []), ...after.assignees])
  for (const unitId of [...touched].sort()) {
    const delta = holds(after, unitId) - holds(before, unitId)
    if (delta === 0) continue
    const unit = await tx.get('unit', unitId)
    // A case may name a unit the reference no longer lists; there is no count to keep for it.
    if (unit === null) continue
    await tx.put('unit', { ...unit, openCount: Math.max(0, unit.openCount + delta) })
  }
}
