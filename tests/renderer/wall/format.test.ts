// Wall clock in the centre's zone and the on-time rate's display.
import { describe, expect, it } from 'vitest'
import { formatClock, formatRate } from '../../../src-renderer/wall/format'

describe('wall format', () => {
  it('shows hub time in UTC+8 regardless of the screen computer zone', () => {
    expect(formatClock(Date.parse('2026-11-22T16:05:09.000Z'), 480)).toEqual({ time: '00:05:09', date: '2026-11-23' })
  })
  it('rounds the rate to one decimal and shows nothing due as null', () => {
    expect(formatRate(0.83449)).toBe('83.4%')
    expect(formatRate(1)).toBe('100%')
    expect(formatRate(0.9996)).toBe('100%')
    expect(formatRate(0.9994)).toBe('99.9%')
    expect(formatRate(null)).toBeNull()
  })
})
