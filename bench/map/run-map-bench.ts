// Map benchmark in Chromium, two caches of 50,000 cases in the same run: a realistic one (8% open;
// the map draws open cases only) and the worst case (all open). For each, a 100-change delta
// through the controller's incremental path vs a full setData of every shown case:
// - cpu.*: CPU time (thread time from a CDP trace of every process) from the call until the map
//   is idle again, on the page's main thread plus MapLibre's workers: the data path's cost, the
//   figure the ≤ 1/5 target is about. It includes the main-thread part of the redraw (MapLibre's
//   render in animation frames, reported apart as *_in_frames) but not the GPU process, where the
//   software rasterizer draws the pixels (reported apart as *_gpu_process).
// - wall.*: wall time, measured with no trace running, to the sources' 'data' and to idle (the
//   redraw included), and the synchronous part of the call.
// Then frames at rest, frames and CPU per second while 50 changes/s stream through the
// controller's once-per-frame coalescing, and map redraws and CPU per second while new urgent
// cases pulse. Called by `npm run bench` (bench/run.ts).
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import type { CompareResult, MapBench, PulseResult, StreamResult } from './bench-page'
import { serveMapBench } from './serve'
import { processCpu, processDelta, type ProcessCpu } from './process-cpu'
import { cpuBetween, indexTrace, startTrace, type CpuSplit } from './trace-cpu'
import { type PhaseRunner, unbounded } from '../harness'
import { runOverlayCompare } from './overlay-compare'

export type MapBenchOptions = {
  incidents?: number
  changes?: number
  reps?: number
  streamSeconds?: number
  rate?: number
  pulseSeconds?: number
  /** Which caches to measure; default both. */
  scenarios?: readonly Scenario[]
  /** Issue 14: the grid-type shading + functional-grid overlay against the plain map (default on). */
  overlay?: boolean
}

export type Scenario = 'realistic' | 'worst'
const OPEN_SHARE: Record<Scenario, number> = { realistic: 0.08, worst: 1 }
const WORST_REPS = 5

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

/** Medians over the reps of each operation's CPU (ms) from the trace, start mark to idle mark. */
type CpuFigures = { update: CpuSplit[]; set: CpuSplit[]; updateProcess: ProcessCpu[]; setProcess: ProcessCpu[] }

/**
 * compare: wall times, no trace running. cpu: the same comparison again under a trace, for CPU
 * per thread. rest: frames with nothing changing. stream/pulse: with CPU per second of the window.
 */
type Run = {
  shown: number
  compare: CompareResult
  cpu: CpuFigures
  rest: StreamResult
  stream: StreamResult
  streamCpu: CpuSplit
  pulse: PulseResult
  pulseCpu: CpuSplit
  pulseRestCpu: CpuSplit
  streamProcess: ProcessCpu
  pulseProcess: ProcessCpu
  pulseRestProcess: ProcessCpu
}

type Options = Required<Omit<MapBenchOptions, 'scenarios' | 'overlay'>> & { open: number; pulses: number }

/**
 * Every wait on Chromium here (page.evaluate, CDP) has no timeout of its own: each runs as a
 * harness phase, so one that hangs fails under its bound with its name instead of holding the run.
 */
