// `npm run bench`: runs each benchmark once (sync ones against their naive baseline in the same
// run, then the map benchmark when bench/map provides it), prints a table, writes
// bench/results/latest.json and rewrites the results section of docs/benchmarks.md.
import { cpus, totalmem } from 'node:os'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { benchCatchUp, benchIngest, benchOutboxDrain, type Measured } from './sync/benchmarks'
import { type MachineInfo, renderText, writeResults } from './report'
import { benchMetricsExport, benchMetricsFigures } from './metrics/metrics-bench'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

function machine(): MachineInfo {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString()
  }
}

type MapBench = () => Promise<Record<string, number>>

/** H8's map benchmark, when present: a module exporting runMapBench(). */
async function loadMapBench(): Promise<MapBench | null> {
  const path = join(ROOT, 'bench/map/run-map-bench.ts')
  if (!existsSync(path)) return null
  const mod = (await import(pathToFileURL(path).href)) as { runMapBench?: unknown }
  return typeof mod.runMapBench === 'function' ? (mod.runMapBench as MapBench) : null
}

async function main(): Promise<void> {
  const only = new Set(process.argv.slice(2))
  const want = (name: string): boolean => only.size === 0 || only.has(name)
  const results: Measured[] = []
  const failures: string[] = []
  const steps: [string, () => Promise<Measured>][] = [
    ['ingest', benchIngest],
    ['catch-up', benchCatchUp],
    ['outbox', benchOutboxDrain],
    ['metrics', benchMetricsFigures],
    ['metrics', benchMetricsExport]
  ]
  for (const [name, fn] of steps) {
    if (!want(name)) continue
    process.stdout.write(`running ${name} …\n`)
    try {
      results.push(await fn())
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message}`)
    }
  }
  let map: Record<string, number> | null = null
  if (want('map')) {
    const runMapBench = await loadMapBench().catch((err: unknown) => {
      failures.push(`map: could not load: ${(err as Error).message}`)
      return null
    })
    if (runMapBench !== null) {
      process.stdout.write('running map …\n')
      map = await runMapBench().catch((err: unknown) => {
        failures.push(`map: ${(err as Error).message}`)
        return null
      })
    }
  }
  const info = machine()
  process.stdout.write(`\n${renderText(results, map, info)}\n`)
  if (only.size === 0) {
    await writeResults(ROOT, { machine: info, results, map, failures })
    process.stdout.write(`\nwrote bench/results/latest.json and docs/benchmarks.md\n`)
  } else {
    process.stdout.write('\n(a partial run: results not written)\n')
  }
  if (failures.length > 0) {
    process.stderr.write(`\nfailed:\n${failures.join('\n')}\n`)
    process.exitCode = 1
  }
}

main().then(
  () => process.exit(),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String(err)}\n`)
    process.exit(1)
  }
)
