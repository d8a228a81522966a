// Arrival counts: over a simulated hour, count ≈ rate × 3600 × factor × curve(hour) (Poisson).
import { describe, expect, it } from 'vitest'
import { atLocalTime, DAILY_CURVE, MORNING_CURVE } from '../../../src-hub/simulator/curve'
import { createGenerator, generateReports } from '../../../src-hub/simulator/generate'
import { type ScenarioName } from '../../../src-hub/simulator/scenarios'
import { FIXTURE_REFERENCE } from './fixtures/reference'

const DAY = Date.UTC(2026, 2, 10, 4, 0)
const HOUR = 3_600_000

/** A Poisson count within 4.5 standard deviations of its mean. */
function expectPoisson(count: number, mean: number, label: string): void {
  expect(Math.abs(count - mean), `${label}: ${count} vs ${mean.toFixed(1)}`).toBeLessThan(4.5 * Math.sqrt(mean) + 1)
}

describe('arrival rate', () => {
  const cases: [ScenarioName, number, number][] = [
    ['normal', 3, 1 * (DAILY_CURVE[3] as number)],
    ['normal', 10, 1 * (DAILY_CURVE[10] as number)],
    ['normal', 15, 1 * (DAILY_CURVE[15] as number)],
    ['quiet-night', 2, 0.2],
    ['busy-morning', 9, 2.5 * (MORNING_CURVE[9] as number)],
    ['rainstorm', 17, (DAILY_CURVE[17] as number) + 1.5]
  ]
  for (const [scenario, hour, multiplier] of cases) {
    it(`${scenario} at ${hour}:00 gives rate × ${multiplier.toFixed(2)} per second`, () => {
      const rate = 1.5
      const from = atLocalTime(DAY, hour, 0, 480)
      const count = generateReports(30 + hour, scenario, FIXTURE_REFERENCE, from, HOUR, { rate }).length
      expectPoisson(count, rate * 3600 * multiplier, `${scenario}@${hour}`)
      expect(createGenerator(1, scenario, FIXTURE_REFERENCE, { rate }).rateAt(from)).toBeCloseTo(rate * multiplier, 10)
    })
  }

  it('averages the base rate over a whole day, with hour boundaries crossed mid-window', () => {
    const rate = 0.2
    const from = atLocalTime(DAY, 0, 17, 480) // not on an hour boundary
    const count = generateReports(99, 'normal', FIXTURE_REFERENCE, from, 24 * HOUR, { rate }).length
    expectPoisson(count, rate * 86_400, 'day')
  })

  it('scales with the rate (1000/s for a few seconds)', () => {
    const from = atLocalTime(DAY, 10, 0, 480)
    const count = generateReports(7, 'quiet-night', FIXTURE_REFERENCE, from, 5000, { rate: 1000 }).length
    expectPoisson(count, 1000 * 0.2 * 5, '1000/s')
  })
})
