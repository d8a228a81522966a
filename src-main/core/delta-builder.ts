// The net effect of one applied batch on the cache, as the Delta the renderer receives:
// the last state of each entity it touched, or its removal.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { type EntityKind, type Handover, type Unit } from '../../src-shared/protocol'

export function emptyDelta(lastSeq: number): Delta {
  return {
    lastSeq,
    incidents: [],
    removedIncidentIds: [],
    units: [],
    removedUnitIds: [],
    handovers: [],
    removedHandoverIds: []
  }
}

export function isEmptyDelta(d: Delta): boolean {
  return (
    d.incidents.length + d.removedIncidentIds.length + d.units.length + d.removedUnitIds.length +
      d.handovers.length + d.removedHandoverIds.length ===
    0
  )
}

/** Collects the net effect of a batch: the last state of each entity, or its removal. */
export class DeltaBuilder {
  private readonly up = { incident: new Map<string, unknown>(), unit: new Map<string, unknown>(), handover: new Map<string, unknown>() }
  private readonly gone = { incident: new Set<string>(), unit: new Set<string>(), handover: new Set<string>() }

  set(kind: EntityKind, id: string, value: unknown): void {
    this.gone[kind].delete(id)
    this.up[kind].set(id, value)
  }

  remove(kind: EntityKind, id: string): void {
    this.up[kind].delete(id)
    this.gone[kind].add(id)
  }

  build(lastSeq: number): Delta {
    return {
      lastSeq,
      incidents: [...this.up.incident.values()] as IncidentSummary[],
      removedIncidentIds: [...this.gone.incident],
      units: [...this.up.unit.values()] as Unit[],
      removedUnitIds: [...this.gone.unit],
      handovers: [...this.up.handover.values()] as Handover[],
      removedHandoverIds: [...this.gone.handover]
    }
  }
}
