// Coalesces incident deltas that arrive between two animation frames into one, so the map
// touches its source at most once per frame however fast the hub streams.
import type { IncidentSummary } from '../../src-shared/api'

export type IncidentDelta = { upserted: readonly IncidentSummary[]; removed: readonly string[] }

export class DeltaBuffer {
  private upserted = new Map<string, IncidentSummary>()
  private removed = new Set<string>()

  push(delta: IncidentDelta): void {
    for (const incident of delta.upserted) {
      this.removed.delete(incident.id)
      this.upserted.set(incident.id, incident)
    }
    for (const id of delta.removed) {
      this.upserted.delete(id)
      this.removed.add(id)
    }
  }

  get isEmpty(): boolean {
    return this.upserted.size === 0 && this.removed.size === 0
  }

  /** Everything pushed since the last take, latest state per case; empties the buffer. */
  take(): IncidentDelta | null {
    if (this.isEmpty) return null
    const delta = { upserted: [...this.upserted.values()], removed: [...this.removed] }
    this.upserted = new Map()
    this.removed = new Set()
    return delta
  }
}
