// The net effect of one applied batch on the cache, as the Delta the renderer receives:
// the last state of each entity it touched, or its removal.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { type EntityKind, type FunctionalGrid, type Handover, type Unit } from '../../src-shared/protocol'

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
      d.handovers.length + d.removedHandoverIds.length +
      (d.functionalGrids?.length ?? 0) + (d.removedFunctionalGridIds?.length ?? 0) ===
    0
  )
}

/** Collects the net effect of a batch: the last state of each entity, or its removal. */
export class DeltaBuilder {
  private readonly up: Record<EntityKind, Map<string, unknown>> = {
    incident: new Map(),
    unit: new Map(),
    handover: new Map(),
    functionalGrid: new Map()
  }
  private readonly gone: Record<EntityKind, Set<string>> = {
    incident: new Set(),
    unit: new Set(),
    handover: new Set(),
    functionalGrid: new Set()
  }

  set(kind: EntityKind, id: string, value: unknown): void {
    this.gone[kind].delete(id)
    this.up[kind].set(id, value)
  }

  remove(kind: EntityKind, id: string): void {
    this.up[kind].delete(id)
    this.gone[kind].add(id)
  }

  build(lastSeq: number): Delta {
    const delta: Delta = {
      lastSeq,
      incidents: [...this.up.incident.values()] as IncidentSummary[],
      removedIncidentIds: [...this.gone.incident],
      units: [...this.up.unit.values()] as Unit[],
      removedUnitIds: [...this.gone.unit],
      handovers: [...this.up.handover.values()] as Handover[],
      removedHandoverIds: [...this.gone.handover]
    }
    // Rev 1.8 fields only when the batch touched a functional grid, so older deltas keep their shape.
    if (this.up.functionalGrid.size > 0) delta.functionalGrids = [...this.up.functionalGrid.values()] as FunctionalGrid[]
    if (this.gone.functionalGrid.size > 0) delta.removedFunctionalGridIds = [...this.gone.functionalGrid]
    return delta
  }
}
