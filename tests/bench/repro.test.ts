// `npm run bench:repro -- --quick`: three real runs back to back, min / median / max of every figure,
// baseline ratio and floor into the named doc's section; docs/benchmarks.md is never a quick run's.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseReproArgs, spread, waitForQuiet } from '../../bench/repro'

const tmp = mkdtempSync(join(tmpdir(), 'gcc-repro-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('bench:repro', () => {
  it('takes min, median and max', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, n: 3 })
    expect(spread([4, 1, NaN, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4, n: 4 })
  })

  it('waits for the 1-minute load to drop below the noisy mark before a run, and gives up at its bound', () => {
    const loads = [2.4, 1.6, 0.95, 0.7, 0.2]
    let slept = 0
    expect(waitForQuiet(60_000, () => loads.shift() ?? 0, () => slept++)).toBe(0.7)
    // 0.95 is under the noisy mark but not under QUIET_LOAD: starting the run would lift it past 1.
    expect(slept).toBe(3)
    // A machine that never settles: the wait ends at its bound with the load it last saw.
    expect(waitForQuiet(0, () => 5, () => slept++)).toBe(5)
  })

  it('refuses to put quick figures into docs/benchmarks.md', () => {
    expect(() => parseReproArgs(['--quick'])).toThrow('a --quick run never writes docs/benchmarks.md: name another file with --doc')
    expect(() => parseReproArgs(['--quick', '--doc', 'docs/benchmarks.md'])).toThrow('never writes docs/benchmarks.md')
    expect(() => parseReproArgs(['--runs', '0'])).toThrow('--runs must be a whole number from 1 to 9')
  })

  it('runs the bench three times and writes the spread into the doc, keeping its prose', () => {
    const doc = join(tmp, 'benchmarks.md')
    writeFileSync(doc, '# Benchmarks\n\nprose kept\n\n<!-- bench:repro:start -->\nold\n<!-- bench:repro:end -->\n\nafter\n')
    const before = statSync('docs/benchmarks.md').mtimeMs
    const r = spawnSync('npx', ['tsx', 'bench/repro.ts', '--quick', '--runs', '3', '--doc', doc, 'outbox'], { encoding: 'utf8', timeout: 150_000 })
    expect(r.stderr).toContain('=== reproducibility run 3/3')
    expect(r.status).toBe(0)
    const out = readFileSync(doc, 'utf8')
    expect(out.startsWith('# Benchmarks\n\nprose kept\n\n<!-- bench:repro:start -->\n3 runs back to back of `npm run bench -- --quick`')).toBe(true)
    expect(out).not.toContain('\nold\n')
    expect(out.endsWith('<!-- bench:repro:end -->\n\nafter\n')).toBe(true)
    expect(out.match(/^- run \d: load before [\d.]+ \/ [\d.]+ \/ [\d.]+/gm)).toHaveLength(3)
    for (const row of ['Outbox drain to the reference hub', '↳ naive baseline', '↳ × baseline', '↳ floor: fsync probe', '↳ floor: SQLite bulk insert, synchronous = FULL', '↳ figure ÷ floor cost']) {
      expect(out).toMatch(new RegExp(`\\| ${row.replace(/[()×÷↳=,.]/g, '.')} \\| [\\d,.]+ / \\*\\*[\\d,.]+\\*\\* / [\\d,.]+`))
    }
    expect(statSync('docs/benchmarks.md').mtimeMs).toBe(before)
  }, 180_000)
})
