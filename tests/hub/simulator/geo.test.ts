// Random points inside grids: always strictly inside, avoiding holes, in every part.
import { describe, expect, it } from 'vitest'
import { pointInArea } from '../../../src-shared/geo'
import { type AreaGeometry } from '../../../src-shared/protocol'
import { randomPointIn } from '../../../src-hub/simulator/geo'
import { Rng } from '../../../src-hub/simulator/prng'

const sq = (x: number, y: number, w: number, h: number): [number, number][] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
  [x, y]
]

describe('randomPointIn', () => {
  it('never lands in a hole', () => {
    const holed: AreaGeometry = { type: 'Polygon', coordinates: [sq(0, 0, 1, 1), sq(0.05, 0.05, 0.9, 0.9).reverse()] }
    const rng = new Rng(1)
    for (let i = 0; i < 500; i++) {
      const p = randomPointIn(holed, rng)
      expect(p).not.toBeNull()
      expect(pointInArea(p!, holed)).toBe(true)
      const inHole = p!.lng > 0.05 && p!.lng < 0.95 && p!.lat > 0.05 && p!.lat < 0.95
      expect(inHole).toBe(false)
    }
  })

  it('uses every part of a MultiPolygon, in proportion to area', () => {
    const multi: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[sq(0, 0, 1, 1)], [sq(5, 0, 3, 1)]]
    }
    const rng = new Rng(2)
    let right = 0
    for (let i = 0; i < 2000; i++) {
      const p = randomPointIn(multi, rng)!
      expect(pointInArea(p, multi)).toBe(true)
      if (p.lng >= 5) right++
    }
    expect(right / 2000).toBeGreaterThan(0.7)
    expect(right / 2000).toBeLessThan(0.8)
  })

  it('finds the inside of a thin diagonal sliver and gives null for a flat shape', () => {
    const sliver: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 1.0005],
          [0, 0]
        ]
      ]
    }
    const rng = new Rng(3)
    for (let i = 0; i < 50; i++) {
      const p = randomPointIn(sliver, rng)
      expect(p).not.toBeNull()
      expect(pointInArea(p!, sliver)).toBe(true)
    }
    const flat: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [2, 0], [0, 0]]] }
    expect(randomPointIn(flat, rng)).toBeNull()
  })
})
