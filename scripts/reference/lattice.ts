// The ~100 m × 100 m cell lattice over the district and the clipping of its cells to each
// sub-district. Steps are whole micro-degrees so shared cell edges survive 6-decimal rounding.
import { areaM2 } from '../../src-shared/geo'
import type { BBox, PolygonCoords, Position } from '../../src-shared/geo'
import { bboxOf, bboxIntersects, pointInArea } from '../../src-shared/geo'
import type { AreaGeometry } from '../../src-shared/protocol'
import { type MultiCoords, fromGeometry, intersect, round6, roundPolygons, toGeometry } from './geometry'

/** Metres per degree of latitude (mean Earth radius). */
const M_PER_DEG_LAT = 111_195
const CELL_M = 100

export interface Lattice {
  originLng: number
  originLat: number
  stepLng: number
  stepLat: number
}

/** Origin at the north-west corner of the area's box on a 0.001° raster; steps ≈ 100 m at mid-latitude. */
export function makeLattice(box: BBox): Lattice {
  const stepLat = round6(Math.round(CELL_M / M_PER_DEG_LAT / 1e-5) * 1e-5) // 0.0009° ≈ 100.1 m
  const midLat = (box[1] + box[3]) / 2
  const stepLng = Math.round(stepLat / Math.cos((midLat * Math.PI) / 180) / 1e-5) * 1e-5
  return {
    originLng: round6(Math.floor(box[0] * 1000) / 1000),
    originLat: round6(Math.ceil(box[3] * 1000) / 1000),
    stepLat,
    stepLng: round6(stepLng)
  }
}

export function cellBox(l: Lattice, row: number, col: number): BBox {
  const west = round6(l.originLng + col * l.stepLng)
  const east = round6(l.originLng + (col + 1) * l.stepLng)
  const north = round6(l.originLat - row * l.stepLat)
  const south = round6(l.originLat - (row + 1) * l.stepLat)
  return [west, south, east, north]
}

function boxRing(b: BBox): Position[] {
  return [
    [b[0], b[3]],
    [b[2], b[3]],
    [b[2], b[1]],
    [b[0], b[1]],
    [b[0], b[3]]
  ]
}

/** One connected piece of (cell ∩ sub-district). */
export interface Piece {
  streetCode: string
  row: number
  col: number
  polygon: PolygonCoords
  areaM2: number
}

function segmentBoxes(polygons: MultiCoords): BBox[] {
  const boxes: BBox[] = []
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 1; i < ring.length; i++) {
        const p = ring[i - 1] as Position
        const q = ring[i] as Position
        boxes.push([Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])])
      }
  return boxes
}

/**
 * Cuts a sub-district into lattice pieces. Cells the boundary does not touch are taken whole
 * (or skipped) without clipping; the rest go through polygon-clipping.
 */
export function cutStreet(l: Lattice, streetCode: string, polygon: AreaGeometry): Piece[] {
  const coords = fromGeometry(polygon)
  const box = bboxOf(polygon)
  const segs = segmentBoxes(coords)
  const col0 = Math.floor((box[0] - l.originLng) / l.stepLng)
  const col1 = Math.floor((box[2] - l.originLng) / l.stepLng)
  const row0 = Math.floor((l.originLat - box[3]) / l.stepLat)
  const row1 = Math.floor((l.originLat - box[1]) / l.stepLat)
  const pieces: Piece[] = []
  for (let row = row0; row <= row1; row++) {
    for (let col = col0; col <= col1; col++) {
      const cb = cellBox(l, row, col)
      if (!bboxIntersects(cb, box)) continue
      const touched = segs.some((s) => bboxIntersects(s, cb))
      if (!touched) {
        const centre = { lng: (cb[0] + cb[2]) / 2, lat: (cb[1] + cb[3]) / 2 }
        if (!pointInArea(centre, polygon)) continue
        const whole: PolygonCoords = [boxRing(cb)]
        pieces.push({ streetCode, row, col, polygon: whole, areaM2: areaM2(toGeometry([whole])) })
        continue
      }
      // Rounded at once, so later unions see the same coordinates the output will have.
      for (const part of roundPolygons(intersect([[boxRing(cb)]], coords))) {
        const a = areaM2(toGeometry([part]))
        if (a > 0) pieces.push({ streetCode, row, col, polygon: part, areaM2: a })
      }
    }
  }
  return pieces
}
