// Merges cache deltas that arrive close together into one, so listeners (the renderer, the map)
// get at most one delta per frame (~16 ms) however many batches the hub sends.
// Issue 13: waiting out the frame is only worth it when deltas come in a stream. With `leading`, a
// delta after a quiet frame goes out at once (a lone report is not held 16 ms), and a new urgent case
// (reported, not yet accepted) always goes out at once with whatever is pending: it must never wait
// behind a catch-up page. The renderer coalesces per animation frame again, so an extra emit is cheap.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { type FunctionalGrid, type Handover, type Unit } from '../../src-shared/protocol'

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

export type CoalescerOptions = {
  /** Send a delta at once when nothing was sent within the last frame (default on). */
  leading?: boolean
  now?: () => number
}

const isNewUrgent = (i: IncidentSummary): boolean => i.urgency === 'urgent' && i.status === 'reported'

export class DeltaCoalescer {
  private incidents = new Net<IncidentSummary>()
  private units = new Net<Unit>()
  private handovers = new Net<Handover>()
  private functionalGrids = new Net<FunctionalGrid>()
  private lastSeq = 0
  private timer: NodeJS.Timeout | null = null
  private dirty = false
  private lastEmitAt = -Infinity
  private readonly leading: boolean
  private readonly now: () => number

  constructor(
    private readonly emit: (delta: Delta) => void,
    private readonly frameMs = FRAME_MS,
    options: CoalescerOptions = {}
  ) {
    this.leading = options.leading ?? true
    this.now = options.now ?? Date.now
  }

  push(delta: Delta): void {
    // Within one delta an id is either set or removed, never both; across deltas the later wins.
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
    const quiet = this.leading && this.now() - this.lastEmitAt >= this.frameMs
    if (quiet || delta.incidents.some(isNewUrgent)) return this.flush()
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
    // Rev 1.8 fields only when a functional grid moved, so other deltas keep their shape.
    if (this.functionalGrids.set.size > 0) delta.functionalGrids = [...this.functionalGrids.set.values()]
    if (this.functionalGrids.removed.size > 0) delta.removedFunctionalGridIds = [...this.functionalGrids.removed]
    this.incidents = new Net()
    this.units = new Net()
    this.handovers = new Net()
    this.functionalGrids = new Net()
    this.dirty = false
    this.lastEmitAt = this.now()
    this.emit(delta)
  }

  /** Drops a pending delta without sending it (at close). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.dirty = false
  }
}
