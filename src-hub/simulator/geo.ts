// Plane geometry on small lng/lat polygons (grids are ~100 m): bounding boxes, point-in-polygon,
// a centroid, and a random point strictly inside. Accurate enough at grid scale; no projection.
import { type AreaGeometry, type LngLat } from '../../src-shared/protocol'
import { type Rng } from './prng'

type Ring = readonly (readonly [number, number])[]
type Polygon = readonly Ring[]

export interface BBox {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

export function polygonsOf(geometry: AreaGeometry): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

export function bboxOf(polygons: readonly Polygon[]): BBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity }
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < box.minLng) box.minLng = lng
      if (lng > box.maxLng) box.maxLng = lng
      if (lat < box.minLat) box.minLat = lat
      if (lat > box.maxLat) box.maxLat = lat
    }
  }
  return box
}

/** Even–odd ray cast over every ring, so holes count as outside. */
function inPolygon(point: LngLat, polygon: Polygon): boolean {
  let inside = false
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as readonly [number, number]
      const [xj, yj] = ring[j] as readonly [number, number]
      if (yi > point.lat !== yj > point.lat && point.lng < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) {
        inside = !inside
      }
    }
  }
  return inside
}

export function pointInArea(point: LngLat, geometry: AreaGeometry): boolean {
  return polygonsOf(geometry).some((p) => inPolygon(point, p))
}

/** Signed shoelace area of a ring, in squared degrees (only used for ratios and centroids). */
function ringArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as readonly [number, number]
    const [xj, yj] = ring[j] as readonly [number, number]
    sum += xj * yi - xi * yj
  }
  return sum / 2
}

/** Area centroid of the outer rings (holes ignored: at grid scale they move it little). */
export function centroidOf(polygons: readonly Polygon[]): LngLat {
  let area = 0
  let cx = 0
  let cy = 0
  for (const polygon of polygons) {
    const ring = polygon[0] ?? []
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as readonly [number, number]
      const [xj, yj] = ring[j] as readonly [number, number]
      const f = xj * yi - xi * yj
      cx += (xi + xj) * f
      cy += (yi + yj) * f
    }
    area += ringArea(ring)
  }
  if (area === 0) {
    const box = bboxOf(polygons)
    return { lng: (box.minLng + box.maxLng) / 2, lat: (box.minLat + box.maxLat) / 2 }
  }
  return { lng: cx / (6 * area), lat: cy / (6 * area) }
}

/** Inside intervals of a horizontal line through the polygon (even–odd, so holes are gaps). */
function scanline(polygon: Polygon, lat: number): [number, number][] {
  const xs: number[] = []
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as readonly [number, number]
      const [xj, yj] = ring[j] as readonly [number, number]
      if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi)
    }
  }
  xs.sort((a, b) => a - b)
  const out: [number, number][] = []
  for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i] as number, xs[i + 1] as number])
  return out
}

/**
 * A random point strictly inside the area. Rejection sampling in the bounding box gives a
 * uniform point; thin slivers (grids clipped by a boundary) fall back to a scanline pick, which
 * always lands inside. Returns null only for a degenerate (zero-area) geometry.
 */
export function randomPointIn(geometry: AreaGeometry, rng: Rng): LngLat | null {
  const polygons = polygonsOf(geometry)
  const polygon =
    polygons.length === 1
      ? (polygons[0] as Polygon)
      : (polygons[pickByArea(polygons, rng)] as Polygon)
  const box = bboxOf([polygon])
  if (!(box.maxLng > box.minLng && box.maxLat > box.minLat)) return null
  for (let attempt = 0; attempt < 40; attempt++) {
    const p = { lng: rng.range(box.minLng, box.maxLng), lat: rng.range(box.minLat, box.maxLat) }
    if (inPolygon(p, polygon)) return p
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    // Stay off the exact min/max latitude, where a line only touches vertices.
    const lat = box.minLat + (box.maxLat - box.minLat) * (0.02 + 0.96 * rng.next())
    const spans = scanline(polygon, lat).filter(([a, b]) => b - a > 1e-12)
    if (spans.length === 0) continue
    const [a, b] = rng.pick(spans)
    const p = { lng: a + (b - a) * (0.05 + 0.9 * rng.next()), lat }
    if (inPolygon(p, polygon)) return p
  }
  return null
}

function pickByArea(polygons: readonly Polygon[], rng: Rng): number {
  const areas = polygons.map((p) => Math.abs(ringArea(p[0] ?? [])))
  const total = areas.reduce((s, a) => s + a, 0)
  if (total === 0) return 0
  let x = rng.next() * total
  for (let i = 0; i < areas.length; i++) {
    x -= areas[i] as number
    if (x < 0) return i
  }
  return areas.length - 1
}
