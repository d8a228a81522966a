// Point-in-polygon for Polygon/MultiPolygon areas with holes (even-odd ray casting on lng/lat).
import type { AreaGeometry, LngLat } from '../protocol'
import { type PolygonCoords, type Ring, polygonsOf } from './types'

/** Ray casting; points exactly on an edge may fall either way. */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]
    const b = ring[j]
    if (!a || !b) continue
    const [xi, yi] = a
    const [xj, yj] = b
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(lng: number, lat: number, polygon: PolygonCoords): boolean {
  const [outer, ...holes] = polygon
  if (!outer || !pointInRing(lng, lat, outer)) return false
  return !holes.some((hole) => pointInRing(lng, lat, hole))
}

export function pointInArea(point: LngLat, area: AreaGeometry): boolean {
  return polygonsOf(area).some((polygon) => pointInPolygon(point.lng, point.lat, polygon))
}
