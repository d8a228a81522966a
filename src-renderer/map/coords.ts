// Coordinate display transform: overlays are WGS-84; an operator basemap in GCJ-02 (国测局, the
// datum of most Chinese tile services) needs them shifted the same way so points line up.
import type { Geometry, Position } from './geo-types'
import gcoord from 'gcoord'

export type DisplayCrs = 'wgs84' | 'gcj02'
export type Projector = (lng: number, lat: number) => [number, number]

const identity: Projector = (lng, lat) => [lng, lat]

const toGcj02: Projector = (lng, lat) => {
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
  return [x, y]
}

export function makeProjector(crs: DisplayCrs): Projector {
  return crs === 'gcj02' ? toGcj02 : identity
}

function mapPositions(coords: Position[], project: Projector): Position[] {
  return coords.map((p) => project(p[0] ?? 0, p[1] ?? 0))
}

/** A geometry with every position projected; the input is not changed. */
export function projectGeometry<G extends Geometry>(geometry: G, project: Projector): G {
  if (project === identity) return geometry
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: project(geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0) }
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: mapPositions(geometry.coordinates, project) }
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => mapPositions(ring, project)) }
    case 'MultiPolygon':
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((poly) => poly.map((ring) => mapPositions(ring, project)))
      }
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => projectGeometry(g, project)) }
  }
}
