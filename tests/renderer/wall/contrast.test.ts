import { describe, expect, it } from 'vitest'
import { contrastRatio, parseHex, relativeLuminance } from '../../../src-renderer/wall/contrast'

describe('WCAG contrast', () => {
  it('gives the known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5)
    // WebAIM's checker: #777 on white 4.48:1 (just fails AA), the urgent badge 3.19:1 (white on #ff5252).
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
    expect(contrastRatio('#ffffff', '#ff5252')).toBeCloseTo(3.19, 2)
  })
  it('is symmetric and reads short hex', () => {
    expect(contrastRatio('#2f8cff', '#05080d')).toBeCloseTo(contrastRatio('#05080d', '#2f8cff'), 10)
    expect(parseHex('#0af')).toEqual([0, 170, 255])
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4)
  })
  it('refuses what is not a hex colour', () => {
    expect(() => parseHex('red')).toThrow(/not a #rgb/)
    expect(() => parseHex('#12345')).toThrow(/not a #rgb/)
  })
})