async function runScenario(browser: Browser, url: string, o: Options, phase: PhaseRunner, name: string): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  const cdp = await browser.newBrowserCDPSession()
  try {
    await phase(
      'load',
      async () => {
        await page.goto(`${url}?n=${o.incidents}&open=${o.open}${process.env.MAP_BENCH_GRID_TYPES === '1' ? '&gridTypes=1' : ''}`)
        await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, { timeout: 0, polling: 250 })
        const error = await page.evaluate(() => window.__mapBenchError)
        if (error) throw new Error(`map bench page failed: ${error}`)
      },
      `${name}, ${o.incidents.toLocaleString('en')} cases`
    )
    // Every Chromium process's CPU time (all its threads, SwiftShader's raster threads included),
    // snapshot by the page at each mark of the traced pass.
    const snapshots = new Map<string, ProcessCpu>()
    await page.exposeFunction('__procCpu', async (label: string) => {
      snapshots.set(label, await processCpu(cdp))
    })
    const shown = await page.evaluate(() => window.__mapBench?.shown ?? 0)
    const reps = `${name}, ${o.reps} × ${o.changes} changes`
    const compare = await phase('compare', () => page.evaluate(([c, r]) => (window.__mapBench as MapBench).compare(c, r, 'wall'), [o.changes, o.reps] as const), reps)
    const stop = await startTrace(cdp)
    await page.evaluate(() => (window.__procCpuOn = true))
    await phase('traced compare', () => page.evaluate(([c, r]) => (window.__mapBench as MapBench).compare(c, r, 'cpu'), [o.changes, o.reps] as const), reps)
    const rest = await phase('rest', () => page.evaluate(() => (window.__mapBench as MapBench).stream(5, 0, 'rest')), `${name}, 5 s`)
    const stream = await phase(
      'stream',
      (progress) => {
        const t0 = performance.now()
        const tick = setInterval(() => progress((performance.now() - t0) / 1000, o.streamSeconds, 's of the stream'), 1000)
        return page
          .evaluate(([s, rate]) => (window.__mapBench as MapBench).stream(s, rate, 'stream'), [o.streamSeconds, o.rate] as const)
          .finally(() => clearInterval(tick))
      },
      `${name}, ${o.streamSeconds} s at ${o.rate}/s`
    )
    const pulse = await phase('pulse', () => page.evaluate(([n, s]) => (window.__mapBench as MapBench).pulse(n, s, 'pulse'), [o.pulses, o.pulseSeconds] as const), name)
    const trace = await phase(
      'trace',
      async (progress) => {
        const events = await stop()
        progress(events.length, events.length, 'trace events')
        return indexTrace(events, 'cpu:')
      },
      `${name}: end and index`
    )
    const cpu: CpuFigures = { update: [], set: [], updateProcess: [], setProcess: [] }
    const between = (from: string, to: string): ProcessCpu => processDelta(snapshots, from, to)
    for (let r = 0; r < o.reps; r++) {
      cpu.update.push(cpuBetween(trace, `cpu:update:${r}:start`, `cpu:update:${r}:idle`))
      cpu.set.push(cpuBetween(trace, `cpu:set:${r}:start`, `cpu:set:${r}:idle`))
      cpu.updateProcess.push(between(`cpu:update:${r}:start`, `cpu:update:${r}:idle`))
      cpu.setProcess.push(between(`cpu:set:${r}:start`, `cpu:set:${r}:idle`))
    }
    return {
      shown,
      compare,
      cpu,
      rest,
      stream,
      streamCpu: cpuBetween(trace, 'stream:start', 'stream:end'),
      streamProcess: between('stream:start', 'stream:end'),
      pulseProcess: between('pulse:start', 'pulse:end'),
      pulseRestProcess: between('pulse:rest:start', 'pulse:rest:end'),
      pulse,
      pulseCpu: cpuBetween(trace, 'pulse:start', 'pulse:end'),
      pulseRestCpu: cpuBetween(trace, 'pulse:rest:start', 'pulse:rest:end')
    }
  } finally {
    await cdp.detach().catch(() => {})
    await page.close().catch(() => {})
  }
}

/**
 * The floor: the same page, style and viewport with no cases. Frame interval at rest (what the
 * browser's frame clock gives here) and a forced redraw to idle (what one redraw of the base map
 * costs in software rendering, before any case is drawn).
 */
async function emptyMap(browser: Browser, url: string, reps: number): Promise<{ restFrameMs: number; redrawMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  try {
    await page.goto(`${url}?n=0&open=1`)
    await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, { timeout: 0, polling: 250 })
    const error = await page.evaluate(() => window.__mapBenchError)
    if (error) throw new Error(`map bench page failed (empty map): ${error}`)
    const rest = await page.evaluate(() => (window.__mapBench as MapBench).stream(3, 0, 'floor:rest'))
    const redraws = await page.evaluate((n) => (window.__mapBench as MapBench).redraw(n), reps)
    return { restFrameMs: median(rest.frameMs.slice(1)), redrawMs: median(redraws) }
  } finally {
    await page.close().catch(() => {})
  }
}

const dataPath = (c: CpuSplit): number => c.main + c.worker

