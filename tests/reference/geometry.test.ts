// Geometry of the committed grids: they tile the district (area within 1%, no overlaps), sit in
// their sub-district and community, and are numbered west→east, north→south.
import area from '@turf/area'
import pc from 'polygon-clipping'
import { describe, expect, it } from 'vitest'
import { areaM2, bboxIntersects, bboxOf, centroid, interiorPoint, pointInArea } from '../../src-shared/geo'
import type { BBox } from '../../src-shared/geo'
import type { AreaGeometry } from '../../src-shared/protocol'
import { cellBox, makeLattice } from '../../scripts/reference/lattice'
import { loadSource } from '../../scripts/reference/source'
import { loadReference } from './load'

const { reference } = loadReference()
const source = loadSource()
const grids = reference.grids.features

function turfArea(geometry: AreaGeometry): number {
  return area({ type: 'Feature', properties: {}, geometry } as Parameters<typeof area>[0])
}

function clipCoords(g: AreaGeometry): pc.Geom {
  return g.coordinates as pc.Geom
}

describe('coverage', () => {
  const gridArea = grids.reduce((s, g) => s + turfArea(g.geometry), 0)

  it('grid areas sum to the district outline area within 1%', () => {
    const outline = turfArea(source.outline)
    expect(Math.abs(gridArea - outline) / outline).toBeLessThan(0.01)
  })

  it('grid areas sum to the sum of sub-district areas within 1%, street by street', () => {
    const streets = reference.streets.reduce((s, st) => s + turfArea(st.polygon), 0)
    expect(Math.abs(gridArea - streets) / streets).toBeLessThan(0.01)
    for (const st of reference.streets) {
      const mine = grids.filter((g) => g.properties.streetCode === st.code).reduce((s, g) => s + turfArea(g.geometry), 0)
      expect(Math.abs(mine - turfArea(st.polygon)) / turfArea(st.polygon), st.code).toBeLessThan(0.01)
    }
  })

  it('communities are the union of their grids (same area) and contiguous', () => {
    for (const c of reference.communities) {
      const mine = grids.filter((g) => g.properties.communityCode === c.code).reduce((s, g) => s + turfArea(g.geometry), 0)
      expect(Math.abs(turfArea(c.polygon) - mine) / mine, c.code).toBeLessThan(0.001)
      expect(c.polygon.type, c.code).toBe('Polygon')
    }
  })

  it('no two grids overlap', () => {
    const boxes: BBox[] = grids.map((g) => bboxOf(g.geometry))
    // Sweep on west edge so only grids whose boxes meet are clipped.
    const order = grids.map((_, i) => i).sort((a, b) => (boxes[a] as BBox)[0] - (boxes[b] as BBox)[0])
    let pairs = 0
    let worst = 0
    for (let x = 0; x < order.length; x++) {
      const i = order[x] as number
      const bi = boxes[i] as BBox
      for (let y = x + 1; y < order.length; y++) {
        const j = order[y] as number
        const bj = boxes[j] as BBox
        if (bj[0] > bi[2]) break
        if (!bboxIntersects(bi, bj)) continue
        pairs++
        const overlap = pc.intersection(clipCoords((grids[i] as (typeof grids)[number]).geometry), clipCoords((grids[j] as (typeof grids)[number]).geometry))
        const a = overlap.length === 0 ? 0 : turfArea({ type: 'MultiPolygon', coordinates: overlap })
        worst = Math.max(worst, a)
      }
    }
    expect(pairs).toBeGreaterThan(grids.length) // the check really compared neighbours
    expect(worst).toBeLessThan(1) // m²: at most rounding noise along shared edges
  }, 120_000)
})

describe('placement', () => {
  it('every grid’s interior point lies in its sub-district and its community', () => {
    const streets = new Map(reference.streets.map((s) => [s.code, s]))
    const communities = new Map(reference.communities.map((c) => [c.code, c]))
    for (const g of grids) {
      const p = interiorPoint(g.geometry)
      expect(pointInArea(p, g.geometry), g.properties.code).toBe(true)
      expect(pointInArea(p, (streets.get(g.properties.streetCode) as { polygon: AreaGeometry }).polygon), g.properties.code).toBe(true)
      expect(pointInArea(p, (communities.get(g.properties.communityCode) as { polygon: AreaGeometry }).polygon), g.properties.code).toBe(true)
    }
  })

  it('grids are about 100 m × 100 m: the median grid is 9,000–11,000 m²', () => {
    const sizes = grids.map((g) => areaM2(g.geometry)).sort((a, b) => a - b)
    const median = sizes[Math.floor(sizes.length / 2)] as number
    expect(median).toBeGreaterThan(9_000)
    expect(median).toBeLessThan(11_000)
  })
})

describe('numbering', () => {
  const lattice = makeLattice(bboxOf(source.outline))

  it('runs west→east, north→south inside each community (by grid centres)', () => {
    const byCommunity = new Map<string, typeof grids>()
    for (const g of grids) byCommunity.set(g.properties.communityCode, [...(byCommunity.get(g.properties.communityCode) ?? []), g])
    let checked = 0
    for (const members of byCommunity.values()) {
      members.sort((a, b) => a.properties.code.localeCompare(b.properties.code))
      // Grids lying within one lattice cell have their centre in that cell, so the cell of the
      // centre is a geometry-only key; code order must follow it (row north→south, then column).
      const keys = members
        .filter((g) => {
          const b = bboxOf(g.geometry)
          const row = Math.floor((lattice.originLat - (b[1] + b[3]) / 2) / lattice.stepLat)
          const col = Math.floor(((b[0] + b[2]) / 2 - lattice.originLng) / lattice.stepLng)
          const cell = cellBox(lattice, row, col)
          return b[0] >= cell[0] - 1e-9 && b[2] <= cell[2] + 1e-9 && b[1] >= cell[1] - 1e-9 && b[3] <= cell[3] + 1e-9
        })
        .map((g) => {
          const c = centroid(g.geometry)
          return [Math.floor((lattice.originLat - c.lat) / lattice.stepLat), Math.floor((c.lng - lattice.originLng) / lattice.stepLng), c.lng]
        })
      for (let i = 1; i < keys.length; i++) {
        const [r0, c0, x0] = keys[i - 1] as number[]
        const [r1, c1, x1] = keys[i] as number[]
        const inOrder = (r1 as number) > (r0 as number) || (r1 === r0 && ((c1 as number) > (c0 as number) || (c1 === c0 && (x1 as number) >= (x0 as number))))
        expect(inOrder).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(grids.length * 0.7)
  })
})
