// Splits a sub-district's grids into 6–12 synthetic communities: k-means on grid centres with
// farthest-point seeding (deterministic), then every non-contiguous piece of a community is
// handed to the neighbouring community it touches most, so communities are connected areas.
import { centroid } from '../../src-shared/geo'
import type { Position } from '../../src-shared/geo'
import type { RawGrid } from './slivers'

export const MIN_COMMUNITIES = 6
export const MAX_COMMUNITIES = 12
/** Communities per km² before clamping (Dongcheng has ~170 real ones on 41.8 km²). */
const COMMUNITIES_PER_KM2 = 3
const LLOYD_ROUNDS = 60

export function communityCount(areaM2: number): number {
  return Math.min(MAX_COMMUNITIES, Math.max(MIN_COMMUNITIES, Math.round((areaM2 / 1e6) * COMMUNITIES_PER_KM2)))
}

/**
 * Grids that share a stretch of edge. Inside a street grids meet only along lattice lines, so it
 * is enough to compare their axis-parallel edges: same line, overlapping by more than ~1 cm.
 * Index lists, sorted.
 */
export function adjacency(grids: RawGrid[]): number[][] {
  const lines = new Map<string, Array<{ lo: number; hi: number; grid: number }>>()
  grids.forEach((g, grid) => {
    for (const ring of g.polygon)
      for (let i = 1; i < ring.length; i++) {
        const p = ring[i - 1] as Position
        const q = ring[i] as Position
        let k: string | null = null
        let lo = 0
        let hi = 0
        if (p[0] === q[0] && p[1] !== q[1]) [k, lo, hi] = [`x${p[0]}`, Math.min(p[1], q[1]), Math.max(p[1], q[1])]
        else if (p[1] === q[1] && p[0] !== q[0]) [k, lo, hi] = [`y${p[1]}`, Math.min(p[0], q[0]), Math.max(p[0], q[0])]
        if (k === null) continue
        const list = lines.get(k)
        if (list) list.push({ lo, hi, grid })
        else lines.set(k, [{ lo, hi, grid }])
      }
  })
  const adj = grids.map(() => new Set<number>())
  for (const list of lines.values())
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const ea = list[a] as { lo: number; hi: number; grid: number }
        const eb = list[b] as { lo: number; hi: number; grid: number }
        if (ea.grid === eb.grid) continue
        if (Math.min(ea.hi, eb.hi) - Math.max(ea.lo, eb.lo) > 1e-7) {
          adj[ea.grid]?.add(eb.grid)
          adj[eb.grid]?.add(ea.grid)
        }
      }
  return adj.map((set) => [...set].sort((a, b) => a - b))
}

function kmeans(points: Position[], k: number): number[] {
  // Farthest-point seeding from the north-west-most point: spread, and the same on every run.
  let first = 0
  points.forEach((p, i) => {
    const f = points[first] as Position
    if (p[1] > f[1] || (p[1] === f[1] && p[0] < f[0])) first = i
  })
  const centres: Position[] = [[...(points[first] as Position)]]
  const nearest = points.map((p) => dist2(p, centres[0] as Position))
  while (centres.length < k) {
    let far = 0
    nearest.forEach((d, i) => {
      if (d > (nearest[far] as number)) far = i
    })
    const c = points[far] as Position
    centres.push([c[0], c[1]])
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i] as number, dist2(p, c))))
  }
  let assign = points.map(() => -1)
  for (let round = 0; round < LLOYD_ROUNDS; round++) {
    const next = points.map((p) => {
      let best = 0
      centres.forEach((c, j) => {
        if (dist2(p, c) < dist2(p, centres[best] as Position)) best = j
      })
      return best
    })
    const stable = next.every((a, i) => a === assign[i])
    assign = next
    if (stable) break
    centres.forEach((c, j) => {
      let sx = 0
      let sy = 0
      let n = 0
      assign.forEach((a, i) => {
        if (a !== j) return
        const p = points[i] as Position
        sx += p[0]
        sy += p[1]
        n++
      })
      if (n > 0) {
        c[0] = sx / n
        c[1] = sy / n
      }
    })
  }
  return assign
}

function dist2(a: Position, b: Position): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
}

/** Connected parts of cluster `c` (lists of grid indices), largest first. */
function components(assign: number[], adj: number[][], c: number): number[][] {
  const seen = new Set<number>()
  const parts: number[][] = []
  assign.forEach((a, start) => {
    if (a !== c || seen.has(start)) return
    const part: number[] = []
    const stack = [start]
    seen.add(start)
    while (stack.length > 0) {
      const i = stack.pop() as number
      part.push(i)
      for (const j of adj[i] ?? [])
        if (assign[j] === c && !seen.has(j)) {
          seen.add(j)
          stack.push(j)
        }
    }
    parts.push(part.sort((x, y) => x - y))
  })
  return parts.sort((x, y) => y.length - x.length || (x[0] as number) - (y[0] as number))
}

/** Moves detached parts of clusters to the neighbouring cluster they touch most. */
function makeContiguous(assign: number[], adj: number[][], k: number): void {
  for (let pass = 0; pass < 50; pass++) {
    let moved = false
    for (let c = 0; c < k; c++) {
      for (const part of components(assign, adj, c).slice(1)) {
        const votes = new Map<number, number>()
        for (const i of part)
          for (const j of adj[i] ?? []) {
            const other = assign[j] as number
            if (other !== c) votes.set(other, (votes.get(other) ?? 0) + 1)
          }
        let target = -1
        for (const [other, n] of [...votes.entries()].sort((a, b) => a[0] - b[0]))
          if (target < 0 || n > (votes.get(target) as number)) target = other
        if (target < 0) continue // an exclave of the street: nothing to join
        for (const i of part) assign[i] = target
        moved = true
      }
    }
    if (!moved) return
  }
}

/**
 * Community index (0-based, numbered north→south by centre, west→east on ties) of every grid.
 * `areaM2` is the street's area, which sets how many communities it gets.
 */
export function partitionStreet(grids: RawGrid[], areaM2: number): number[] {
  const k = Math.min(communityCount(areaM2), grids.length)
  const centres = grids.map((g) => centroid({ type: 'Polygon', coordinates: g.polygon }))
  const midLat = centres.reduce((s, c) => s + c.lat, 0) / Math.max(1, centres.length)
  const kx = Math.cos((midLat * Math.PI) / 180)
  const points: Position[] = centres.map((c) => [c.lng * kx, c.lat])
  const assign = kmeans(points, k)
  makeContiguous(assign, adjacency(grids), k)
  // Renumber the clusters that survived, by the mean centre of their grids.
  const used = [...new Set(assign)]
  const mean = new Map(
    used.map((c) => {
      const members = centres.filter((_, i) => assign[i] === c)
      const lat = members.reduce((s, p) => s + p.lat, 0) / members.length
      const lng = members.reduce((s, p) => s + p.lng, 0) / members.length
      return [c, { lat, lng }]
    })
  )
  const order = used.sort((a, b) => {
    const pa = mean.get(a) as { lat: number; lng: number }
    const pb = mean.get(b) as { lat: number; lng: number }
    return pb.lat - pa.lat || pa.lng - pb.lng
  })
  const rank = new Map(order.map((c, i) => [c, i]))
  return assign.map((c) => rank.get(c) as number)
}