function figures(name: Scenario, run: Run, o: Options): Record<string, number> {
  const streamSeconds = o.streamSeconds
  const { compare, stream, cpu, pulse } = run
  const frames = stream.frameMs.slice(1)
  const rest = run.rest.frameMs.slice(1)
  const update = median(compare.updateMs)
  const set = median(compare.setMs)
  const updateIdle = median(compare.updateIdleMs)
  const setIdle = median(compare.setIdleMs)
  const cpuUpdate = median(cpu.update.map(dataPath))
  const cpuSet = median(cpu.set.map(dataPath))
  const per = (ms: number, seconds: number): number => round(ms / seconds)
  const k = `map.${name}`
  return {
    [`${k}.shown_cases`]: run.shown,
    // (a) CPU of the data path: page main thread + MapLibre's workers, from the operation to idle.
    [`${k}.cpu.update_main_plus_worker_median_ms`]: round(cpuUpdate),
    [`${k}.cpu.set_main_plus_worker_median_ms`]: round(cpuSet),
    [`${k}.cpu.update_to_set_ratio`]: ratio(cpuUpdate, cpuSet),
    [`${k}.cpu.update_main_median_ms`]: round(median(cpu.update.map((c) => c.main))),
    [`${k}.cpu.update_main_in_frames_median_ms`]: round(median(cpu.update.map((c) => c.frames))),
    [`${k}.cpu.update_worker_median_ms`]: round(median(cpu.update.map((c) => c.worker))),
    [`${k}.cpu.set_main_median_ms`]: round(median(cpu.set.map((c) => c.main))),
    [`${k}.cpu.set_main_in_frames_median_ms`]: round(median(cpu.set.map((c) => c.frames))),
    [`${k}.cpu.set_worker_median_ms`]: round(median(cpu.set.map((c) => c.worker))),
    // Whole processes (every thread): the renderer (main, workers, compositor, raster) and the GPU
    // process, where the software rasterizer draws; the redraw's cost lives mostly there.
    [`${k}.cpu.update_renderer_process_median_ms`]: round(median(cpu.updateProcess.map((c) => c.renderer))),
    [`${k}.cpu.set_renderer_process_median_ms`]: round(median(cpu.setProcess.map((c) => c.renderer))),
    [`${k}.cpu.update_gpu_process_median_ms`]: round(median(cpu.updateProcess.map((c) => c.gpu))),
    [`${k}.cpu.set_gpu_process_median_ms`]: round(median(cpu.setProcess.map((c) => c.gpu))),
    // (b) wall time, redraw included, measured with no trace running.
    [`${k}.wall.update_to_data_median_ms`]: round(update),
    [`${k}.wall.set_to_data_median_ms`]: round(set),
    [`${k}.wall.update_to_set_ratio_to_data`]: ratio(update, set),
    [`${k}.wall.update_to_idle_median_ms`]: round(updateIdle),
    [`${k}.wall.set_to_idle_median_ms`]: round(setIdle),
    [`${k}.wall.update_to_set_ratio_to_idle`]: ratio(updateIdle, setIdle),
    [`${k}.wall.update_sync_call_median_ms`]: round(median(compare.updateBlockMs)),
    [`${k}.wall.set_sync_call_median_ms`]: round(median(compare.setBlockMs)),
    [`${k}.rest_frame_median_ms`]: round(median(rest)),
    [`${k}.stream.changes_per_s`]: round(stream.applied / streamSeconds),
    [`${k}.stream.frame_median_ms`]: round(median(frames)),
    [`${k}.stream.frame_p95_ms`]: round(percentile(frames, 95)),
    [`${k}.stream.frame_max_ms`]: round(Math.max(...frames)),
    [`${k}.stream.fps`]: round(frames.length / streamSeconds),
    [`${k}.stream.map_redraws_per_s`]: round(stream.renders / streamSeconds),
    [`${k}.stream.cpu_main_ms_per_s`]: per(run.streamCpu.main, streamSeconds),
    [`${k}.stream.cpu_worker_ms_per_s`]: per(run.streamCpu.worker, streamSeconds),
    [`${k}.stream.cpu_renderer_process_ms_per_s`]: per(run.streamProcess.renderer, streamSeconds),
    [`${k}.stream.cpu_gpu_process_ms_per_s`]: per(run.streamProcess.gpu, streamSeconds),
    [`${k}.stream.recent_source_max_cases`]: stream.recentMax,
    [`${k}.pulse.pulsing_cases`]: pulse.pulsing,
    [`${k}.pulse.map_redraws_per_s`]: round(pulse.renders / pulse.seconds),
    [`${k}.pulse.frame_median_ms`]: round(median(pulse.frameMs.slice(1))),
    [`${k}.pulse.cpu_main_ms_per_s`]: per(run.pulseCpu.main, o.pulseSeconds),
    [`${k}.pulse.cpu_renderer_process_ms_per_s`]: per(run.pulseProcess.renderer, o.pulseSeconds),
    [`${k}.pulse.cpu_gpu_process_ms_per_s`]: per(run.pulseProcess.gpu, o.pulseSeconds),
    [`${k}.pulse.rest_cpu_main_ms_per_s`]: per(run.pulseRestCpu.main, o.pulseSeconds),
    [`${k}.pulse.rest_cpu_renderer_process_ms_per_s`]: per(run.pulseRestProcess.renderer, o.pulseSeconds),
    [`${k}.pulse.rest_cpu_gpu_process_ms_per_s`]: per(run.pulseRestProcess.gpu, o.pulseSeconds)
  }
}

