// Rev 1.8: the functional grids (功能性网格) the console holds, from the snapshot and then the deltas.
// Apart from the incident store's hot path: they change a few times a day, so a new Map per change is
// fine, and a delta without them costs one check. Whether one is active is never stored here — every
// reader asks the domain's functionalGridState with the clock, so it ends by itself at its end time.
import type { Delta, Snapshot } from '../../src-shared/api'
import type { FunctionalGrid } from '../../src-shared/protocol'

export function functionalGridsOf(snapshot: Pick<Snapshot, 'functionalGrids'>): Map<string, FunctionalGrid> {
  return new Map((snapshot.functionalGrids ?? []).map((fg) => [fg.id, fg]))
}

/** The held map with the batches applied (newer or equal versions only), or null when none touched it. */
export function applyFunctionalGridDeltas(
  held: ReadonlyMap<string, FunctionalGrid>,
  deltas: readonly Pick<Delta, 'functionalGrids' | 'removedFunctionalGridIds'>[]
): Map<string, FunctionalGrid> | null {
  let next: Map<string, FunctionalGrid> | null = null
  for (const delta of deltas) {
    const upserts = delta.functionalGrids ?? []
    const removed = delta.removedFunctionalGridIds ?? []
    if (upserts.length === 0 && removed.length === 0) continue
    next ??= new Map(held)
    for (const fg of upserts) {
      const old = next.get(fg.id)
      if (!old || old.version <= fg.version) next.set(fg.id, fg)
    }
    for (const id of removed) next.delete(id)
  }
  return next
}
