// Centre points of areas: the area-weighted centroid (may fall outside a concave shape) and an
// interior point that is always inside (for labels and "which area is this grid in" checks).
import type { AreaGeometry, LngLat } from '../protocol'
import { bboxOf } from './bbox'
import { pointInArea } from './point-in-area'
import { type Ring, polygonsOf } from './types'

/** Signed planar area and first moments of a ring, relative to an origin to keep precision. */
function ringMoments(ring: Ring, ox: number, oy: number): { a: number; cx: number; cy: number } {
  let a = 0
  let cx = 0
  let cy = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j]
    const q = ring[i]
    if (!p || !q) continue
    const x0 = p[0] - ox
    const y0 = p[1] - oy
    const x1 = q[0] - ox
    const y1 = q[1] - oy
    const cross = x0 * y1 - x1 * y0
    a += cross
    cx += (x0 + x1) * cross
    cy += (y0 + y1) * cross
  }
  return { a: a / 2, cx: cx / 6, cy: cy / 6 }
}

/**
 * Area-weighted centroid in lng/lat (planar; fine at city scale). Holes subtract.
 * Degenerate (zero-area) input falls back to the bounding-box centre.
 */
export function centroid(geometry: AreaGeometry): LngLat {
  const box = bboxOf(geometry)
  const ox = box[0]
  const oy = box[1]
  let area = 0
  let mx = 0
  let my = 0
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      const m = ringMoments(ring, ox, oy)
      // Outer rings count positive, holes negative, whatever their winding.
      const sign = (index === 0 ? 1 : -1) * Math.sign(m.a)
      area += sign * m.a
      mx += sign * m.cx
      my += sign * m.cy
    })
  }
  if (!Number.isFinite(box[0])) throw new Error('centroid: empty geometry')
  if (Math.abs(area) < 1e-18) return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 }
  return { lng: ox + mx / area, lat: oy + my / area }
}

/** Crossings of the horizontal line `lat` with every ring of the area, sorted by lng. */
function crossings(geometry: AreaGeometry, lat: number): number[] {
  const xs: number[] = []
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const p = ring[j]
        const q = ring[i]
        if (!p || !q) continue
        if (p[1] > lat !== q[1] > lat) xs.push(p[0] + ((lat - p[1]) * (q[0] - p[0])) / (q[1] - p[1]))
      }
    }
  }
  return xs.sort((a, b) => a - b)
}

/**
 * A point guaranteed inside the area (unless it has no interior): the centroid when it is
 * inside, else the middle of the widest inside span on a few horizontal scan lines.
 */
export function interiorPoint(geometry: AreaGeometry): LngLat {
  const c = centroid(geometry)
  if (pointInArea(c, geometry)) return c
  const box = bboxOf(geometry)
  let best: LngLat | null = null
  let bestWidth = 0
  // Scan lines at the centroid and at fractions of the height; irrational-ish offsets avoid vertices.
  const lines = [c.lat, ...[0.5, 0.3, 0.7, 0.15, 0.85].map((f) => box[1] + (box[3] - box[1]) * (f + 1e-7))]
  for (const lat of lines) {
    const xs = crossings(geometry, lat)
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const a = xs[i] as number
      const b = xs[i + 1] as number
      if (b - a > bestWidth) {
        bestWidth = b - a
        best = { lng: (a + b) / 2, lat }
      }
    }
  }
  return best ?? c
}
