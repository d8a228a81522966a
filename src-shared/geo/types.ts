// Plain GeoJSON-shaped geometry types the geo helpers work on (lng/lat order, WGS-84).
import type { AreaGeometry } from '../protocol'

/** [lng, lat]. */
export type Position = [number, number]
export type Ring = Position[]
export type PolygonCoords = Ring[]
/** [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number]

/** The polygons of an area as a list, whether it is a Polygon or a MultiPolygon. */
export function polygonsOf(geometry: AreaGeometry): PolygonCoords[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates as PolygonCoords] : (geometry.coordinates as PolygonCoords[])
}
