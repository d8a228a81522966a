// Per-kind facts about stored entities: their schema and the street that scopes them.
import { Handover, Incident, Unit, type EntityKind } from '../src-shared/protocol'

export type EntityOf<K extends EntityKind> = K extends 'incident' ? Incident : K extends 'unit' ? Unit : Handover
export type AnyEntity = Incident | Unit | Handover

export const ENTITY_SCHEMAS = { incident: Incident, unit: Unit, handover: Handover } as const

/** The street an entity belongs to; null means visible to every console (e.g. district departments). */
export function streetOf(kind: EntityKind, data: AnyEntity): string | null {
  switch (kind) {
    case 'incident':
      return (data as Incident).gridCode.slice(0, 9)
    case 'unit':
      return (data as Unit).streetCode
    case 'handover':
      return (data as Handover).streetCode
  }
}

/** A console's street scope: every street, or a fixed set. */
export type Scope = '*' | ReadonlySet<string>

export function inScope(scope: Scope, street: string | null): boolean {
  return scope === '*' || street === null || scope.has(street)
}
