// Where reports happen: every grid with its community and street, hot grids weighted by a seeded
// Zipf law (a few busy markets and lanes, a long quiet tail), and the rainstorm's area.
import { type AreaGeometry, type GridFeature, type LngLat, type ReferenceData } from '../../src-shared/protocol'
import { distanceMeters } from '../../src-shared/geo/distance'
import { centroid } from '../../src-shared/geo'
import { type Rng, WeightedTable } from './prng'

export interface Place {
  gridCode: string
  communityCode: string
  streetCode: string
  streetName: string
  communityName: string
  workerUnitId: string | null
  geometry: AreaGeometry
  centroid: LngLat
}

/** Zipf exponent for grid busyness: 0.6 keeps the busiest of ~4,000 grids near 1.5% of reports. */
export const GRID_ZIPF_EXPONENT = 0.6

export function placesOf(reference: ReferenceData): Place[] {
  const streets = new Map(reference.streets.map((s) => [s.code, s.name]))
  const communities = new Map(reference.communities.map((c) => [c.code, c.name]))
  const places = reference.grids.features.map((f: GridFeature) => ({
    gridCode: f.properties.code,
    communityCode: f.properties.communityCode,
    streetCode: f.properties.streetCode,
    streetName: streets.get(f.properties.streetCode) ?? '',
    communityName: communities.get(f.properties.communityCode) ?? '',
    workerUnitId: f.properties.workerUnitId,
    geometry: f.geometry,
    centroid: centroid(f.geometry)
  }))
  if (places.length === 0) throw new Error('reference has no grids: nowhere to report from')
  // Sorted by code so the reference's feature order cannot change what a seed produces.
  return places.sort((a, b) => (a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : 0))
}

/** Grid weights: a seeded shuffle gives each grid a rank; weight = 1 / rank^s. */
export function hotGridTable(places: readonly Place[], rng: Rng): WeightedTable<Place> {
  const order = rng.shuffle(places)
  return new WeightedTable(order.map((p, i) => [p, 1 / Math.pow(i + 1, GRID_ZIPF_EXPONENT)] as const))
}

export interface SurgeArea {
  center: LngLat
  radiusM: number
  places: Place[]
}

/**
 * The surge's area: a seeded grid's centroid and every grid whose centroid lies within the
 * radius. Grids nearer the centre weigh more (water gathers in the low point).
 */
export function surgeArea(places: readonly Place[], rng: Rng, radiusM: number): { area: SurgeArea; table: WeightedTable<Place> } {
  const center = rng.pick(places).centroid
  const inside = places
    .map((p) => ({ p, d: distanceMeters(center, p.centroid) }))
    .filter(({ d }) => d <= radiusM)
  const table = new WeightedTable(inside.map(({ p, d }) => [p, 1 - (0.6 * d) / radiusM] as const))
  return { area: { center, radiusM, places: inside.map(({ p }) => p) }, table }
}
