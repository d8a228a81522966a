// The functional-grid overlay's data (rev 1.8): one outer outline per active functional grid (the
// edges its unit grids do not share) and one label inside it; the next time the active set changes.
import { describe, expect, it } from 'vitest'
import { functionalGridFeatures, nextTransition } from '../../../src-renderer/map/functional-grid-layer'
import { pointInPolygon } from '../../../src-shared/geo/point-in-area'
import { A1, A2, B1, fgReference, makeFunctionalGrid } from '../functional-grids/fixtures'

const reference = fgReference()
const areas = new Map(reference.grids.features.map((g) => [g.properties.code, g.geometry]))
const area = (code: string) => areas.get(code)
const identity = (lng: number, lat: number): [number, number] => [lng, lat]

describe('functional grid overlay features', () => {
  it('outlines two side-by-side unit grids as one rectangle (6 outer edges, the shared one left out) with the name inside', () => {
    const fg = makeFunctionalGrid({ gridCodes: [A1, A2], name: '创城整治' })
    const data = functionalGridFeatures([fg], area, identity)
    expect(data.features).toHaveLength(2)
    const [line, label] = data.features
    expect(line?.geometry.type).toBe('MultiLineString')
    const segments = (line?.geometry as { coordinates: number[][][] }).coordinates
    expect(segments).toHaveLength(6)
    // The shared edge x = 116.401 from 39.9 to 39.901 is not drawn.
    expect(segments.some((s) => s.every((p) => Math.abs((p[0] ?? 0) - 116.401) < 1e-9))).toBe(false)
    expect(line?.properties).toEqual({ id: fg.id, name: '创城整治', kind: 'outline' })
    expect(label?.properties).toEqual({ id: fg.id, name: '创城整治', kind: 'label' })
    const [x, y] = (label?.geometry as unknown as { coordinates: [number, number] }).coordinates
    const inside = [A1, A2].some((c) => pointInPolygon(x, y, (area(c) as { coordinates: number[][][] }).coordinates as never))
    expect(inside).toBe(true)
  })

  it('draws each functional grid apart, skips grid codes the reference lacks, and projects every point', () => {
    const shift = (lng: number, lat: number): [number, number] => [lng + 1, lat]
    const data = functionalGridFeatures(
      [makeFunctionalGrid({ id: 'a', gridCodes: [A1] }), makeFunctionalGrid({ id: 'b', gridCodes: [B1, '110101009009009'] }), makeFunctionalGrid({ id: 'c', gridCodes: ['110101009009009'] })],
      area,
      shift
    )
    expect(data.features.map((f) => [f.properties?.id, f.geometry.type])).toEqual([
      ['a', 'MultiLineString'],
      ['a', 'Point'],
      ['b', 'MultiLineString'],
      ['b', 'Point']
    ])
    const xs = data.features.flatMap((f) => JSON.stringify(f.geometry).match(/117\.\d+/g) ?? [])
    expect(xs.length).toBeGreaterThan(0)
    expect(JSON.stringify(data)).not.toMatch(/116\.4/)
  })

  it('knows the next start or stop, an early end included', () => {
    const now = Date.parse('2026-12-05T06:00:00Z')
    const a = makeFunctionalGrid({ fromAt: '2026-12-05T07:00:00.000Z', toAt: '2026-12-06T00:00:00.000Z' }, now)
    const b = makeFunctionalGrid({ fromAt: '2026-12-05T05:00:00.000Z', toAt: '2026-12-05T09:00:00.000Z', endedAt: '2026-12-05T06:30:00.000Z' }, now)
    expect(nextTransition([a], now)).toBe(Date.parse('2026-12-05T07:00:00Z'))
    expect(nextTransition([a, b], now)).toBe(Date.parse('2026-12-05T06:30:00Z'))
    expect(nextTransition([a, b], Date.parse('2026-12-06T00:00:00Z'))).toBeNull()
  })
})
