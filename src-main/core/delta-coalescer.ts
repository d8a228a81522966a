// Merges cache deltas that arrive close together into one, so listeners (the renderer, the map)
// get at most one delta per frame (~16 ms) however many batches the hub sends.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { type Handover, type Unit } from '../../src-shared/protocol'

export const FRAME_MS = 16

class Net<T extends { version: number }> {
  readonly set = new Map<string, T>()
  readonly removed = new Set<string>()
  add(id: string, value: T): void {
    // An older version never replaces a newer one in the same frame: a read of the cache made before a
    // delta (a live-set window that grew) may be pushed after it.
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

export class DeltaCoalescer {
  private incidents = new Net<IncidentSummary>()
  private units = new Net<Unit>()
  private handovers = new Net<Handover>()
  private lastSeq = 0
  private timer: NodeJS.Timeout | null = null
  private dirty = false

  constructor(
    private readonly emit: (delta: Delta) => void,
    private readonly frameMs = FRAME_MS
  ) {}

  push(delta: Delta): void {
    // Within one delta an id is either set or removed, never both; across deltas the later wins.
    for (const id of delta.removedIncidentIds) this.incidents.remove(id)
    for (const id of delta.removedUnitIds) this.units.remove(id)
    for (const id of delta.removedHandoverIds) this.handovers.remove(id)
    for (const i of delta.incidents) this.incidents.add(i.id, i)
    for (const u of delta.units) this.units.add(u.id, u)
    for (const h of delta.handovers) this.handovers.add(h.id, h)
    this.lastSeq = delta.lastSeq
    this.dirty = true
    this.timer ??= setTimeout(() => this.flush(), this.frameMs)
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    if (!this.dirty) return
    const delta: Delta = {
      lastSeq: this.lastSeq,
      incidents: [...this.incidents.set.values()],
      removedIncidentIds: [...this.incidents.removed],
      units: [...this.units.set.values()],
      removedUnitIds: [...this.units.removed],
      handovers: [...this.handovers.set.values()],
      removedHandoverIds: [...this.handovers.removed]
    }
    this.incidents = new Net()
    this.units = new Net()
    this.handovers = new Net()
    this.dirty = false
    this.emit(delta)
  }

  /** Drops a pending delta without sending it (at close). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.dirty = false
  }
}
