// Units with a known position as map points (small squares coloured by availability).
import type { Unit } from '../../src-shared/protocol'
import type { Projector } from './coords'
import type { Feature, FeatureCollection, Point } from './geo-types'

export type UnitProps = { id: string; name: string; kind: Unit['kind']; status: Unit['status'] }

export function unitFeatures(units: Iterable<Unit>, project: Projector): FeatureCollection<Point, UnitProps> {
  const features: Feature<Point, UnitProps>[] = []
  for (const unit of units) {
    if (!unit.location) continue
    features.push({
      type: 'Feature',
      id: unit.id,
      geometry: { type: 'Point', coordinates: project(unit.location.lng, unit.location.lat) },
      properties: { id: unit.id, name: unit.name, kind: unit.kind, status: unit.status }
    })
  }
  return { type: 'FeatureCollection', features }
}
