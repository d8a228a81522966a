// Daily curves and local-time arithmetic for the arrival process.
import { describe, expect, it } from 'vitest'
import { atLocalTime, DAILY_CURVE, endOfLocalHour, FLAT_CURVE, localHour, MORNING_CURVE } from '../../../src-hub/simulator/curve'

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length

describe('curves', () => {
  it('have 24 hours; the daily curve averages 1 over the day, the morning one over 07–11', () => {
    expect(DAILY_CURVE).toHaveLength(24)
    expect(mean(DAILY_CURVE)).toBeCloseTo(1, 10)
    expect(mean([7, 8, 9, 10, 11].map((h) => MORNING_CURVE[h] as number))).toBeCloseTo(1, 10)
    expect(FLAT_CURVE.every((v) => v === 1)).toBe(true)
  })

  it('are low at night and peak mid-morning and mid-afternoon', () => {
    const at = (h: number) => DAILY_CURVE[h] as number
    expect(at(3)).toBeLessThan(0.15)
    expect(at(10)).toBeGreaterThan(2)
    expect(at(15)).toBeGreaterThan(at(12))
    expect(at(15)).toBeGreaterThan(at(20))
  })
})

describe('local time', () => {
  it('reads the hour in the calendar zone (UTC+8)', () => {
    const t = Date.UTC(2026, 2, 10, 2, 30) // 10:30 in Beijing
    expect(localHour(t, 480)).toBe(10)
    expect(localHour(t, 0)).toBe(2)
    expect(endOfLocalHour(t, 480)).toBe(Date.UTC(2026, 2, 10, 3, 0))
    expect(atLocalTime(t, 1, 0, 480)).toBe(Date.UTC(2026, 2, 9, 17, 0))
    expect(localHour(atLocalTime(t, 23, 59, 480), 480)).toBe(23)
  })
})
