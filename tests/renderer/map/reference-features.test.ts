// Schematic basemap data from reference data: the district outline is the edges no two
// sub-districts share; labels sit inside their areas; the real demo reference builds fully.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ReferenceData } from '../../../src-shared/protocol'
import { makeProjector } from '../../../src-renderer/map/coords'
import { labelPoint, outlineOf, referenceBounds, schematicData } from '../../../src-renderer/map/reference-features'
import { RESOURCES_REFERENCE_PATH } from '../../helpers/start-hub'

type Area = Parameters<typeof labelPoint>[0]
const square = (x0: number, y0: number, size: number): Extract<Area, { type: 'Polygon' }> => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0]
    ]
  ]
})

describe('outlineOf', () => {
  it('drops the shared edge of two neighbouring squares and keeps the six outer ones', () => {
    const segments = outlineOf([square(0, 0, 1), square(1, 0, 1)])
    expect(segments).toHaveLength(6)
    const shared = segments.filter((s) => s.every((p) => p[0] === 1))
    expect(shared).toHaveLength(0)
  })
})

describe('labelPoint', () => {
  it('a sliver of almost no area gets the mean of its corners, not a far-off point', () => {
    const sliver: Area = {
      type: 'Polygon',
      coordinates: [
        [
          [116.381345, 39.9595],
          [116.38136, 39.959497],
          [116.38136, 39.9595],
          [116.381345, 39.9595]
        ]
      ]
    }
    const [x, y] = labelPoint(sliver)
    expect(x).toBeCloseTo(116.38135, 4)
    expect(y).toBeCloseTo(39.9595, 4)
  })

  it('is the centre of a square, and picks the largest part of a multipolygon', () => {
    expect(labelPoint(square(2, 2, 2))).toEqual([3, 3])
    const multi = { type: 'MultiPolygon' as const, coordinates: [square(0, 0, 1).coordinates, square(10, 10, 4).coordinates] }
    expect(labelPoint(multi)).toEqual([12, 12])
  })
})

describe('schematicData on the demo reference', () => {
  it.runIf(existsSync(RESOURCES_REFERENCE_PATH))('builds every layer, labels inside the district bounds', () => {
    const reference = ReferenceData.parse(JSON.parse(readFileSync(RESOURCES_REFERENCE_PATH, 'utf8')))
    const project = makeProjector('wgs84')
    const data = schematicData(reference, project)
    expect(data.streets.features).toHaveLength(reference.streets.length)
    expect(data.grids.features).toHaveLength(reference.grids.features.length)
    expect(data.labels.features).toHaveLength(reference.streets.length + reference.communities.length + reference.grids.features.length)
    const [w, s, e, n] = referenceBounds(reference, project)
    for (const label of data.labels.features) {
      const [x = 0, y = 0] = label.geometry.type === 'Point' ? label.geometry.coordinates : []
      expect(x).toBeGreaterThanOrEqual(w)
      expect(x).toBeLessThanOrEqual(e)
      expect(y).toBeGreaterThanOrEqual(s)
      expect(y).toBeLessThanOrEqual(n)
    }
    const outline = data.outline.features[0]?.geometry
    expect(outline?.type).toBe('MultiLineString')
    // The outer boundary is a small share of all sub-district edges.
    const segments = outline?.type === 'MultiLineString' ? outline.coordinates.length : 0
    expect(segments).toBeGreaterThan(100)
  })
})
