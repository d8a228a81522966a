import area from '@turf/area'
import { describe, expect, it } from 'vitest'
import { areaM2, ringAreaM2 } from '../../../src-shared/geo'
import type { AreaGeometry } from '../../../src-shared/protocol'
import { loadSource } from '../../../scripts/reference/source'

function turf(geometry: AreaGeometry): number {
  return area({ type: 'Feature', properties: {}, geometry } as Parameters<typeof area>[0])
}

describe('areaM2', () => {
  it('measures a 1 km × 1 km square at the equator and at Beijing', () => {
    const k = 1000 / 111_194.93 // degrees per km along a meridian (mean radius)
    const eq: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [k, 0], [k, k], [0, k], [0, 0]]] }
    expect(areaM2(eq)).toBeGreaterThan(0.999e6)
    expect(areaM2(eq)).toBeLessThan(1.001e6)
    const lat = 39.9
    const kx = k / Math.cos((lat * Math.PI) / 180)
    const bj: AreaGeometry = { type: 'Polygon', coordinates: [[[116.4, lat], [116.4 + kx, lat], [116.4 + kx, lat + k], [116.4, lat + k], [116.4, lat]]] }
    expect(areaM2(bj)).toBeGreaterThan(0.995e6)
    expect(areaM2(bj)).toBeLessThan(1.005e6)
  })

  it('subtracts holes, adds MultiPolygon parts, ignores winding and ring closure', () => {
    const outer: [number, number][] = [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]
    const hole: [number, number][] = [[0.002, 0.002], [0.004, 0.002], [0.004, 0.004], [0.002, 0.004], [0.002, 0.002]]
    const full = ringAreaM2(outer)
    expect(ringAreaM2([...outer].reverse())).toBeCloseTo(full, 6)
    expect(ringAreaM2(outer.slice(0, 4))).toBeCloseTo(full, 6)
    expect(areaM2({ type: 'Polygon', coordinates: [outer, hole] })).toBeCloseTo(full - ringAreaM2(hole), 6)
    expect(areaM2({ type: 'MultiPolygon', coordinates: [[outer], [hole]] })).toBeCloseTo(full + ringAreaM2(hole), 6)
    expect(ringAreaM2([[0, 0], [1, 1]])).toBe(0)
  })

  it('agrees with @turf/area on the real sub-districts (to 1e-9)', () => {
    for (const s of loadSource().streets) {
      expect(Math.abs(areaM2(s.polygon) - turf(s.polygon)) / turf(s.polygon)).toBeLessThan(1e-9)
    }
  })
})
