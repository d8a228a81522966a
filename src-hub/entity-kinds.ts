// Per-kind facts about stored entities: their schema and the street that scopes them.
import { Handover, Incident, Unit, type Change, type EntityKind, type FunctionalGrid } from '../src-shared/protocol'

/**
 * The kinds kept in the `entities` table. Functional grids (rev 1.8) live in their own table
 * (hub migration 002), share the hub-wide seq, and go only to consoles that speak them.
 */
export type StoredKind = Exclude<EntityKind, 'functionalGrid'>

export type EntityOf<K extends EntityKind> = K extends 'incident'
  ? Incident
  : K extends 'unit'
    ? Unit
    : K extends 'handover'
      ? Handover
      : FunctionalGrid
export type AnyEntity = Incident | Unit | Handover

export const ENTITY_SCHEMAS = { incident: Incident, unit: Unit, handover: Handover } as const

/** The street an entity belongs to; null means visible to every console (e.g. district departments). */
export function streetOf(kind: StoredKind, data: AnyEntity): string | null {
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

/** Whether a console with `scope` sees the change's data; a functional grid when any of its streets is in scope (rev 1.8). */
export function changeInScope(change: Change, scope: Scope): boolean {
  if (change.data === null || scope === '*') return true
  if (change.entity === 'functionalGrid') return change.data.streetCodes.some((s) => scope.has(s))
  return inScope(scope, streetOf(change.entity, change.data))
}
