// `npm run bench -- latency` (issue 13): how long after the wire a new urgent case is on the
// dispatcher's screen. A demo hub (its own process, the simulated hall on) streams background
// reports at 0.2, 5 and 20 per second; probe reports (urgent, a marker in the title) are sent from a
// plain Socket.IO client and timed twice: when a second plain client following the hub receives the
// change (the wire: the floor), and at the first animation frame of the console page (Chromium,
// through the web host) that holds the marker. The console's own cost is screen − wire per probe.
// Background is exact: the quiet-night scenario has a flat daily curve at 0.2 × --rate, so the hub
// is started with --rate 5R for R reports/s whatever the hour.
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import { defaultHubScript, startDemoHub, type DemoHub } from '../../src-main/core/demo-hub'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { HubClient } from '../../src-hub/simulator/hub-client'
import { interiorPoint } from '../../src-shared/geo'
import type { BenchContext, BenchEntry, PhaseRunner } from '../harness'
import { PROBE_PAGE_SCRIPT, type ProbeSeen, type ProbeStages } from './probe-page'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RENDERER = path.join(ROOT, 'out', 'renderer')
const S = 1000
/** quiet-night's factor: its flat curve runs at this share of --rate. */
const QUIET_NIGHT_FACTOR = 0.2

export type LatencySizes = {
  /** Background reports per second, one run each. */
  rates: readonly number[]
  probes: number
  /** Streaming before the first probe, so the page holds a realistic set. */
  warmupMs: number
  /** Between probes (jittered ±25% so probes do not phase-lock with the page's timers). */
  spacingMs: number
}

export const LATENCY_SIZES: { full: LatencySizes; quick: LatencySizes } = {
  full: { rates: [0.2, 5, 20], probes: 40, warmupMs: 30 * S, spacingMs: 1500 },
  quick: { rates: [5], probes: 5, warmupMs: 3 * S, spacingMs: 700 }
}

/** The targets for screen − wire at the 95th percentile, by rate (ms). */
export const ADDED_P95_TARGET_MS: Readonly<Record<string, number>> = { '0.2': 20, '20': 50 }

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number
}

/** Times (epoch ms): sent; seen by the floor client; in the core's delta event (cache written); painted. */
type Probe = { id: string; sentAt: number; wireAt?: number; coreAt?: number; queuedAt?: number; msgAt?: number; domAt?: number; screenAt?: number }

type Reference = { categories: { code: string }[]; grids: { features: { properties: { code: string }; geometry: Parameters<typeof interiorPoint>[0] }[] } }

function probeDraft(ref: Reference, id: string, n: number): Record<string, unknown> {
  const grids = ref.grids.features
  const grid = grids[(n * 7919) % grids.length]
  if (!grid) throw new Error('the demo reference has no grids')
  return {
    categoryCode: ref.categories[0]?.code ?? '0101',
    urgency: 'urgent',
    source: 'hotline',
    title: `延迟探针 ${id}`,
    description: 'latency probe',
    address: `探针 ${n}`,
    location: interiorPoint(grid.geometry),
    gridCode: grid.properties.code
  }
}

/** How Chromium composites the page in this run (GCC_LATENCY_COMPOSITING). */
export type Compositing = 'gpu' | 'software'

/**
 * GCC_LATENCY_COMPOSITING=gpu: Chromium composites on its GPU process (SwiftShader standing in for
 * the hall PC's graphics card; chrome://gpu then says "Compositing: Hardware accelerated") instead of
 * the default software compositing, where every frame the page shows reads the whole WebGL canvas
 * back on the page's main thread (GLES2::ReadPixels, 0.1–0.5 s a map frame here). A desktop with a
 * GPU composites like the former; this machine's default is the latter. Diagnostic, not the default.
 * Any other value is refused, so a typo never measures the default while claiming otherwise.
 */
export function compositingFrom(value: string | undefined): Compositing {
  if (value === undefined || value === '' || value === 'software') return 'software'
  if (value === 'gpu') return 'gpu'
  throw new Error(`GCC_LATENCY_COMPOSITING must be "gpu" or "software" (or unset), not ${JSON.stringify(value)}`)
}

const COMPOSITING_ARGS: Record<Compositing, readonly string[]> = {
  software: [],
  gpu: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist']
}

type Stack = { hub: DemoHub; core: ConsoleCore; web: WebHost; browser: Browser; page: Page; floor: HubClient; sender: HubClient; dataDir: string }

