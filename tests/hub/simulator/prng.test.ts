// The seeded PRNG and samplers: reproducible, in range, with the right means.
import { describe, expect, it } from 'vitest'
import { Rng, WeightedTable } from '../../../src-hub/simulator/prng'

function draws(rng: Rng, n: number, f: (r: Rng) => number): number[] {
  return Array.from({ length: n }, () => f(rng))
}

describe('Rng', () => {
  it('replays the same sequence for the same seed and differs for another', () => {
    const a = draws(new Rng(42), 50, (r) => r.next())
    const b = draws(new Rng(42), 50, (r) => r.next())
    const c = draws(new Rng(43), 50, (r) => r.next())
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    // Salts give independent streams from one seed.
    expect(draws(new Rng(42, 1), 50, (r) => r.next())).not.toEqual(a)
  })

  it('stays in [0, 1) with a mean near 1/2 and ints cover their range', () => {
    const xs = draws(new Rng(7), 20_000, (r) => r.next())
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01)
    const ints = new Set(draws(new Rng(7), 2000, (r) => r.int(6)))
    expect([...ints].sort()).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('samples exponential, normal and lognormal with the expected centres', () => {
    const rng = new Rng(9)
    const exp = draws(rng, 20_000, (r) => r.exponential(4))
    expect(Math.abs(exp.reduce((s, x) => s + x, 0) / exp.length - 0.25)).toBeLessThan(0.01)
    const normal = draws(rng, 20_000, (r) => r.normal())
    const nMean = normal.reduce((s, x) => s + x, 0) / normal.length
    const nVar = normal.reduce((s, x) => s + (x - nMean) ** 2, 0) / normal.length
    expect(Math.abs(nMean)).toBeLessThan(0.03)
    expect(Math.abs(nVar - 1)).toBeLessThan(0.05)
    const logn = draws(rng, 20_001, (r) => r.lognormal(10, 0.7)).sort((a, b) => a - b)
    expect(Math.abs((logn[10_000] as number) - 10)).toBeLessThan(0.4)
  })

  it('refuses bad parameters with a clear error', () => {
    expect(() => new Rng(Number.NaN)).toThrow(/seed/)
    expect(() => new Rng(1).exponential(0)).toThrow(/rate/)
    expect(() => new Rng(1).int(0)).toThrow(/n >= 1/)
    expect(() => new Rng(1).pick([])).toThrow(/empty/)
  })

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i)
    const shuffled = new Rng(3).shuffle(items)
    expect(shuffled).not.toEqual(items)
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items)
  })
})

describe('WeightedTable', () => {
  it('picks items in proportion to their weights and skips zero weights', () => {
    const table = new WeightedTable([
      ['a', 6],
      ['b', 3],
      ['z', 0],
      ['c', 1]
    ] as const)
    expect(table.share('a')).toBeCloseTo(0.6)
    expect(table.share('z')).toBe(0)
    const rng = new Rng(5)
    const counts: Record<string, number> = {}
    for (let i = 0; i < 30_000; i++) {
      const k = table.sample(rng)
      counts[k] = (counts[k] ?? 0) + 1
    }
    expect(counts.z).toBeUndefined()
    expect(Math.abs((counts.a ?? 0) / 30_000 - 0.6)).toBeLessThan(0.015)
    expect(Math.abs((counts.c ?? 0) / 30_000 - 0.1)).toBeLessThan(0.01)
  })

  it('refuses negative weights and an all-zero table', () => {
    expect(() => new WeightedTable([['a', -1]])).toThrow(/bad weight/)
    expect(() => new WeightedTable([['a', 0]])).toThrow(/no positive weight/)
  })
})
