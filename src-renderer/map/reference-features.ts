// Reference data → the schematic basemap's GeoJSON: sub-districts, communities, unit grids,
// the district outline (edges no two sub-districts share) and one label point per area.
import type { ReferenceData } from '../../src-shared/protocol'
import { projectGeometry, type Projector } from './coords'
import type { Feature, FeatureCollection, Geometry, Position } from './geo-types'

type Area = ReferenceData['streets'][number]['polygon']
export type LabelKind = 'street' | 'community' | 'grid'
export type SchematicData = {
  streets: FeatureCollection
  communities: FeatureCollection
  grids: FeatureCollection
  outline: FeatureCollection
  labels: FeatureCollection
}

function rings(area: Area): Position[][][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates
}

/** Signed area of a ring (shoelace), in squared degrees: enough to compare and weight. */
function ringArea(ring: Position[]): number {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i] as Position
    const b = ring[i + 1] as Position
    sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0)
  }
  return sum / 2
}

/** Area centroid of the largest outer ring: a good label spot for the compact shapes here. */
export function labelPoint(area: Area): [number, number] {
  let best: Position[] = []
  let bestArea = -1
  for (const polygon of rings(area)) {
    const outer = polygon[0] ?? []
    const a = Math.abs(ringArea(outer))
    if (a > bestArea) {
      bestArea = a
      best = outer
    }
  }
  // Work relative to the first vertex: absolute degrees (~116, ~40) lose the precision a
  // small cell's area needs. Slivers (clipped cells of almost no area) use the vertex mean.
  const [ox = 0, oy = 0] = best[0] ?? []
  const local = best.map(([x = 0, y = 0]) => [x - ox, y - oy] as Position)
  const signed = ringArea(local)
  if (Math.abs(signed) < 1e-12) {
    const n = Math.max(1, best.length - 1)
    const sum = best.slice(0, n).reduce<[number, number]>((acc, [x = 0, y = 0]) => [acc[0] + x, acc[1] + y], [0, 0])
    return [sum[0] / n, sum[1] / n]
  }
  let cx = 0
  let cy = 0
  for (let i = 0; i < local.length - 1; i++) {
    const [x0 = 0, y0 = 0] = local[i] as Position
    const [x1 = 0, y1 = 0] = local[i + 1] as Position
    const cross = x0 * y1 - x1 * y0
    cx += (x0 + x1) * cross
    cy += (y0 + y1) * cross
  }
  return [ox + cx / (6 * signed), oy + cy / (6 * signed)]
}

/** The outer boundary of a set of areas: every edge used by exactly one of them. */
export function outlineOf(areas: readonly Area[]): Position[][] {
  const count = new Map<string, [Position, Position] | null>()
  for (const area of areas) {
    for (const polygon of rings(area)) {
      for (const ring of polygon) {
        for (let i = 0; i < ring.length - 1; i++) {
          const a = ring[i] as Position
          const b = ring[i + 1] as Position
          const ka = `${a[0]},${a[1]}`
          const kb = `${b[0]},${b[1]}`
          const key = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`
          count.set(key, count.has(key) ? null : [a, b])
        }
      }
    }
  }
  const segments: Position[][] = []
  for (const edge of count.values()) if (edge) segments.push([edge[0], edge[1]])
  return segments
}

function feature(geometry: Geometry, properties: Record<string, string | number | boolean>): Feature {
  return { type: 'Feature', geometry, properties }
}

const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features })

export function schematicData(reference: ReferenceData, project: Projector): SchematicData {
  const labels: Feature[] = []
  const label = (area: Area, kind: LabelKind, name: string, rank: number): void => {
    const [x, y] = labelPoint(area)
    labels.push(feature({ type: 'Point', coordinates: project(x, y) }, { kind, name, rank }))
  }
  const streets = reference.streets.map((s, i) => {
    label(s.polygon, 'street', s.name, 0)
    // `shade` alternates neighbouring fills a little so sub-districts read apart.
    return feature(projectGeometry(s.polygon, project), { code: s.code, name: s.name, shade: i % 3 })
  })
  const communities = reference.communities.map((c) => {
    label(c.polygon, 'community', c.name, 1)
    return feature(projectGeometry(c.polygon, project), { code: c.code, name: c.name })
  })
  const grids = reference.grids.features.map((g) => {
    label(g.geometry, 'grid', g.properties.code, 2)
    // Rev 1.6: the type drives the y shading; an older hub's grids have none (and shade nothing).
    const props: Record<string, string> = { code: g.properties.code }
    if (g.properties.gridType !== undefined) props.gridType = g.properties.gridType
    return feature(projectGeometry(g.geometry, project), props)
  })
  const outline = outlineOf(reference.streets.map((s) => s.polygon))
  return {
    streets: fc(streets),
    communities: fc(communities),
    grids: fc(grids),
    outline: fc([
      feature(
        { type: 'MultiLineString', coordinates: outline.map((seg) => seg.map((p) => project(p[0] ?? 0, p[1] ?? 0))) },
        {}
      )
    ]),
    labels: fc(labels)
  }
}

/** [west, south, east, north] of the sub-districts, for the first view. */
export function referenceBounds(reference: ReferenceData, project: Projector): [number, number, number, number] {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const street of reference.streets) {
    for (const polygon of rings(street.polygon)) {
      for (const [x = 0, y = 0] of polygon[0] ?? []) {
        const [px, py] = project(x, y)
        w = Math.min(w, px)
        s = Math.min(s, py)
        e = Math.max(e, px)
        n = Math.max(n, py)
      }
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : [116.38, 39.86, 116.45, 39.97]
}
