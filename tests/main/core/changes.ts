// Builders of hub changes for core tests.
import type { Change } from '../../../src-shared/protocol'
import { makeFunctionalGrid, makeIncident, makeUnit } from '../../fixtures/entities'

export function incidentChange(id: string, version: number, seq: number, overrides: Record<string, unknown> = {}): Change {
  return { entity: 'incident', id, version, seq, data: makeIncident({ id, version, seq, ...overrides }) }
}

export function unitChange(id: string, version: number, seq: number): Change {
  return { entity: 'unit', id, version, seq, data: makeUnit({ id, version, seq }) }
}

/** Rev 1.8: a functional grid's change. */
export function functionalGridChange(id: string, version: number, seq: number, overrides: Record<string, unknown> = {}): Change {
  return { entity: 'functionalGrid', id, version, seq, data: makeFunctionalGrid({ id, version, seq, ...overrides }) }
}

export function deletion(entity: 'incident' | 'unit' | 'handover' | 'functionalGrid', id: string, version: number, seq: number): Change {
  return { entity, id, version, seq, data: null } as Change
}
