// Shared data for the functional-grid tests (rev 1.8): a street with two communities of square unit
// grids side by side, units of several kinds, and functional grids in any state.
import type { FunctionalGrid, GridFeature, ReferenceData } from '../../../src-shared/protocol'
import { makeFunctionalGrid as sharedFunctionalGrid } from '../../fixtures/entities'
import { makeReference, makeUnit } from '../fixtures'

export const STREET = '110101001'
export const COMM_A = '110101001001'
export const COMM_B = '110101001002'
export const A1 = `${COMM_A}001`
export const A2 = `${COMM_A}002`
export const B1 = `${COMM_B}001`

/** Longitude of the k-th 0.001° column, rounded so neighbours share exactly the same edge coordinates. */
const lng = (k: number): number => Number((116.4 + k * 0.001).toFixed(6))
const square = (x: number): [number, number][] => [
  [lng(x), 39.9],
  [lng(x + 1), 39.9],
  [lng(x + 1), 39.901],
  [lng(x), 39.901],
  [lng(x), 39.9]
]

export function gridFeature(code: string, x: number): GridFeature {
  return {
    type: 'Feature',
    properties: { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null },
    geometry: { type: 'Polygon', coordinates: [square(x)] }
  }
}

export function fgReference(): ReferenceData {
  const poly = (x0: number, x1: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[116.4 + x0 * 0.001, 39.9], [116.4 + x1 * 0.001, 39.9], [116.4 + x1 * 0.001, 39.901], [116.4 + x0 * 0.001, 39.901], [116.4 + x0 * 0.001, 39.9]]] as [number, number][][]
  })
  return makeReference({
    streets: [{ code: STREET, name: '东华门街道', polygon: poly(0, 3) }],
    communities: [
      { code: COMM_A, streetCode: STREET, name: '东华门第一社区', synthetic: true, polygon: poly(0, 2) },
      { code: COMM_B, streetCode: STREET, name: '多福巷社区', synthetic: true, polygon: poly(2, 3) }
    ],
    grids: { type: 'FeatureCollection', features: [gridFeature(A1, 0), gridFeature(A2, 1), gridFeature(B1, 2)] }
  })
}

export const fgUnits = [
  makeUnit({ id: 'u-cg', name: '东华门城管执法队', kind: 'street_dept', streetCode: STREET, categories: [] }),
  makeUnit({ id: 'u-hw', name: '环卫所', kind: 'street_dept', streetCode: STREET, categories: ['0102'] }),
  makeUnit({ id: 'u-sq', name: '多福巷社区居委会', kind: 'community', streetCode: STREET, categories: [] }),
  makeUnit({ id: 'u-qu', name: '区城管委', kind: 'district_dept', streetCode: null, categories: [] })
]

const HOUR = 3_600_000

/** The shared fixture (tests/fixtures/entities.ts), over B1 with the community committee as team, active around `nowMs`. */
export function makeFunctionalGrid(over: Partial<FunctionalGrid> = {}, nowMs = Date.now()): FunctionalGrid {
  return sharedFunctionalGrid({
    name: '防汛专项',
    purpose: '汛期巡查',
    fromAt: new Date(nowMs - HOUR).toISOString(),
    toAt: new Date(nowMs + 24 * HOUR).toISOString(),
    unitIds: ['u-sq'],
    gridCodes: [B1],
    streetCodes: [STREET],
    createdBy: { userId: 'user-lead', name: '王值班长' },
    createdAt: new Date(nowMs - HOUR).toISOString(),
    updatedAt: new Date(nowMs - HOUR).toISOString(),
    ...over
  })
}