async function startStack(rate: number, compositing: Compositing, phase: PhaseRunner): Promise<Stack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-latency-'))
  const parts: Partial<Stack> = { dataDir }
  try {
    await phase(
      'stack',
      async () => {
        parts.hub = await startDemoHub({
          dataDir,
          projectRoot: ROOT,
          rate: rate / QUIET_NIGHT_FACTOR,
          hall: true,
          script: [...defaultHubScript(ROOT), '--scenario', 'quiet-night']
        })
        parts.core = await openConsole({ dataDir, hubUrl: parts.hub.url, token: parts.hub.token, demo: true })
        parts.web = await startWebHost({
          api: parts.core.api,
          rendererDir: RENDERER,
          operatorToken: randomBytes(24).toString('base64url'),
          viewerToken: randomBytes(24).toString('base64url')
        })
        parts.floor = new HubClient({ hubUrl: parts.hub.url, token: parts.hub.token, consoleId: 'latency-floor', name: 'floor', follow: true })
        await parts.floor.connect()
        parts.sender = new HubClient({ hubUrl: parts.hub.url, token: parts.hub.token, consoleId: 'latency-probe', name: 'probe', follow: false })
        await parts.sender.connect()
        parts.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-timer-throttling', ...COMPOSITING_ARGS[compositing]] })
        parts.page = await parts.browser.newPage({ viewport: { width: 1920, height: 1080 } })
        await parts.page.addInitScript(PROBE_PAGE_SCRIPT)
        await parts.page.goto(parts.web.operatorUrl)
        await parts.page.getByTestId('map-canvas').and(parts.page.locator('[data-loaded="1"]')).waitFor({ timeout: 120_000 })
      },
      `${rate}/s`
    )
    return parts as Stack
  } catch (err) {
    await stopStack(parts)
    throw err
  }
}

async function stopStack(s: Partial<Stack>): Promise<void> {
  s.sender?.close()
  s.floor?.close()
  const steps: (() => Promise<unknown> | undefined)[] = [() => s.browser?.close(), () => s.web?.close(), () => s.core?.close(), () => s.hub?.stop()]
  for (const step of steps) await Promise.resolve(step()).catch(() => undefined)
  if (s.dataDir) rmSync(s.dataDir, { recursive: true, force: true })
}

/** One rate: warm up, send the probes, wait for both sightings of each. */
async function runRate(rate: number, compositing: Compositing, sizes: LatencySizes, ref: Reference, phase: PhaseRunner, signal: AbortSignal): Promise<Record<string, number>> {
  const stack = await startStack(rate, compositing, phase)
  const run = randomBytes(3).toString('hex')
  const probes = new Map<string, Probe>()
  stack.floor.onChange((change) => {
    if (change.entity !== 'incident' || change.data === null || !change.data.title.includes('PROBE-')) return
    const title = change.data.title
    const id = /PROBE-[a-z0-9]+-\d+/.exec(title)?.[0]
    const p = id === undefined ? undefined : probes.get(id)
    if (p !== undefined && p.wireAt === undefined) p.wireAt = Date.now()
  })
  // Where the console's time goes: the core's delta (sync client → SQLite → coalescer) vs the rest
  // (WebSocket → renderer store → React → DOM).
  const off = stack.core.api.on('delta', (delta) => {
    for (const i of delta.incidents) {
      const id = i.title.includes('PROBE-') ? /PROBE-[a-z0-9]+-\d+/.exec(i.title)?.[0] : undefined
      const p = id === undefined ? undefined : probes.get(id)
      if (p !== undefined && p.coreAt === undefined) p.coreAt = Date.now()
    }
  })
  try {
    await phase('warm-up', (progress) => warmUp(stack, rate, sizes.warmupMs, signal, (ms) => progress(ms, sizes.warmupMs, 'ms')), `${rate}/s`)
    await phase(
      'probes',
      async (progress) => {
        for (let n = 0; n < sizes.probes && !signal.aborted; n++) {
          const id = `PROBE-${run}-${n}`
          const p: Probe = { id, sentAt: Date.now() }
          probes.set(id, p)
          void stack.sender.send({ commandId: randomUUID(), type: 'report', payload: { draft: probeDraft(ref, id, n) as never }, issuedAt: new Date(p.sentAt).toISOString() })
          progress(n + 1, sizes.probes, 'probes')
          await pause(sizes.spacingMs * (0.75 + Math.random() * 0.5), signal)
        }
        // Every probe seen on the wire and on the screen, or 20 s after the last one.
        const end = Date.now() + 20 * S
        for (;;) {
          const { seen, stages } = await stack.page.evaluate(() => {
            const w = window as unknown as { __probeSeen: ProbeSeen; __probeStages: ProbeStages }
            return { seen: w.__probeSeen, stages: w.__probeStages }
          })
          for (const p of probes.values()) {
            const at = seen[p.id]
            if (at !== undefined && at > 0) p.screenAt = at
            p.queuedAt = stages.queued[p.id]
            p.msgAt = stages.msg[p.id]
            p.domAt = stages.dom[p.id]
          }
          const missing = [...probes.values()].filter((p) => p.wireAt === undefined || p.screenAt === undefined)
          if (missing.length === 0 || Date.now() > end || signal.aborted) break
          await pause(250, signal)
        }
      },
      `${rate}/s`
    )
  } finally {
    off()
    await stopStack(stack)
  }
  const all = [...probes.values()]
  const both = all.filter((p): p is Required<Probe> => p.wireAt !== undefined && p.screenAt !== undefined)
  const wire = both.map((p) => p.wireAt - p.sentAt)
  const screen = both.map((p) => p.screenAt - p.sentAt)
  const added = both.map((p) => p.screenAt - p.wireAt)
  const span = (from: keyof Probe, to: keyof Probe): number[] =>
    both.flatMap((p) => (typeof p[from] === 'number' && typeof p[to] === 'number' ? [(p[to] as number) - (p[from] as number)] : []))
  const k = `latency.${rate}`
  const r = (x: number): number => Math.round(x * 10) / 10
  return {
    [`${k}.probes_seen`]: both.length,
    [`${k}.probes_sent`]: all.length,
    [`${k}.wire_p50_ms`]: r(percentile(wire, 50)),
    [`${k}.wire_p95_ms`]: r(percentile(wire, 95)),
    [`${k}.wire_max_ms`]: r(Math.max(...wire)),
    [`${k}.screen_p50_ms`]: r(percentile(screen, 50)),
    [`${k}.screen_p95_ms`]: r(percentile(screen, 95)),
    [`${k}.screen_max_ms`]: r(Math.max(...screen)),
    [`${k}.added_p50_ms`]: r(percentile(added, 50)),
    [`${k}.added_p95_ms`]: r(percentile(added, 95)),
    [`${k}.added_max_ms`]: r(Math.max(...added)),
    // Of the added time, how much passes before the core hands the delta on (diagnostic).
    // Where the added time goes (diagnostic): wire → core delta event (sync, SQLite, coalescer) → the
    // page's WebSocket frame → the node in the DOM (store, React) → the frame that paints it.
    [`${k}.stage.core_p50_ms`]: r(percentile(span('wireAt', 'coreAt'), 50)),
    [`${k}.stage.to_page_p50_ms`]: r(percentile(span('coreAt', 'queuedAt'), 50)),
    [`${k}.stage.page_busy_p50_ms`]: r(percentile(span('queuedAt', 'msgAt'), 50)),
    [`${k}.stage.to_dom_p50_ms`]: r(percentile(span('msgAt', 'domAt'), 50)),
    [`${k}.stage.to_frame_p50_ms`]: r(percentile(span('domAt', 'screenAt'), 50)),
    [`${k}.stage.to_frame_p95_ms`]: r(percentile(span('domAt', 'screenAt'), 95))
  }
}

