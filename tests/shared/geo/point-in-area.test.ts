import { describe, expect, it } from 'vitest'
import { pointInArea, pointInRing } from '../../../src-shared/geo'
import type { AreaGeometry } from '../../../src-shared/protocol'

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0]
]

const donut: AreaGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] }
const two: AreaGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(5, 5, 6, 6), square(5.2, 5.2, 5.8, 5.8)]] }

describe('pointInArea', () => {
  it('is inside the outer ring and outside its hole', () => {
    expect(pointInArea({ lng: 1, lat: 1 }, donut)).toBe(true)
    expect(pointInArea({ lng: 5, lat: 5 }, donut)).toBe(false)
    expect(pointInArea({ lng: 11, lat: 5 }, donut)).toBe(false)
    expect(pointInArea({ lng: 3.9, lat: 5 }, donut)).toBe(true)
  })

  it('handles each polygon of a MultiPolygon, holes included', () => {
    expect(pointInArea({ lng: 0.5, lat: 0.5 }, two)).toBe(true)
    expect(pointInArea({ lng: 5.1, lat: 5.1 }, two)).toBe(true)
    expect(pointInArea({ lng: 5.5, lat: 5.5 }, two)).toBe(false)
    expect(pointInArea({ lng: 3, lat: 3 }, two)).toBe(false)
  })

  it('works on a concave ring and with either winding', () => {
    const l: [number, number][] = [[0, 0], [0, 4], [1, 4], [1, 1], [4, 1], [4, 0], [0, 0]]
    expect(pointInRing(0.5, 3, l)).toBe(true)
    expect(pointInRing(3, 3, l)).toBe(false)
    expect(pointInRing(0.5, 3, [...l].reverse())).toBe(true)
  })

  it('is false for non-finite points', () => {
    expect(pointInArea({ lng: Number.NaN, lat: 1 }, donut)).toBe(false)
  })
})
