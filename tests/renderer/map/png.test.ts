// The test PNG reader decodes what the fixture writer encodes; the projection puts the centre mid-canvas.
import { describe, expect, it } from 'vitest'
import { solidPng } from './make-pmtiles'
import { readPng, toScreen } from './png'

describe('readPng', () => {
  it('reads back a solid PNG', () => {
    const image = readPng(solidPng([12, 200, 99], 16))
    expect([image.width, image.height]).toEqual([16, 16])
    expect(image.pixel(7, 9)).toEqual([12, 200, 99])
  })
  it('refuses non-PNG bytes', () => {
    expect(() => readPng(Buffer.alloc(64))).toThrow('not a PNG')
  })
})

describe('toScreen', () => {
  it('maps the centre to the middle and east to the right, north up', () => {
    const size = { width: 800, height: 600 }
    expect(toScreen([116.4, 39.9], [116.4, 39.9], 14, size)).toEqual([400, 300])
    const [x, y] = toScreen([116.401, 39.901], [116.4, 39.9], 14, size)
    expect(x).toBeGreaterThan(400)
    expect(y).toBeLessThan(300)
    // 0.001° of longitude at z14 with 512 px tiles is 512·2^14·0.001/360 ≈ 23.3 px.
    expect(x - 400).toBeCloseTo(23.3, 1)
  })
})
