// Bounding boxes of areas, for cheap rejection before exact geometry tests.
import type { AreaGeometry } from '../protocol'
import { type BBox, type Ring, polygonsOf } from './types'

export function bboxOfRing(ring: Ring): BBox {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const [x, y] of ring) {
    if (x < minX) minX = x
    if (y < minY) minY = y
    if (x > maxX) maxX = x
    if (y > maxY) maxY = y
  }
  return [minX, minY, maxX, maxY]
}

/** Box of every outer ring (holes lie inside them). Empty geometry gives an inverted (infinite) box. */
export function bboxOf(geometry: AreaGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0]
    if (outer) extendBBox(box, bboxOfRing(outer))
  }
  return box
}

/** Grows `box` in place to cover `other`. */
export function extendBBox(box: BBox, other: BBox): BBox {
  box[0] = Math.min(box[0], other[0])
  box[1] = Math.min(box[1], other[1])
  box[2] = Math.max(box[2], other[2])
  box[3] = Math.max(box[3], other[3])
  return box
}

export function bboxContains(box: BBox, lng: number, lat: number): boolean {
  return lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3]
}

/** True when the boxes share any point (touching counts). */
export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}
