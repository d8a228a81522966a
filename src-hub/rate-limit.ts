// Token buckets: a burst allowance refilled at a steady rate; over it, 'rate_limited'. Counted per
// connection and per token (never per client-chosen console id, which anyone can claim), by
// requests and by answer bytes.

export interface RateLimitOptions {
  /** Requests (or bytes) allowed in one burst. */
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

  /** Takes `n` whatever is left, going into debt: a size known only after the work is charged afterwards. */
  charge(n: number): void {
    this.refill()
    this.tokens -= n
  }

  /** False while the bucket is in debt. */
  positive(): boolean {
    this.refill()
    return this.tokens > 0
  }
}

/** Buckets by key, forgetting refilled ones rather than growing without bound. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now
  ) {}

  get(key: string): TokenBucket {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) {
        for (const [k, b] of this.buckets) if (b.full()) this.buckets.delete(k)
      }
      bucket = new TokenBucket(this.options, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket
  }

  forget(key: string): void {
    this.buckets.delete(key)
  }
}

/** Request counts by key; a disabled limiter and unlimited callers always pass. */
export class RateLimiter {
  private readonly buckets: KeyedBuckets | null

  constructor(options: RateLimitOptions | false, now: () => number = Date.now) {
    this.buckets = options === false ? null : new KeyedBuckets(options, now)
  }

  allow(key: string, unlimited: boolean): boolean {
    if (this.buckets === null || unlimited) return true
    return this.buckets.get(key).take()
  }

  forget(key: string): void {
    this.buckets?.forget(key)
  }
}
