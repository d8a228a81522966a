// `npm run bench [-- <name>…] [--quick] [--json <file>]`: runs the registered benchmarks one after
// another through the harness (bench/harness.ts): every phase bounded, progress on stderr, each
// figure beside its baseline and the machine's floors measured in the same run. A full run of every
// bench writes bench/results/latest.json and the results section of docs/benchmarks.md; a partial
// --quick or --no-write run writes neither (--json <file> writes that run's results to <file>).
// Options: --quick (small sizes, seconds: the CI smoke run), --bound-scale X (multiplies every
// bound; tests use it to make a phase overrun).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BenchEntry, runBenches, secs } from './harness'
import { latencyBench } from './latency/latency-bench'
import { startupBench } from './startup/startup-bench'
import { mapBench, mapOverlayBench } from './map/entry'
import { metricsBench } from './metrics/metrics-bench'
import { type BenchResults, type MachineInfo, NOISY_LOAD, headerText, renderText, writeResults } from './report'
import { catchUpBench, ingestBench, outboxBench } from './sync/entries'
import type { Measured } from './sync/benchmarks'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The registry: one entry per bench, run in this order. Add a bench with one line here. A bench
 * written as one function `fn(): Promise<Measured>` registers as `{ name, what, bound: [ms, ms],
 * phases: { run: [ms, ms] }, sizes: { full: null, quick: null }, run: async (ctx) => ({ measured:
 * [await ctx.phase('run', () => fn())] }) }` (give it real quick sizes so CI's --quick stays short).
 */
export const BENCHES: readonly BenchEntry<unknown>[] = [ingestBench, catchUpBench, outboxBench, metricsBench, mapBench, mapOverlayBench, latencyBench, startupBench]

/** Benches that drive the built app (out/): a fresh clone has none, so the run builds it first. */
const NEEDS_BUILD = new Set(['latency', 'startup'])
const BUILT = [join(ROOT, 'out/renderer/index.html'), join(ROOT, 'out/web/cli.mjs')]

/**
 * Builds out/ when a bench that needs it is about to run on a checkout without it (a fresh clone),
 * with a progress line, so those benches measure the app rather than fail on a missing file. The
 * build runs before the clock of any bench starts and before the machine's load is read.
 */
export function buildIfMissing(names: readonly string[], built: readonly string[] = BUILT): 'built' | 'present' | 'not needed' {
  if (!names.some((n) => NEEDS_BUILD.has(n))) return 'not needed'
  if (built.every((f) => existsSync(f))) return 'present'
  process.stderr.write(`[prep] out/ is missing (a fresh clone): npm run build…\n`)
  const t0 = performance.now()
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60_000 })
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal}): latency and startup need out/`)
  process.stderr.write(`[prep] built out/ in ${secs(performance.now() - t0)}\n`)
  return 'built'
}

/** Bound of the whole `npm run bench` (issue 17: ≤ 20 minutes), and of `--quick`. */
export const RUN_BOUND_MS = { full: 20 * 60_000, quick: 6 * 60_000 }

function machine(quick: boolean): MachineInfo {
  const cpu = cpus()
  const load = loadavg()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadBefore: load,
    noisy: (load[0] ?? 0) > NOISY_LOAD,
    quick
  }
}

type Args = { names: string[]; quick: boolean; json: string | null; boundScale: number; write: boolean }

export function parseArgs(argv: readonly string[], known: readonly string[]): Args {
  const out: Args = { names: [], quick: false, json: null, boundScale: 1, write: true }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--quick') out.quick = true
    else if (a === '--no-write') out.write = false
    else if (a === '--json' || a === '--bound-scale') {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      if (a === '--json') out.json = resolve(v)
      else {
        out.boundScale = Number(v)
        if (!(out.boundScale > 0)) throw new Error(`--bound-scale must be a number > 0, got "${v}"`)
      }
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a} (known: --quick, --json <file>, --no-write, --bound-scale <x>)`)
    else if (!known.includes(a)) throw new Error(`unknown benchmark "${a}" (known: ${known.join(', ')})`)
    else out.names.push(a)
  }
  return out
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), BENCHES.map((b) => b.name))
  const entries = args.names.length === 0 ? BENCHES : BENCHES.filter((b) => args.names.includes(b.name))
  buildIfMissing(entries.map((e) => e.name))
  const info = machine(args.quick)
  const runBound = args.quick ? RUN_BOUND_MS.quick : RUN_BOUND_MS.full
  process.stderr.write(`${headerText(info)}\nrunning ${entries.map((e) => e.name).join(', ')}${args.quick ? ' (quick)' : ''}; whole run bound ${secs(runBound * args.boundScale)}\n`)
  const started = performance.now()
  const runs = await runBenches(entries, { quick: args.quick, runBoundMs: runBound, boundScale: args.boundScale })
  info.loadAfter = loadavg()
  info.runSeconds = (performance.now() - started) / 1000

  const results: Measured[] = runs.flatMap((r) => r.output?.measured ?? [])
  const figures = runs.reduce<Record<string, number> | null>((acc, r) => (r.output?.figures ? { ...acc, ...r.output.figures } : acc), null)
  const failures = runs.filter((r) => r.error !== null).map((r) => `${r.name}: ${r.error}`)
  const out: BenchResults = { machine: info, results, map: figures, failures }
  process.stdout.write(`\n${renderText(results, figures, info)}\n`)
  if (args.json !== null) {
    await mkdir(dirname(args.json), { recursive: true })
    await writeFile(args.json, `${JSON.stringify(out, null, 2)}\n`)
    process.stdout.write(`\nwrote ${args.json}\n`)
  }
  if (args.names.length === 0 && !args.quick && args.write) {
    await writeResults(ROOT, out)
    process.stdout.write(`\nwrote bench/results/latest.json and docs/benchmarks.md\n`)
  } else {
    process.stdout.write(`\n(a ${args.quick ? 'quick' : args.write ? 'partial' : '--no-write'} run: bench/results/latest.json and docs/benchmarks.md not written)\n`)
  }
  if (failures.length > 0) {
    process.stderr.write(`\nfailed:\n${failures.join('\n')}\n`)
    process.exitCode = 1
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/run.ts')) {
  main().then(
    // Exit now: a bench that overran its bound may still hold a socket or a child.
    () => process.exit(),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`)
      process.exit(1)
    }
  )
}