/** The sizes of a full run and of `--quick` (a smoke run of every phase in seconds). */
export const MAP_SIZES: { full: MapBenchOptions; quick: MapBenchOptions } = {
  full: {},
  // One scenario: the worst case runs the very same code with more cases open.
  quick: { incidents: 2000, changes: 20, reps: 2, streamSeconds: 3, pulseSeconds: 1, scenarios: ['realistic'] }
}

/** `partial` receives the figures so far after each scenario, so a later overrun keeps them. */
export async function runMapBench(
  options: MapBenchOptions = {},
  phase: PhaseRunner = unbounded,
  signal?: AbortSignal,
  partial: (figures: Record<string, number>) => void = () => {}
): Promise<Record<string, number>> {
  const o = {
    incidents: options.incidents ?? 50_000,
    changes: options.changes ?? 100,
    reps: options.reps ?? 7,
    // Long enough for the recent source to fold back into the base at least once in the worst case.
    streamSeconds: options.streamSeconds ?? 60,
    rate: options.rate ?? 50,
    pulses: 3,
    pulseSeconds: options.pulseSeconds ?? 5
  }
  const scenarios = options.scenarios ?? ['realistic', 'worst']
  const server = await phase('build page', () => serveMapBench())
  let browser: Browser | null = null
  // A phase that overran leaves its page.evaluate pending: closing the browser ends it.
  const onAbort = (): void => void browser?.close().catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const b = await phase('launch', () =>
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-timer-throttling'],
        timeout: 60_000
      })
    )
    browser = b
    let out: Record<string, number> = { 'map.incidents': o.incidents, 'map.delta_changes': o.changes }
    // The floor first, so that figures kept from a run that later overruns still stand beside it.
    const floor = await phase('floor: empty map', () => emptyMap(b, server.url, Math.max(3, o.reps)), 'no cases')
    out['map.floor.empty_rest_frame_median_ms'] = round(floor.restFrameMs)
    out['map.floor.empty_redraw_to_idle_median_ms'] = round(floor.redrawMs)
    // Issue 14: the overlay's cost next, on the realistic cache (short, and before the long scenarios).
    if (options.overlay !== false) {
      out = { ...out, ...(await runOverlayCompare(b, server.url, { incidents: o.incidents, open: OPEN_SHARE.realistic, changes: o.changes, reps: o.reps }, phase)) }
      partial(out)
    }
    for (const name of scenarios) {
      // The worst case's full setData of 50,000 open cases takes ~5 s a rep under software GL: 7 reps
      // of it twice (wall, traced) put the whole bench past its 5-minute bound on a quiet machine
      // (2026-12-05: 5 min 0 s, stopped in the worst case's trace). Its medians take 5.
      const options = { ...o, open: OPEN_SHARE[name], reps: name === 'worst' ? Math.min(o.reps, WORST_REPS) : o.reps }
      out = { ...out, ...figures(name, await runScenario(b, server.url, options, phase, name), options) }
      partial(out)
    }
    return out
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await browser?.close().catch(() => {})
    await server.close()
  }
}

// Run directly: `npx tsx bench/map/run-map-bench.ts [--incidents N] [--reps R] [--stream-seconds S] [--only realistic|worst|overlay]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`)
    return i >= 0 ? process.argv[i + 1] : undefined
  }
  const num = (name: string): number | undefined => (arg(name) === undefined ? undefined : Number(arg(name)))
  const only = arg('only')
  // --only overlay: the floor and the overlay comparison alone.
  const scenarios: Scenario[] | undefined = only === 'realistic' || only === 'worst' ? [only] : only === 'overlay' ? [] : undefined
  console.log(
    JSON.stringify(
      await runMapBench({ incidents: num('incidents'), reps: num('reps'), streamSeconds: num('stream-seconds'), scenarios }),
      null,
      2
    )
  )
}