/** Trace of the page's last seconds of each warm-up, when GCC_LATENCY_TRACE names a file prefix. */
const TRACE_PREFIX = process.env.GCC_LATENCY_TRACE
const TRACE_MS = 10 * S

/**
 * The warm-up; with GCC_LATENCY_TRACE set, its last 10 s are traced (CDP, with JS samples) to
 * `<prefix>-<rate>.json`: what holds the page's main thread under the background traffic alone,
 * before any probe is sent, so the probes' figures are not slowed by the tracing.
 */
async function warmUp(stack: { browser: Browser; page: Page }, rate: number, ms: number, signal: AbortSignal, tick: (elapsed: number) => void): Promise<void> {
  if (!TRACE_PREFIX || ms <= TRACE_MS) return pause(ms, signal, tick)
  await pause(ms - TRACE_MS, signal, tick)
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'toplevel', 'gpu']
  await stack.browser.startTracing(stack.page, { path: `${TRACE_PREFIX}-${rate}.json`, categories })
  try {
    await pause(TRACE_MS, signal)
  } finally {
    await stack.browser.stopTracing()
  }
}

function pause(ms: number, signal: AbortSignal, tick?: (elapsed: number) => void): Promise<void> {
  return new Promise((resolve) => {
    const t0 = Date.now()
    const every = tick ? setInterval(() => tick(Date.now() - t0), 1000) : undefined
    const done = (): void => {
      clearTimeout(timer)
      if (every) clearInterval(every)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}

export async function runLatencyBench(ctx: BenchContext<LatencySizes>): Promise<Record<string, number>> {
  if (!existsSync(path.join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` (npm run build) first')
  const ref = JSON.parse(readFileSync(path.join(ROOT, 'resources', 'reference', 'reference.json'), 'utf8')) as Reference
  const compositing = compositingFrom(process.env.GCC_LATENCY_COMPOSITING)
  process.stderr.write(`[latency] Chromium compositing: ${compositing}${compositing === 'gpu' ? ' (GCC_LATENCY_COMPOSITING=gpu)' : ''}\n`)
  let figures: Record<string, number> = {}
  for (const rate of ctx.sizes.rates) {
    figures = { ...figures, ...(await runRate(rate, compositing, ctx.sizes, ref, ctx.phase, ctx.signal)) }
    ctx.partial({ figures })
  }
  return figures
}

export const latencyBench: BenchEntry<LatencySizes> = {
  name: 'latency',
  what: 'a new urgent case from the wire to the console page’s first frame showing it, at 0.2, 5, 20 reports/s; floor: a plain Socket.IO client',
  bound: [8 * 60 * S, 2 * 60 * S],
  phases: { stack: [120 * S, 60 * S], 'warm-up': [60 * S, 20 * S], probes: [150 * S, 40 * S] },
  sizes: LATENCY_SIZES,
  run: async (ctx) => ({ figures: await runLatencyBench(ctx) })
}
