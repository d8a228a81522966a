// The netting of several cache deltas into one: the latest state of each entity, or its removal.
// One place for it (issue 13): the core's per-frame coalescer and the web host's hold for a page
// whose socket is backed up both merge with this, so they cannot drift apart.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { type FunctionalGrid, type Handover, type Unit } from '../../src-shared/protocol'

class Net<T extends { version: number }> {
  readonly set = new Map<string, T>()
  readonly removed = new Set<string>()
  add(id: string, value: T): void {
    // An older version never replaces a newer one: a read of the cache made before a delta (a
    // live-set window that grew) may be pushed after it.
    const held = this.set.get(id)
    if (held !== undefined && held.version > value.version) return
    this.removed.delete(id)
    this.set.set(id, value)
  }
  remove(id: string): void {
    this.set.delete(id)
    this.removed.add(id)
  }
}

/**
 * Deltas pushed in order, taken as one. Applying the taken delta gives the same state as applying
 * every pushed one in turn: within one delta an id is either set or removed, never both; across
 * deltas the later wins (except an older version, see Net.add); lastSeq is the last pushed.
 */
export class DeltaMerge {
  private incidents = new Net<IncidentSummary>()
  private units = new Net<Unit>()
  private handovers = new Net<Handover>()
  private functionalGrids = new Net<FunctionalGrid>()
  private lastSeq = 0
  private dirty = false

  get empty(): boolean {
    return !this.dirty
  }

  push(delta: Delta): void {
    for (const id of delta.removedIncidentIds) this.incidents.remove(id)
    for (const id of delta.removedUnitIds) this.units.remove(id)
    for (const id of delta.removedHandoverIds) this.handovers.remove(id)
    for (const id of delta.removedFunctionalGridIds ?? []) this.functionalGrids.remove(id)
    for (const i of delta.incidents) this.incidents.add(i.id, i)
    for (const u of delta.units) this.units.add(u.id, u)
    for (const h of delta.handovers) this.handovers.add(h.id, h)
    for (const g of delta.functionalGrids ?? []) this.functionalGrids.add(g.id, g)
    this.lastSeq = delta.lastSeq
    this.dirty = true
  }

  /** The merged delta (null when nothing was pushed since the last take); starts over empty. */
  take(): Delta | null {
    if (!this.dirty) return null
    const delta: Delta = {
      lastSeq: this.lastSeq,
      incidents: [...this.incidents.set.values()],
      removedIncidentIds: [...this.incidents.removed],
      units: [...this.units.set.values()],
      removedUnitIds: [...this.units.removed],
      handovers: [...this.handovers.set.values()],
      removedHandoverIds: [...this.handovers.removed]
    }
    // Rev 1.8 fields only when a functional grid moved, so other deltas keep their shape.
    if (this.functionalGrids.set.size > 0) delta.functionalGrids = [...this.functionalGrids.set.values()]
    if (this.functionalGrids.removed.size > 0) delta.removedFunctionalGridIds = [...this.functionalGrids.removed]
    this.clear()
    return delta
  }

  /** Forgets what was pushed. */
  clear(): void {
    this.incidents = new Net()
    this.units = new Net()
    this.handovers = new Net()
    this.functionalGrids = new Net()
    this.dirty = false
  }
}
