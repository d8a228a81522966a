import { describe, expect, it } from 'vitest'
import { GridIndex, communityOfGrid, interiorPoint, pointInArea, streetOfGrid } from '../../../src-shared/geo'
import type { GridCollection } from '../../../src-shared/protocol'
import { prng } from '../../../scripts/reference/names'
import { loadSource } from '../../../scripts/reference/source'
import { loadReference } from '../../reference/load'

const { reference } = loadReference()
const outline = loadSource().outline

describe('GridIndex on the demo grids', () => {
  const index = new GridIndex(reference.grids)

  it('finds the same grid as a brute-force scan for random points, null outside the district', () => {
    const rand = prng(42)
    let inside = 0
    for (let n = 0; n < 600; n++) {
      const p = { lng: 116.36 + rand() * 0.1, lat: 39.85 + rand() * 0.13 }
      const hits = reference.grids.features.filter((g) => pointInArea(p, g.geometry))
      const found = index.findGrid(p)
      if (hits.length === 0) {
        expect(found).toBeNull()
        expect(pointInArea(p, outline)).toBe(false)
      } else {
        expect(hits).toHaveLength(1)
        expect(found?.code).toBe(hits[0]?.properties.code)
        inside++
      }
    }
    expect(inside).toBeGreaterThan(100)
  })

  it('returns null far away and for non-finite input', () => {
    expect(index.findGrid({ lng: 0, lat: 0 })).toBeNull()
    expect(index.findGrid({ lng: Number.NaN, lat: 39.9 })).toBeNull()
    expect(index.size).toBe(reference.grids.features.length)
  })

  it('finds every grid from its own interior point', () => {
    for (const g of reference.grids.features) expect(index.findGrid(interiorPoint(g.geometry))?.code).toBe(g.properties.code)
  })
})

describe('GridIndex edge cases', () => {
  it('works on an empty collection', () => {
    const empty: GridCollection = { type: 'FeatureCollection', features: [] }
    expect(new GridIndex(empty).findGrid({ lng: 1, lat: 1 })).toBeNull()
  })

  it('finds grids in a hand-made 2 × 1 lattice', () => {
    const cell = (code: string, x: number): GridCollection['features'][number] => ({
      type: 'Feature',
      properties: { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null },
      geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] }
    })
    const idx = new GridIndex({ type: 'FeatureCollection', features: [cell('110101001001001', 0), cell('110101001001002', 1)] })
    expect(idx.findGrid({ lng: 0.5, lat: 0.5 })?.code).toBe('110101001001001')
    expect(idx.findGrid({ lng: 1.5, lat: 0.5 })?.code).toBe('110101001001002')
    expect(idx.findGrid({ lng: 2.5, lat: 0.5 })).toBeNull()
  })
})

describe('grid codes', () => {
  it('give street and community of a grid, rejecting malformed codes', () => {
    expect(streetOfGrid('110101001001007')).toBe('110101001')
    expect(communityOfGrid('110101001001007')).toBe('110101001001')
    expect(() => streetOfGrid('11010100100100')).toThrow()
    expect(() => streetOfGrid('11010100100100x')).toThrow()
  })
})
