// Stats counters and the log throttle.
import { describe, expect, it } from 'vitest'
import { bump, isPowerOfTen } from '../../../src-hub/simulator/counting'

describe('counting', () => {
  it('speaks at 1, 10, 100, … only', () => {
    const spoken = Array.from({ length: 1000 }, (_, i) => i + 1).filter(isPowerOfTen)
    expect(spoken).toEqual([1, 10, 100, 1000])
  })

  it('bumps counters per key', () => {
    const c: Record<string, number> = {}
    expect([bump(c, 'a'), bump(c, 'a'), bump(c, 'b')]).toEqual([1, 2, 1])
    expect(c).toEqual({ a: 2, b: 1 })
  })
})
