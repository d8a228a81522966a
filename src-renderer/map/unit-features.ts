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

/** A filled square as an SDF icon, so its colour follows the unit's status. */
export function squareIcon(size: number): { width: number; height: number; data: Uint8Array } {
  const pad = 2
  const data = new Uint8Array(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = x >= pad && y >= pad && x < size - pad && y < size - pad
      data[(y * size + x) * 4 + 3] = inside ? 255 : 0
    }
  }
  return { width: size, height: size, data }
}
