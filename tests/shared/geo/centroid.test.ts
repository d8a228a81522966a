import { describe, expect, it } from 'vitest'
import { bboxOf, bboxContains, bboxIntersects, centroid, interiorPoint, pointInArea } from '../../../src-shared/geo'
import type { AreaGeometry } from '../../../src-shared/protocol'

describe('centroid', () => {
  it('is the centre of a rectangle and shifts away from a hole', () => {
    const rect: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] }
    expect(centroid(rect).lng).toBeCloseTo(2, 12)
    expect(centroid(rect).lat).toBeCloseTo(1, 12)
    const holed: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]], [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5], [0.5, 0.5]]]
    }
    expect(centroid(holed).lng).toBeGreaterThan(2)
  })

  it('weights MultiPolygon parts by area', () => {
    const m: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[9, 0], [12, 0], [12, 1], [9, 1], [9, 0]]]]
    }
    // (0.5·1 + 10.5·3) / 4 = 8
    expect(centroid(m).lng).toBeCloseTo(8, 12)
  })
})

describe('interiorPoint', () => {
  it('is inside a U shape whose centroid is not', () => {
    const u: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]]
    }
    expect(pointInArea(centroid(u), u)).toBe(false)
    expect(pointInArea(interiorPoint(u), u)).toBe(true)
  })

  it('is inside a ring-shaped area (centroid in the hole)', () => {
    const donut: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[1, 1], [9, 1], [9, 9], [1, 9], [1, 1]]]
    }
    expect(pointInArea(interiorPoint(donut), donut)).toBe(true)
  })
})

describe('bbox', () => {
  it('boxes a MultiPolygon and tests containment and overlap', () => {
    const m: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, -2], [6, -2], [6, 3], [5, -2]]]]
    }
    const b = bboxOf(m)
    expect(b).toEqual([0, -2, 6, 3])
    expect(bboxContains(b, 3, 0)).toBe(true)
    expect(bboxContains(b, 7, 0)).toBe(false)
    expect(bboxIntersects(b, [6, 3, 8, 8])).toBe(true)
    expect(bboxIntersects(b, [6.1, 3, 8, 8])).toBe(false)
  })
})
