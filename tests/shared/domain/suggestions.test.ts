// Unit suggestions: matrix order, grid worker, category, distance and load; off-duty last; district out.
import { describe, expect, it } from 'vitest'
import { suggestUnits, type SuggestionUnit } from '../../../src-shared/domain'
import type { Responsibility } from '../../../src-shared/protocol'

const here = { lng: 116.417, lat: 39.93 }
/** A point `m` metres north of the case. */
const north = (m: number) => ({ lng: here.lng, lat: here.lat + m / 111_195 })
const incident = { categoryCode: '0102', gridCode: '110101006001007', location: here }

function unit(id: string, more: Partial<SuggestionUnit> = {}): SuggestionUnit {
  return { id, kind: 'street_dept', streetCode: '110101006', gridCodes: [], categories: [], location: north(2000), status: 'available', openCount: 3, ...more }
}

const responsibilities: Responsibility[] = [
  { categoryCode: '0102', streetCode: '*', unitIds: ['m-star'] },
  { categoryCode: '0102', streetCode: '110101006', unitIds: ['m-first', 'm-second'] },
  { categoryCode: '0102', streetCode: '110101099', unitIds: ['m-elsewhere'] },
  { categoryCode: '0501', streetCode: '110101006', unitIds: ['law'] }
]

const units: SuggestionUnit[] = [
  unit('far', { location: north(4000) }),
  unit('near', { location: north(200), openCount: 0 }),
  unit('major', { categories: ['01'], location: north(3000) }),
  unit('minor', { categories: ['0102'], location: north(3000) }),
  unit('gw', { kind: 'grid_worker', gridCodes: ['110101006001007'], location: north(100) }),
  unit('m-star', { status: 'off_duty' }),
  unit('m-second', { kind: 'grid_worker', gridCodes: ['110101006001007'], categories: ['0102'], location: north(10), openCount: 0 }),
  unit('m-first', { location: north(4000), openCount: 9 }),
  unit('m-elsewhere', { streetCode: '110101099' }),
  unit('district', { kind: 'district_dept', streetCode: null, categories: ['0102'], location: north(10) }),
  unit('other-street', { streetCode: '110101007', categories: ['0102'], location: north(10) }),
  unit('nowhere', { location: null }),
  unit('law')
]

describe('suggestUnits', () => {
  it('ranks matrix, grid worker, minor, major, then distance; off-duty last; district and other streets out', () => {
    const ids = suggestUnits(incident, { responsibilities, units }, 20).map((s) => s.unitId)
    expect(ids).toEqual(['m-first', 'm-second', 'gw', 'minor', 'major', 'near', 'law', 'far', 'nowhere', 'm-star'])
  })

  it('matrix order wins even over a closer, lighter grid worker that handles the category', () => {
    const [first, second] = suggestUnits(incident, { responsibilities, units })
    expect(first?.unitId).toBe('m-first')
    expect(second?.reasons).toEqual(['matrix', 'grid_worker', 'category', 'nearby', 'light_load'])
    expect((first?.score ?? 0) > (second?.score ?? 0)).toBe(true)
  })

  it('limits the list (default 5) and reports reasons and distance', () => {
    const list = suggestUnits(incident, { responsibilities, units })
    expect(list).toHaveLength(5)
    expect(list.find((s) => s.unitId === 'gw')).toMatchObject({ reasons: ['grid_worker', 'nearby'] })
    expect(list.find((s) => s.unitId === 'gw')?.distanceM).toBeCloseTo(100, 0)
    expect(suggestUnits(incident, { responsibilities, units }, 0)).toEqual([])
    const nowhere = suggestUnits(incident, { responsibilities, units: [unit('nowhere', { location: null })] })
    expect(nowhere).toEqual([{ unitId: 'nowhere', score: 2.5, reasons: [], distanceM: null }])
  })

  it('among equals, the lighter load comes first', () => {
    const twins = [unit('busy', { openCount: 8, location: north(500) }), unit('idle', { openCount: 0, location: north(500) })]
    const list = suggestUnits(incident, { responsibilities: [], units: twins })
    expect(list.map((s) => s.unitId)).toEqual(['idle', 'busy'])
    expect(list[0]?.reasons).toEqual(['nearby', 'light_load'])
  })

  it('the street matrix rows come before the catch-all rows', () => {
    const both = [unit('m-star'), unit('m-first')]
    const list = suggestUnits(incident, { responsibilities, units: both })
    expect(list.map((s) => s.unitId)).toEqual(['m-first', 'm-star'])
  })

  it('off-duty units never outrank on-duty ones', () => {
    const list = suggestUnits(incident, { responsibilities, units: [unit('m-first', { status: 'off_duty' }), unit('far', { location: north(9000) })] })
    expect(list.map((s) => s.unitId)).toEqual(['far', 'm-first'])
  })
})
