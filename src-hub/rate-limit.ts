// Per-console token bucket: a burst allowance refilled at a steady rate; over it, 'rate_limited'.

export interface RateLimitOptions {
  /** Requests a console may send in one burst. */
  capacity: number
  /** Tokens added back per second. */
  refillPerSecond: number
}

const MAX_BUCKETS = 10_000

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 200, refillPerSecond: 50 }

export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now
  ) {
    this.tokens = options.capacity
    this.last = now()
  }

  private refill(): void {
    const t = this.now()
    this.tokens = Math.min(this.options.capacity, this.tokens + ((t - this.last) / 1000) * this.options.refillPerSecond)
    this.last = t
  }

  /** True when the bucket has refilled completely (so forgetting it changes nothing). */
  full(): boolean {
    this.refill()
    return this.tokens >= this.options.capacity
  }

  /** Takes one token if there is one. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

/** Buckets keyed by console id, so reconnecting does not refill a console's allowance. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly options: RateLimitOptions | false,
    private readonly now: () => number = Date.now
  ) {}

  allow(consoleId: string, unlimited: boolean): boolean {
    if (this.options === false || unlimited) return true
    let bucket = this.buckets.get(consoleId)
    if (!bucket) {
      // Console ids are chosen by clients; forget refilled buckets rather than grow without bound.
      if (this.buckets.size >= MAX_BUCKETS) {
        for (const [id, b] of this.buckets) if (b.full()) this.buckets.delete(id)
      }
      bucket = new TokenBucket(this.options, this.now)
      this.buckets.set(consoleId, bucket)
    }
    return bucket.take()
  }
}
