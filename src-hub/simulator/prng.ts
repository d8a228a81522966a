// Seeded pseudo-random numbers (sfc32) and the samplers the simulator draws from.
// Everything random in the generator goes through one Rng so a seed replays exactly.

/** Mixes a seed (and optional salt) into 32-bit state words; splitmix-like so close seeds diverge. */
export function hashSeed(seed: number, salt = 0): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(salt | 0, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, salt = 0) {
    if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`)
    // Seeds may be non-integers from a CLI; fold the fraction in rather than dropping it.
    const whole = Math.trunc(seed)
    const frac = Math.round((seed - whole) * 1e6)
    this.a = hashSeed(whole, salt)
    this.b = hashSeed(whole ^ 0x5bd1e995, salt + 1)
    this.c = hashSeed(frac, salt + 2)
    this.d = 1
    // Warm up: sfc32's first outputs are still correlated with the seed words.
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1)) throw new Error(`int(n) needs n >= 1, got ${n}`)
    return Math.floor(this.next() * n)
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list')
    return items[this.int(items.length)] as T
  }

  /** Exponential with the given rate (events per unit); mean 1/rate. */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new Error(`exponential rate must be > 0, got ${rate}`)
    // 1 - next() is in (0, 1], so the log is finite.
    return -Math.log(1 - this.next()) / rate
  }

  /** Standard normal by Box–Muller (one value per call; simplicity over speed). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Lognormal given its median and log-space sigma: median · e^(σ·Z). */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice()
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }
}

/** Picks from a fixed weighted list in O(log n) by binary search over cumulative weights. */
export class WeightedTable<T> {
  readonly items: readonly T[]
  private readonly cumulative: number[]
  readonly total: number

  constructor(entries: readonly (readonly [T, number])[]) {
    const items: T[] = []
    const cumulative: number[] = []
    let total = 0
    for (const [item, weight] of entries) {
      if (!Number.isFinite(weight) || weight < 0) throw new Error(`bad weight ${weight}`)
      if (weight === 0) continue
      total += weight
      items.push(item)
      cumulative.push(total)
    }
    if (items.length === 0) throw new Error('weighted table has no positive weight')
    this.items = items
    this.cumulative = cumulative
    this.total = total
  }

  sample(rng: Rng): T {
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }

  /** Share of the total weight an item has (0 when absent). */
  share(item: T): number {
    const i = this.items.indexOf(item)
    if (i < 0) return 0
    const prev = i === 0 ? 0 : (this.cumulative[i - 1] as number)
    return ((this.cumulative[i] as number) - prev) / this.total
  }
}
