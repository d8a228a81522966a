// `npm run bench:repro [-- --runs N] [--quick] [--doc <file>] [<bench>…]`: the reproducibility run.
// Runs `npm run bench` N times back to back (default 3), each in its own process and bounded by the
// harness, and writes min / median / max of every figure, baseline ratio, floor and figure ÷ floor
// into the reproducibility section of docs/benchmarks.md (between its markers), with each run's
// load and whether the checkout was clean (a fresh clone is); each run's JSON stays in
// bench/results/repro/. A --quick run must name another
// --doc: quick figures never go into docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BenchResults, NOISY_LOAD, mapFloorOf, overFloor, ratioOf } from './report'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const START = '<!-- bench:repro:start -->'
const END = '<!-- bench:repro:end -->'
/** Map figures summarised (the full list stays in each run's JSON): the targets' ratios and those with a floor. */
const MAP_KEYS = /cpu\.update_to_set_ratio$|wall\.update_to_set_ratio_to_idle$|floor\.|^latency\..+\.(added|wire)_(p50|p95)_ms$/

type Args = { runs: number; quick: boolean; doc: string; names: string[] }

export function parseReproArgs(argv: readonly string[]): Args {
  const out: Args = { runs: 3, quick: false, doc: join(ROOT, 'docs/benchmarks.md'), names: [] }
  let docGiven = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--quick') out.quick = true
    else if (a === '--runs') {
      out.runs = Number(argv[++i])
      if (!Number.isInteger(out.runs) || out.runs < 1 || out.runs > 9) throw new Error('--runs must be a whole number from 1 to 9')
    } else if (a === '--doc') {
      const v = argv[++i]
      if (v === undefined) throw new Error('--doc needs a file')
      out.doc = resolve(v)
      docGiven = true
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a} (known: --runs N, --quick, --doc <file>)`)
    else out.names.push(a)
  }
  if (out.quick && (!docGiven || out.doc === join(ROOT, 'docs/benchmarks.md'))) {
    throw new Error('a --quick run never writes docs/benchmarks.md: name another file with --doc')
  }
  return out
}

export type Spread = { min: number; median: number; max: number; n: number }

export function spread(values: readonly number[]): Spread {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  const mid = (s.length - 1) / 2
  return { min: s[0] ?? NaN, median: ((s[Math.floor(mid)] ?? NaN) + (s[Math.ceil(mid)] ?? NaN)) / 2, max: s.at(-1) ?? NaN, n: s.length }
}

const f = (n: number): string => (!Number.isFinite(n) ? 'n/a' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2))
const cell = (s: Spread, unit = ''): string => `${f(s.min)} / **${f(s.median)}** / ${f(s.max)}${unit ? ` ${unit}` : ''}`

/** The reproducibility section: one row per figure, baseline ratio, floor and figure ÷ floor. */
export function renderRepro(runs: readonly BenchResults[], o: { quick: boolean; commit: string; clean: boolean }): string {
  const lines = [
    `${runs.length} run${runs.length === 1 ? '' : 's'} back to back of \`npm run bench${o.quick ? ' -- --quick' : ''}\` at ${o.commit} (${o.clean ? 'clean checkout' : 'checkout with local changes'}), ${runs[0]?.machine.date ?? ''} – ${runs.at(-1)?.machine.date ?? ''}, on ${runs[0]?.machine.cpu ?? '?'} (${runs[0]?.machine.cores ?? '?'} cores)${o.quick ? ' — QUICK smoke sizes, not comparable figures' : ''}.`,
    '',
    ...runs.map(
      (r, i) =>
        `- run ${i + 1}: load before ${r.machine.loadBefore?.map((x) => x.toFixed(2)).join(' / ') ?? 'n/a'}${r.machine.noisy ? ' (**noisy**)' : ''}, took ${f(r.machine.runSeconds ?? NaN)} s${r.failures.length > 0 ? `; failed: ${r.failures.join('; ')}` : ''}`
    ),
    '',
    '| figure | min / **median** / max |',
    '|---|---|'
  ]
  const names = [...new Set(runs.flatMap((r) => r.results.map((m) => m.name)))]
  for (const name of names) {
    const ms = runs.map((r) => r.results.find((m) => m.name === name)).filter((m) => m !== undefined)
    const unit = ms[0]?.unit ?? ''
    lines.push(`| ${name} | ${cell(spread(ms.map((m) => m.core)), unit)} |`)
    lines.push(`| ↳ naive baseline | ${cell(spread(ms.map((m) => m.baseline)), unit)} |`)
    lines.push(`| ↳ × baseline | ${cell(spread(ms.map(ratioOf)))} |`)
    const floorNames = [...new Set(ms.flatMap((m) => (m.floors ?? []).map((x) => x.name)))]
    for (const fl of floorNames) {
      const pairs = ms.flatMap((m) => (m.floors ?? []).filter((x) => x.name === fl).map((x) => ({ m, x })))
      lines.push(`| ↳ floor: ${fl} | ${cell(spread(pairs.map((p) => p.x.value)), unit)} |`)
      lines.push(`| ↳ figure ÷ floor cost | ${cell(spread(pairs.map((p) => overFloor(p.m, p.x))))} |`)
    }
  }
  const mapKeys = [...new Set(runs.flatMap((r) => Object.keys(r.map ?? {})))].filter((k) => MAP_KEYS.test(k) || runs.some((r) => r.map && mapFloorOf(k, r.map)))
  for (const k of mapKeys) {
    lines.push(`| ${k} | ${cell(spread(runs.map((r) => r.map?.[k] ?? NaN)))} |`)
    const floors = runs.map((r) => (r.map ? mapFloorOf(k, r.map) : null))
    const ratios = floors.map((x) => x?.ratio ?? NaN)
    const floorKey = floors.find((x) => x !== null)?.floor
    if (ratios.some(Number.isFinite)) lines.push(`| ↳ ÷ floor \`${floorKey ?? '?'}\` | ${cell(spread(ratios))} |`)
  }
  return lines.join('\n')
}

