// A random point strictly inside a grid's area, for placing reports. The shared geo helpers
// answer "is it inside" and "where is the centre"; this adds only the seeded sampling.
import { type AreaGeometry, type LngLat } from '../../src-shared/protocol'
import { bboxOf, pointInPolygon, polygonsOf, type PolygonCoords } from '../../src-shared/geo'
import { type Rng } from './prng'

/** Inside intervals of a horizontal line through the polygon (even–odd, so holes are gaps). */
function scanline(polygon: PolygonCoords, lat: number): [number, number][] {
  const xs: number[] = []
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi)
    }
  }
  xs.sort((a, b) => a - b)
  const out: [number, number][] = []
  for (let i = 0; i + 1 < xs.length; i += 2) out.push([xs[i] as number, xs[i + 1] as number])
  return out
}

/** Planar area of a polygon's outer ring, in squared degrees (only compared with its siblings). */
function outerArea(polygon: PolygonCoords): number {
  const ring = polygon[0] ?? []
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number]
    const [xj, yj] = ring[j] as [number, number]
    sum += xj * yi - xi * yj
  }
  return Math.abs(sum / 2)
}

function pickByArea(polygons: readonly PolygonCoords[], rng: Rng): PolygonCoords {
  const areas = polygons.map(outerArea)
  const total = areas.reduce((s, a) => s + a, 0)
  let x = rng.next() * total
  for (let i = 0; i < polygons.length; i++) {
    x -= areas[i] as number
    if (x < 0) return polygons[i] as PolygonCoords
  }
  return polygons[polygons.length - 1] as PolygonCoords
}

/**
 * A random point strictly inside the area. Rejection sampling in the bounding box gives a
 * uniform point; thin slivers (grids clipped by a boundary) fall back to a scanline pick, which
 * lands inside whenever the shape has an interior. Returns null for a degenerate geometry.
 */
export function randomPointIn(geometry: AreaGeometry, rng: Rng): LngLat | null {
  const polygons = polygonsOf(geometry)
  if (polygons.length === 0) return null
  const polygon = polygons.length === 1 ? (polygons[0] as PolygonCoords) : pickByArea(polygons, rng)
  const [minLng, minLat, maxLng, maxLat] = bboxOf({ type: 'Polygon', coordinates: polygon })
  if (!(maxLng > minLng && maxLat > minLat)) return null
  for (let attempt = 0; attempt < 40; attempt++) {
    const lng = rng.range(minLng, maxLng)
    const lat = rng.range(minLat, maxLat)
    if (pointInPolygon(lng, lat, polygon)) return { lng, lat }
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    // Stay off the exact min/max latitude, where a line only touches vertices.
    const lat = minLat + (maxLat - minLat) * (0.02 + 0.96 * rng.next())
    const spans = scanline(polygon, lat).filter(([a, b]) => b - a > 1e-12)
    if (spans.length === 0) continue
    const [a, b] = rng.pick(spans)
    const lng = a + (b - a) * (0.05 + 0.9 * rng.next())
    if (pointInPolygon(lng, lat, polygon)) return { lng, lat }
  }
  return null
}
