// Geodesic area of lng/lat polygons in m², by spherical excess (the same method as @turf/area),
// so src-shared can measure grids without a geometry package.
import type { AreaGeometry } from '../protocol'
import { type PolygonCoords, type Ring, polygonsOf } from './types'

/** Mean Earth radius, as used by @turf/area (v7) and distance.ts, so they agree. */
const EARTH_RADIUS_M = 6_371_008.8
const RAD = Math.PI / 180

/**
 * Absolute area of one ring on the sphere (Chamberlain & Duquette 2007).
 * Accepts closed or open rings.
 */
export function ringAreaM2(ring: Ring): number {
  const n = ring.length
  if (n < 3) return 0
  let total = 0
  for (let i = 0; i < n; i++) {
    const lower = ring[i]
    const middle = ring[(i + 1) % n]
    const upper = ring[(i + 2) % n]
    if (!lower || !middle || !upper) continue
    total += (upper[0] - lower[0]) * RAD * Math.sin(middle[1] * RAD)
  }
  return Math.abs((total * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2)
}

/** Outer ring minus holes. */
export function polygonAreaM2(polygon: PolygonCoords): number {
  const [outer, ...holes] = polygon
  if (!outer) return 0
  return holes.reduce((sum, hole) => sum - ringAreaM2(hole), ringAreaM2(outer))
}

export function areaM2(geometry: AreaGeometry): number {
  return polygonsOf(geometry).reduce((sum, polygon) => sum + polygonAreaM2(polygon), 0)
}
