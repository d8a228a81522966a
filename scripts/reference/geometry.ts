// Geometry plumbing for the builder: polygon-clipping wrappers, 6-decimal rounding that keeps
// rings valid, and Polygon/MultiPolygon packing.
import pc from 'polygon-clipping'
import type { AreaGeometry } from '../../src-shared/protocol'
import type { PolygonCoords, Position, Ring } from '../../src-shared/geo'

export type MultiCoords = PolygonCoords[]

export function round6(x: number): number {
  // Math.round on the scaled value, then back; +0 turns -0 into 0 so JSON stays stable.
  return Math.round(x * 1e6) / 1e6 + 0
}

function ringSignedArea(ring: Ring): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j] as Position
    const q = ring[i] as Position
    a += p[0] * q[1] - q[0] * p[1]
  }
  return a / 2
}

/** Rounds to 6 decimals, drops repeated points, closes the ring; null if it collapses. */
export function roundRing(ring: Ring): Ring | null {
  const out: Ring = []
  for (const [x, y] of ring) {
    const p: Position = [round6(x), round6(y)]
    const last = out[out.length - 1]
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p)
  }
  const first = out[0]
  const last = out[out.length - 1]
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]])
  if (out.length < 4 || Math.abs(ringSignedArea(out)) < 1e-13) return null
  return out
}

/** Rounds every ring; a polygon whose outer ring collapses is dropped, as are collapsed holes. */
export function roundPolygons(polygons: MultiCoords): MultiCoords {
  const out: MultiCoords = []
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon
    const r = outer ? roundRing(outer) : null
    if (!r) continue
    out.push([r, ...holes.map(roundRing).filter((h): h is Ring => h !== null)])
  }
  return out
}

export function toGeometry(polygons: MultiCoords): AreaGeometry {
  if (polygons.length === 0) throw new Error('empty geometry')
  const only = polygons[0]
  if (polygons.length === 1 && only) return { type: 'Polygon', coordinates: only }
  return { type: 'MultiPolygon', coordinates: polygons }
}

export function fromGeometry(geometry: AreaGeometry): MultiCoords {
  return geometry.type === 'Polygon' ? [geometry.coordinates as PolygonCoords] : (geometry.coordinates as MultiCoords)
}

export function intersect(a: MultiCoords, b: MultiCoords): MultiCoords {
  return pc.intersection(a, b) as MultiCoords
}

export function union(...parts: MultiCoords[]): MultiCoords {
  const [first, ...rest] = parts
  if (!first) return []
  return pc.union(first, ...rest) as MultiCoords
}

/** Union that reports polygon-clipping's occasional robustness failures as null instead of throwing. */
export function tryUnion(...parts: MultiCoords[]): MultiCoords | null {
  try {
    return union(...parts)
  } catch {
    return null
  }
}
