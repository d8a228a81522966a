// `npm run bench` end to end on a real bench: a phase made to overrun its bound (every bound scaled
// down) fails the run with the bench's and the phase's name, the process exits promptly, and neither
// a failed nor a quick run touches docs/benchmarks.md or bench/results/latest.json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildIfMissing, parseArgs } from '../../bench/run'

const tmp = mkdtempSync(join(tmpdir(), 'gcc-bench-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const mtime = (p: string): number => statSync(p).mtimeMs

describe('npm run bench', () => {
  it('builds out/ only for the benches that drive the built app, and only when it is missing', () => {
    expect(buildIfMissing(['ingest', 'map'], [join(tmp, 'nothing-here')])).toBe('not needed')
    expect(buildIfMissing(['latency'], [tmp])).toBe('present')
  })

  it('fails a real bench phase that overran its bound, by name, and writes nothing to docs', () => {
    const before = [mtime('docs/benchmarks.md'), mtime('bench/results/latest.json')]
    const json = join(tmp, 'overrun.json')
    const started = Date.now()
    const r = spawnSync('npx', ['tsx', 'bench/run.ts', 'outbox', '--quick', '--bound-scale', '0.001', '--json', json], {
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(r.status).toBe(1)
    // The hub child being started is killed with the phase: the run does not wait for it.
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(r.stderr).toContain('bench "outbox": phase "start hub (10 cases)" overran its bound of 30 ms')
    expect(r.stderr).toContain('  outbox › start hub (10 cases): started, bound 30 ms')
    expect(r.stderr).toMatch(/load average \(1\/5\/15 min\) before: [\d.]+ \/ [\d.]+ \/ [\d.]+/)
    const written = JSON.parse(readFileSync(json, 'utf8')) as { failures: string[]; results: unknown[]; machine: { quick: boolean } }
    expect(written.failures).toEqual([expect.stringContaining('outbox: bench "outbox": phase "start hub (10 cases)" overran')])
    expect(written.results).toEqual([])
    expect(written.machine.quick).toBe(true)
    expect([mtime('docs/benchmarks.md'), mtime('bench/results/latest.json')]).toEqual(before)
  }, 90_000)

  it('refuses an unknown bench or option with a clear error', () => {
    const names = ['ingest', 'map']
    expect(() => parseArgs(['mpa'], names)).toThrow('unknown benchmark "mpa" (known: ingest, map)')
    expect(() => parseArgs(['--fast'], names)).toThrow('unknown option --fast')
    expect(() => parseArgs(['--bound-scale', 'x'], names)).toThrow('--bound-scale must be a number > 0, got "x"')
    expect(parseArgs(['map', '--quick'], names)).toMatchObject({ names: ['map'], quick: true, write: true })
  })
})
