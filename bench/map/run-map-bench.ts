// Map benchmark in Chromium, two caches of 50,000 cases in the same run: a realistic one (8% open;
// the map draws open cases only) and the worst case (all open). For each: a 100-change delta
// applied through the map's incremental path (updateData on the small recent source, feature-state
// hides in the base; see src-renderer/map/incident-sources.ts) vs a full setData (median ms of several reps, from
// an idle map to the data being in the sources and to the map being idle again; main-thread
// figures are the synchronous part); the same with the camera off the district (the data path
// without the redraw); and frame times while 50 changes/s stream through the controller's
// once-per-frame coalescing. Called by `npm run bench` (bench/run.ts).
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import type { CompareResult, StreamResult } from './bench-page'
import { serveMapBench } from './serve'

export type MapBenchOptions = {
  incidents?: number
  changes?: number
  reps?: number
  streamSeconds?: number
  rate?: number
  /** Which caches to measure; default both. */
  scenarios?: readonly Scenario[]
}

export type Scenario = 'realistic' | 'worst'
const OPEN_SHARE: Record<Scenario, number> = { realistic: 0.08, worst: 1 }

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? NaN : sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const round = (n: number): number => Math.round(n * 10) / 10
const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000

/**
 * rest: frames with nothing changing. offscreen: the same comparison with the camera off the
 * district, so no tile with a case is drawn: the cost of getting the change into the map's data
 * (main thread + worker) without the redraw, which on a software-rendered box dominates.
 */
type Run = { shown: number; compare: CompareResult; offscreen: CompareResult; rest: StreamResult; stream: StreamResult }

async function runScenario(browser: Browser, url: string, o: Required<Omit<MapBenchOptions, 'scenarios'>> & { open: number }): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  try {
    await page.goto(`${url}?n=${o.incidents}&open=${o.open}`)
    await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, { timeout: 300_000 })
    const error = await page.evaluate(() => window.__mapBenchError)
    if (error) throw new Error(`map bench page failed: ${error}`)
    return await page.evaluate(
      async ([c, r, s, rate]) => {
        const bench = window.__mapBench
        if (!bench) throw new Error('no bench')
        const compare = await bench.compare(c, r)
        // The map publishes its view on the canvas element; come back to exactly the district view.
        const ds = document.getElementById('map')?.dataset ?? {}
        const [lng = 116.405, lat = 39.91] = (ds.center ?? '').split(',').map(Number)
        const zoom = Number(ds.zoom ?? 12)
        await bench.jump(115.9, 39.6, 12)
        const offscreen = await bench.compare(c, r)
        await bench.jump(lng, lat, zoom)
        const rest = await bench.stream(5, 0)
        const stream = await bench.stream(s, rate)
        return { shown: bench.shown, compare, offscreen, rest, stream }
      },
      [o.changes, o.reps, o.streamSeconds, o.rate] as const
    )
  } finally {
    await page.close()
  }
}

function figures(name: Scenario, run: Run, streamSeconds: number): Record<string, number> {
  const { compare, stream } = run
  const frames = stream.frameMs.slice(1)
  const rest = run.rest.frameMs.slice(1)
  const update = median(compare.updateMs)
  const set = median(compare.setMs)
  const updateIdle = median(compare.updateIdleMs)
  const setIdle = median(compare.setIdleMs)
  return {
    [`map.${name}.shown_cases`]: run.shown,
    [`map.${name}.updateData_median_ms`]: round(update),
    [`map.${name}.setData_median_ms`]: round(set),
    [`map.${name}.update_to_set_ratio`]: ratio(update, set),
    [`map.${name}.updateData_to_idle_median_ms`]: round(updateIdle),
    [`map.${name}.setData_to_idle_median_ms`]: round(setIdle),
    [`map.${name}.update_to_set_ratio_to_idle`]: ratio(updateIdle, setIdle),
    [`map.${name}.offscreen.updateData_median_ms`]: round(median(run.offscreen.updateMs)),
    [`map.${name}.offscreen.setData_median_ms`]: round(median(run.offscreen.setMs)),
    [`map.${name}.offscreen.update_to_set_ratio`]: ratio(median(run.offscreen.updateMs), median(run.offscreen.setMs)),
    [`map.${name}.updateData_main_thread_median_ms`]: round(median(compare.updateBlockMs)),
    [`map.${name}.setData_main_thread_median_ms`]: round(median(compare.setBlockMs)),
    [`map.${name}.rest_frame_median_ms`]: round(median(rest)),
    [`map.${name}.stream_changes_per_s`]: round(stream.applied / streamSeconds),
    [`map.${name}.stream_frame_median_ms`]: round(median(frames)),
    [`map.${name}.stream_frame_p95_ms`]: round(percentile(frames, 95)),
    [`map.${name}.stream_frame_max_ms`]: round(Math.max(...frames)),
    [`map.${name}.stream_fps`]: round(frames.length / streamSeconds),
    [`map.${name}.stream_recent_source_max_cases`]: stream.recentMax
  }
}

export async function runMapBench(options: MapBenchOptions = {}): Promise<Record<string, number>> {
  const o = {
    incidents: options.incidents ?? 50_000,
    changes: options.changes ?? 100,
    reps: options.reps ?? 7,
    // Long enough for the recent source to fold back into the base at least once in the worst case.
    streamSeconds: options.streamSeconds ?? 60,
    rate: options.rate ?? 50
  }
  const scenarios = options.scenarios ?? ['realistic', 'worst']
  const server = await serveMapBench()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-timer-throttling']
  })
  try {
    let out: Record<string, number> = { 'map.incidents': o.incidents, 'map.delta_changes': o.changes }
    for (const name of scenarios) {
      const run = await runScenario(browser, server.url, { ...o, open: OPEN_SHARE[name] })
      out = { ...out, ...figures(name, run, o.streamSeconds) }
    }
    return out
  } finally {
    await browser.close()
    await server.close()
  }
}

// Run directly: `npx tsx bench/map/run-map-bench.ts [--incidents N] [--reps R] [--stream-seconds S] [--only realistic|worst]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`)
    return i >= 0 ? process.argv[i + 1] : undefined
  }
  const num = (name: string): number | undefined => (arg(name) === undefined ? undefined : Number(arg(name)))
  const only = arg('only')
  const scenarios: Scenario[] | undefined = only === 'realistic' || only === 'worst' ? [only] : undefined
  console.log(
    JSON.stringify(
      await runMapBench({ incidents: num('incidents'), reps: num('reps'), streamSeconds: num('stream-seconds'), scenarios }),
      null,
      2
    )
  )
}
