// The bench harness: a phase past its bound fails with an error naming the bench and the phase, the
// hung work is told to stop, and the next bench still runs; progress lines say what, how far, how long.
import { describe, expect, it } from 'vitest'
import { type BenchEntry, PhaseOverrun, runBenches } from '../../bench/harness'

const forever = new Promise<never>(() => {})

function entry(name: string, run: BenchEntry<{ n: number }>['run'], bound: [number, number] = [60_000, 60_000]): BenchEntry<{ n: number }> {
  return {
    name,
    what: `test bench ${name}`,
    bound,
    phases: { warm: [5000, 5000], wait: [80, 80] },
    sizes: { full: { n: 1000 }, quick: { n: 10 } },
    run
  }
}

describe('bench harness', () => {
  it('fails a phase that overruns its bound with its name, stops it, and runs the next bench', async () => {
    const lines: string[] = []
    let stopped: unknown = null
    const hung = entry('hung', async (ctx) => {
      await ctx.phase('warm', async (progress) => progress(ctx.sizes.n, ctx.sizes.n, 'things'))
      await ctx.phase(
        'wait',
        (_p, signal) => {
          signal.addEventListener('abort', () => (stopped = signal.reason))
          return forever
        },
        'forever'
      )
      return { figures: { never: 1 } }
    })
    const next = entry('next', async (ctx) => ({ figures: { n: ctx.sizes.n } }))
    const runs = await runBenches([hung, next] as BenchEntry<unknown>[], { quick: true, runBoundMs: 60_000, log: (l) => lines.push(l), tickMs: 20 })
    expect(runs[0]?.error).toBe('bench "hung": phase "wait (forever)" overran its bound of 80 ms (stopped it; nothing measured from it)')
    expect(runs[0]?.output).toBeNull()
    expect(stopped).toBeInstanceOf(PhaseOverrun)
    expect(runs[1]).toMatchObject({ name: 'next', error: null, output: { figures: { n: 10 } } })
    expect(lines.some((l) => /^ {2}hung › warm: done, 10\/10 things \(100%\), \d+ ms$/.test(l))).toBe(true)
    expect(lines.some((l) => l.startsWith('  hung › wait (forever): running, '))).toBe(true)
    expect(lines.some((l) => l.includes('hung: FAILED after') && l.includes('overran'))).toBe(true)
  })

  it("names the bench's bound, or the whole run's, when that is what runs out first", async () => {
    const slow = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
    const tight = entry('tight', async (ctx) => {
      await ctx.phase('warm', () => slow(400))
      return {}
    }, [100, 100])
    const [byBench] = await runBenches([tight] as BenchEntry<unknown>[], { quick: false, runBoundMs: 60_000, log: () => {} })
    expect(byBench?.error).toBe(`bench "tight": phase "warm" overran the bench's bound of 100 ms (stopped it; nothing measured from it)`)
    const roomy = entry('roomy', async (ctx) => {
      await ctx.phase('warm', () => slow(400))
      return {}
    })
    const [byRun] = await runBenches([roomy] as BenchEntry<unknown>[], { quick: false, runBoundMs: 100, log: () => {} })
    expect(byRun?.error).toBe(`bench "roomy": phase "warm" overran the whole run's bound of 100 ms (stopped it; nothing measured from it)`)
  })

  it('scales every bound, and refuses a phase the entry does not declare', async () => {
    const scaled = entry('scaled', async (ctx) => {
      await ctx.phase('warm', () => new Promise((r) => setTimeout(r, 200)))
      return {}
    })
    const [r] = await runBenches([scaled] as BenchEntry<unknown>[], { quick: false, runBoundMs: 60_000, boundScale: 0.01, log: () => {} })
    expect(r?.error).toMatch(/^bench "scaled": phase "warm" overran its bound of 50 ms/)
    const undeclared = entry('undeclared', async (ctx) => {
      await ctx.phase('mystery', async () => 1)
      return {}
    })
    const [u] = await runBenches([undeclared] as BenchEntry<unknown>[], { quick: false, runBoundMs: 60_000, log: () => {} })
    expect(u?.error).toBe('bench "undeclared" has no phase "mystery" in its registry entry')
  })
})