export function writeSection(docPath: string, body: string): void {
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n'
  const base = doc.includes(START) && doc.includes(END) ? doc : `${doc.trimEnd()}\n\n## Reproducibility runs\n\n${START}\n${END}\n`
  writeFileSync(docPath, `${base.slice(0, base.indexOf(START) + START.length)}\n${body}\n${base.slice(base.indexOf(END))}`)
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : ''
}

/**
 * Below the noisy mark by a margin: starting the run's own process lifts the 1-minute load by ~0.15,
 * so a wait that stopped just under 1 saw its run marked noisy at 1.13 (2026-12-05, run 2).
 */
export const QUIET_LOAD = NOISY_LOAD * 0.8

/**
 * Waits until the 1-minute load is below QUIET_LOAD (runs back to back would otherwise start each
 * run in the load the previous one left), polling every 10 s, at most `maxMs`; returns the load seen.
 */
export function waitForQuiet(maxMs = 4 * 60_000, read: () => number = () => loadavg()[0] ?? 0, sleep: (ms: number) => void = sleepSync): number {
  const t0 = Date.now()
  let load = read()
  while (load >= QUIET_LOAD && Date.now() - t0 < maxMs) {
    process.stderr.write(`[repro] 1-minute load ${load.toFixed(2)} ≥ ${QUIET_LOAD}: waiting for the machine to settle (${Math.round((Date.now() - t0) / 1000)} s)\n`)
    sleep(10_000)
    load = read()
  }
  return load
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function main(): number {
  const o = parseReproArgs(process.argv.slice(2))
  // A full run keeps each run's results (bench/results/repro/run-N.json) beside the summary.
  const tmp = o.quick ? mkdtempSync(join(tmpdir(), 'gcc-repro-')) : join(ROOT, 'bench/results/repro')
  if (!o.quick) mkdirSync(tmp, { recursive: true })
  try {
    // Whether the code measured was committed: read before the runs, which write bench/results and the doc.
    const clean = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results', ':(exclude)docs/benchmarks.md']) === ''
    const runs: BenchResults[] = []
    for (let i = 0; i < o.runs; i++) {
      const json = join(tmp, `run-${i + 1}.json`)
      if (!o.quick) waitForQuiet()
      process.stderr.write(`\n=== reproducibility run ${i + 1}/${o.runs}\n`)
      // Each run is bounded by the harness; the kill is a backstop should the process itself wedge.
      const r = spawnSync('npx', ['tsx', join(ROOT, 'bench/run.ts'), ...o.names, ...(o.quick ? ['--quick'] : []), '--no-write', '--json', json], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: (o.quick ? 5 : 22) * 60_000,
        killSignal: 'SIGKILL'
      })
      if (!existsSync(json)) {
        process.stderr.write(`run ${i + 1} wrote no results (exit ${r.status ?? r.signal}); stopping\n`)
        return 1
      }
      runs.push(JSON.parse(readFileSync(json, 'utf8')) as BenchResults)
    }
    const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown commit'
    writeSection(o.doc, renderRepro(runs, { quick: o.quick, commit, clean }))
    process.stdout.write(`\nwrote the reproducibility section of ${o.doc}\n`)
    return runs.some((r) => r.failures.length > 0) ? 1 : 0
  } finally {
    if (o.quick) rmSync(tmp, { recursive: true, force: true })
  }
}

if (process.argv[1]?.endsWith('bench/repro.ts')) process.exit(main())
