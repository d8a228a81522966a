// Token buckets with a fake clock: burst, refill over time, per-console buckets, exemptions.
import { describe, expect, it } from 'vitest'
import { RateLimiter, TokenBucket } from '../../src-hub/rate-limit'

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then refills at the set rate', () => {
    let now = 0
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4 }, () => now)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false])
    now += 250 // one token back
    expect([bucket.take(), bucket.take()]).toEqual([true, false])
    now += 10_000
    expect(bucket.full()).toBe(true)
  })
})

describe('RateLimiter', () => {
  it('keeps a bucket per console; unlimited callers and a disabled limiter always pass', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0 }, () => 0)
    expect([limiter.allow('a', false), limiter.allow('a', false), limiter.allow('b', false)]).toEqual([true, false, true])
    expect(limiter.allow('a', true)).toBe(true)
    const off = new RateLimiter(false)
    expect(Array.from({ length: 100 }, () => off.allow('x', false)).every(Boolean)).toBe(true)
  })
})
