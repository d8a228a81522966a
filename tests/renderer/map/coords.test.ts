// WGS-84 → GCJ-02 display transform for overlays on a GCJ-02 basemap.
import { describe, expect, it } from 'vitest'
import { makeProjector, projectGeometry } from '../../../src-renderer/map/coords'

describe('coords', () => {
  it('wgs84 is the identity and returns geometries unchanged', () => {
    const p = makeProjector('wgs84')
    expect(p(116.4, 39.9)).toEqual([116.4, 39.9])
    const g = { type: 'Point' as const, coordinates: [116.4, 39.9] }
    expect(projectGeometry(g, p)).toBe(g)
  })

  it('gcj02 shifts Beijing by the known offset (about 530 m east, 150 m north)', () => {
    const [lng, lat] = makeProjector('gcj02')(116.397, 39.909)
    expect(lng - 116.397).toBeGreaterThan(0.005)
    expect(lng - 116.397).toBeLessThan(0.0075)
    expect(lat - 39.909).toBeGreaterThan(0.0008)
    expect(lat - 39.909).toBeLessThan(0.0020)
  })

  it('projects every ring of a multipolygon and leaves the input alone', () => {
    const p = makeProjector('gcj02')
    const ring = [
      [116.4, 39.9],
      [116.41, 39.9],
      [116.41, 39.91],
      [116.4, 39.9]
    ]
    const input = { type: 'MultiPolygon' as const, coordinates: [[ring], [ring]] }
    const out = projectGeometry(input, p)
    expect(out.coordinates).toHaveLength(2)
    expect(out.coordinates[1]?.[0]?.[2]).toEqual(p(116.41, 39.91))
    expect(input.coordinates[0]?.[0]?.[0]).toEqual([116.4, 39.9])
  })
})
