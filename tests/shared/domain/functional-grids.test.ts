// Functional grids (rev 1.8): state over time, the grid a case falls in, suggestion order, area and checks.
import { describe, expect, it } from 'vitest'
import {
  checkPeriod,
  findOverlap,
  functionalGridOf,
  functionalGridsUnavailable,
  functionalGridState,
  resolveArea,
  suggestUnits,
  suggestUnitsWithFunctionalGrids,
  type AreaGrid,
  type SuggestionUnit
} from '../../../src-shared/domain'
import type { FunctionalGrid, Responsibility } from '../../../src-shared/protocol'

const here = { lng: 116.417, lat: 39.93 }
const north = (m: number) => ({ lng: here.lng, lat: here.lat + m / 111_195 })
const inside = { categoryCode: '0102', gridCode: '110101006001007', location: here }
const outside = { ...inside, gridCode: '110101006002001' }

function unit(id: string, more: Partial<SuggestionUnit> = {}): SuggestionUnit {
  return { id, kind: 'street_dept', streetCode: '110101006', gridCodes: [], categories: [], location: north(2000), status: 'available', openCount: 3, ...more }
}
const responsibilities: Responsibility[] = [{ categoryCode: '0102', streetCode: '110101006', unitIds: ['matrix'] }]
const units: SuggestionUnit[] = [
  unit('matrix', { categories: ['0102'] }),
  unit('gw', { kind: 'grid_worker', gridCodes: ['110101006001007'], location: north(50) }),
  unit('team-a', { location: north(3000), openCount: 8 }),
  unit('team-b', { location: north(4000) }),
  unit('team-far-street', { streetCode: '110101007' }),
  unit('team-off', { status: 'off_duty' }),
  unit('plain', { location: north(100) })
]
const data = { responsibilities, units }

const T0 = Date.parse('2026-12-05T08:00:00+08:00')
const iso = (ms: number) => new Date(ms).toISOString()
function fg(more: Partial<FunctionalGrid> = {}): FunctionalGrid {
  return {
    id: 'fg-1', version: 1, seq: 1, name: '汛期专项', purpose: '防汛巡查',
    fromAt: iso(T0), toAt: iso(T0 + 3_600_000), endedAt: null, endReason: null,
    unitIds: ['team-a', 'team-b', 'team-far-street', 'team-off'],
    gridCodes: ['110101006001007', '110101006001008'], streetCodes: ['110101006'],
    createdBy: { userId: 'lead', name: '值班长' }, createdAt: iso(T0 - 1000), updatedAt: iso(T0 - 1000),
    ...more
  }
}

describe('functionalGridState', () => {
  it('is planned before from, active in the period, ended at its end time by itself', () => {
    const g = fg()
    expect(functionalGridState(g, T0 - 1)).toBe('planned')
    expect(functionalGridState(g, T0)).toBe('active')
    expect(functionalGridState(g, T0 + 3_599_999)).toBe('active')
    expect(functionalGridState(g, T0 + 3_600_000)).toBe('ended')
  })
  it('ends early at endedAt', () => {
    const g = fg({ endedAt: iso(T0 + 600_000), endReason: '提前结束' })
    expect(functionalGridState(g, T0 + 599_999)).toBe('active')
    expect(functionalGridState(g, T0 + 600_000)).toBe('ended')
    expect(functionalGridOf('110101006001007', [g], T0 + 700_000)).toBeNull()
  })
})

describe('functionalGridOf', () => {
  it('finds the active one a unit grid lies in, none outside or out of period', () => {
    expect(functionalGridOf('110101006001007', [fg()], T0 + 1)?.name).toBe('汛期专项')
    expect(functionalGridOf('110101006002001', [fg()], T0 + 1)).toBeNull()
    expect(functionalGridOf('110101006001007', [fg()], T0 - 1)).toBeNull()
  })
})

describe('suggestUnitsWithFunctionalGrids', () => {
  it('inside an active functional grid suggests its on-duty team first, off-duty member with the off-duty', () => {
    const got = suggestUnitsWithFunctionalGrids(inside, data, [fg()], T0 + 1, 20)
    const ids = got.map((s) => s.unitId)
    expect(ids.slice(0, 3).sort()).toEqual(['team-a', 'team-b', 'team-far-street'])
    expect(got.slice(0, 3).every((s) => s.team)).toBe(true)
    expect(ids[3]).toBe('matrix')
    expect(ids[ids.length - 1]).toBe('team-off')
  })
  it('outside the area, before it starts and after it ends, the order is the plain one', () => {
    const plain = suggestUnits(inside, data, 20).map((s) => s.unitId)
    expect(plain[0]).toBe('matrix')
    expect(plain).not.toContain('team-far-street')
    for (const [c, t] of [[outside, T0 + 1], [inside, T0 - 1], [inside, T0 + 3_600_000]] as const) {
      const got = suggestUnitsWithFunctionalGrids(c, data, [fg()], t, 20)
      expect(got.map((s) => s.unitId)).toEqual(suggestUnits(c, data, 20).map((s) => s.unitId))
      expect(got.some((s) => s.team)).toBe(false)
    }
  })
})

