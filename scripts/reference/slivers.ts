// Folds sliver pieces (boundary leftovers under SLIVER_M2) into the neighbouring grid they share
// the longest edge with, so no area is dropped and no grid is a crumb. Slivers with no such
// neighbour stay grids of their own.
import type { PolygonCoords, Position } from '../../src-shared/geo'
import { roundPolygons, tryUnion } from './geometry'
import type { Piece } from './lattice'

export const SLIVER_M2 = 3000

/** A unit grid before coding: its lattice cell (of its main piece) and shape. */
export interface RawGrid {
  streetCode: string
  row: number
  col: number
  polygon: PolygonCoords
  areaM2: number
}

const M_PER_DEG = 111_195

/** Planar perimeter in metres (east-west scaled by cos(lat)); good enough to compare edges. */
export function perimeterM(polygon: PolygonCoords): number {
  let total = 0
  for (const ring of polygon)
    for (let i = 1; i < ring.length; i++) {
      const p = ring[i - 1] as Position
      const q = ring[i] as Position
      const k = Math.cos((((p[1] + q[1]) / 2) * Math.PI) / 180)
      total += Math.hypot((q[0] - p[0]) * k, q[1] - p[1]) * M_PER_DEG
    }
  return total
}

const NEIGHBOURS: ReadonlyArray<[number, number]> = [
  [0, 0],
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1]
]

/** Pieces of one or more streets → grids. Order of the output follows the order of `pieces`. */
export function mergeSlivers(pieces: Piece[]): RawGrid[] {
  const grids: RawGrid[] = []
  const hostAt = new Map<string, RawGrid[]>()
  const key = (s: string, r: number, c: number): string => `${s}:${r}:${c}`
  for (const p of pieces) {
    if (p.areaM2 < SLIVER_M2) continue
    const g: RawGrid = { ...p }
    grids.push(g)
    const k = key(p.streetCode, p.row, p.col)
    hostAt.set(k, [...(hostAt.get(k) ?? []), g])
  }
  for (const s of pieces) {
    if (s.areaM2 >= SLIVER_M2) continue
    let best: { host: RawGrid; shared: number; merged: PolygonCoords } | null = null
    for (const [dr, dc] of NEIGHBOURS) {
      for (const host of hostAt.get(key(s.streetCode, s.row + dr, s.col + dc)) ?? []) {
        // polygon-clipping can fail on near-degenerate input; such a host is just not a candidate.
        const merged = tryUnion([host.polygon], [s.polygon])
        const rounded = merged ? roundPolygons(merged) : []
        const only = rounded[0]
        if (rounded.length !== 1 || !only) continue
        const shared = (perimeterM(host.polygon) + perimeterM(s.polygon) - perimeterM(only)) / 2
        if (shared > 1 && (!best || shared > best.shared + 1e-9)) best = { host, shared, merged: only }
      }
    }
    if (best) {
      best.host.polygon = best.merged
      best.host.areaM2 += s.areaM2
    } else {
      grids.push({ ...s })
    }
  }
  return grids
}