describe('resolveArea', () => {
  const grids: AreaGrid[] = [
    { code: '110101006001007', communityCode: '110101006001', streetCode: '110101006', point: { lng: 116.41, lat: 39.93 } },
    { code: '110101006001008', communityCode: '110101006001', streetCode: '110101006', point: { lng: 116.42, lat: 39.93 } },
    { code: '110101006002001', communityCode: '110101006002', streetCode: '110101006', point: { lng: 116.45, lat: 39.95 } },
    { code: '110101007001001', communityCode: '110101007001', streetCode: '110101007', point: { lng: 116.5, lat: 39.9 } }
  ]
  it('resolves codes, a community, a street and a polygon to sorted unit grids', () => {
    expect(resolveArea({ gridCodes: ['110101006001008', '110101006001007', '110101006001008'] }, grids)).toEqual({ gridCodes: ['110101006001007', '110101006001008'] })
    expect(resolveArea({ communityCode: '110101006001' }, grids)).toEqual({ gridCodes: ['110101006001007', '110101006001008'] })
    expect(resolveArea({ streetCode: '110101006' }, grids)).toEqual({ gridCodes: ['110101006001007', '110101006001008', '110101006002001'] })
    const square = { type: 'Polygon' as const, coordinates: [[[116.40, 39.92], [116.415, 39.92], [116.415, 39.94], [116.40, 39.94], [116.40, 39.92]]] }
    expect(resolveArea({ polygon: square }, grids)).toEqual({ gridCodes: ['110101006001007'] })
  })
  it('refuses an unknown grid, an empty community or street, and a polygon covering nothing', () => {
    expect(resolveArea({ gridCodes: ['110101006009999'] }, grids)).toMatchObject({ code: 'invalid', message: expect.stringContaining('110101006009999') })
    expect(resolveArea({ communityCode: '110101006099' }, grids)).toMatchObject({ code: 'invalid' })
    expect(resolveArea({ streetCode: '110101099' }, grids)).toMatchObject({ code: 'invalid' })
    const far = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }
    expect(resolveArea({ polygon: far }, grids)).toMatchObject({ code: 'invalid' })
  })
})

describe('checkPeriod and findOverlap', () => {
  it('refuses to ≤ from, a period in the past, and one over 366 days', () => {
    expect(checkPeriod(iso(T0), iso(T0), T0 - 10)).toMatchObject({ code: 'invalid' })
    expect(checkPeriod(iso(T0 - 7200_000), iso(T0 - 3600_000), T0)).toMatchObject({ code: 'invalid', message: expect.stringContaining('past') })
    expect(checkPeriod(iso(T0), iso(T0 + 367 * 86_400_000), T0)).toMatchObject({ code: 'invalid' })
    expect(checkPeriod(iso(T0 - 60_000), iso(T0 + 60_000), T0)).toBeNull()
  })
  it('refuses a shared unit grid in an overlapping period, allows disjoint grids, later periods and ended ones', () => {
    const existing = [fg()]
    const same = { fromAt: iso(T0 + 1800_000), toAt: iso(T0 + 7200_000), gridCodes: ['110101006001008'] }
    expect(findOverlap(same, existing, T0)).toMatchObject({ code: 'conflict', current: { id: 'fg-1' } })
    expect(findOverlap({ ...same, gridCodes: ['110101006002001'] }, existing, T0)).toBeNull()
    expect(findOverlap({ ...same, fromAt: iso(T0 + 3_600_000) }, existing, T0)).toBeNull()
    expect(findOverlap(same, [fg({ endedAt: iso(T0 + 1000) })], T0 + 2000)).toBeNull()
  })
})

describe('functionalGridsUnavailable', () => {
  it('hides the feature on a hub whose welcome does not list it, and says why', () => {
    expect(functionalGridsUnavailable(null)).toBe('no_hub')
    expect(functionalGridsUnavailable({})).toBe('hub_predates_1_8')
    expect(functionalGridsUnavailable({ features: ['other'] })).toBe('hub_predates_1_8')
    expect(functionalGridsUnavailable({ features: ['functionalGrid'] })).toBeNull()
  })
})
