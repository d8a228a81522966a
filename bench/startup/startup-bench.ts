// `npm run bench -- startup` (issue 13): a hall PC starting the console at the beginning of a shift
// with a full cache. A console cache is filled with 50,000 cases (10,000 open) from a reference hub; then
// browser mode is started as its own process (the compiled out/web/cli.mjs, as installed) and a
// Chromium page opens the URL it prints. Timed from the process's spawn: to the map and the queue
// showing the cached open cases (a frame has drawn the cases' source, data-drawn, and queue rows are
// there), to the whole map loaded (MapLibre's 'load': every background layer drawn too), and to "live"
// (the hub's welcome and sync done). The floor, in the
// same run: the same start with an empty cache. Chromium is launched before the clock starts (in
// Electron the window belongs to the process; here the browser's own start is not the console's).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import { openConsole } from '../../src-main/core'
import type { Incident } from '../../src-shared/protocol'
import { RESOURCES_REFERENCE_PATH, RESOURCES_UNITS_PATH, reportIncidents, startTestHub, type TestHub } from '../../tests/helpers/start-hub'
import { median } from '../floors'
import type { BenchContext, BenchEntry, Progress } from '../harness'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
// The installed program: built by `npm run build` (scripts/build-node.mjs).
export const WEB_CLI = path.join(ROOT, 'out', 'web', 'cli.mjs')
export const RENDERER = path.join(ROOT, 'out', 'renderer')
const S = 1000

export type StartupSizes = { cases: number; open: number; runs: number }
export const STARTUP_SIZES: { full: StartupSizes; quick: StartupSizes } = {
  full: { cases: 50_000, open: 10_000, runs: 3 },
  quick: { cases: 2_000, open: 400, runs: 1 }
}
/** The target: process start to map and queue showing the cached cases. */
export const STARTUP_TARGET_MS = 3000

/** Closed cases finished today (the rest finished on earlier days): a busy day's closures. */
export const CLOSED_TODAY = 500
const DAY = 86_400_000

/**
 * Status and times of seeded case `n`: the first `open` open (as reported), then CLOSED_TODAY closed
 * within the last ten minutes, the rest closed on one of the 60 days before, as a cache a hall PC has kept for
 * months looks. (Until 2026-12-05 every closed case was closed "now": 40,000 closures in one day, all
 * inside the live set's workday window, so the snapshot carried 50,000 cases instead of ~10,500.)
 */
function finishing(n: number, open: number, now: number): { status?: 'closed'; updatedAt?: string; reportedAt?: string } {
  if (n < open) return {}
  const closedAt = n < open + CLOSED_TODAY ? now - ((n * 7_919) % 600_000) : now - (1 + (n % 60)) * DAY - ((n * 7_919) % DAY) / 2
  return { status: 'closed', updatedAt: new Date(closedAt).toISOString(), reportedAt: new Date(closedAt - 2 * 3_600_000).toISOString() }
}

/**
 * A reference hub (the demo's Dongcheng reference, so the map has its grids) holding `cases` cases,
 * the first `open` of them open and the rest closed, written through the hub's store (hub-made seqs
 * and versions) from a few real reports as templates.
 */
export async function seededHub(cases: number, open: number, progress: Progress): Promise<TestHub> {
  const hub = await startTestHub({ reference: { referencePath: RESOURCES_REFERENCE_PATH, unitsPath: RESOURCES_UNITS_PATH }, hub: { rateLimit: false } })
  const templates = await reportIncidents(hub.hub, 8)
  const now = Date.now()
  for (let done = templates.length; done < cases; ) {
    const part = Math.min(2000, cases - done)
    await hub.hub.store.write(async (tx) => {
      for (let i = 0; i < part; i++) {
        const n = done + i
        const t = templates[n % templates.length] as Incident
        await tx.put('incident', { ...t, ...finishing(n, open, now), id: `inc-start-${n}`, code: `START-${n}`, title: `启动基准 ${n}` })
      }
    })
    done += part
    progress(done, cases, 'cases')
  }
  return hub
}

/** Fills a console cache in `dataDir` from the hub (a catch-up) and closes it. */
export async function fillCache(hub: TestHub, dataDir: string, progress: Progress): Promise<void> {
  const core = await openConsole({ dataDir, hubUrl: hub.url, token: hub.tokens.lead })
  try {
    const head = hub.hub.store.headSeq()
    for (;;) {
      const seq = core.debug.status().lastSeq
      progress(seq, head, 'changes')
      if (seq >= head) break
      await new Promise((r) => setTimeout(r, 100))
    }
    await core.debug.settle()
  } finally {
    await core.close()
  }
}

type Timing = { urlMs: number; screenMs: number; mapFullMs: number; liveMs: number }

/** One start of browser mode on `dataDir`: spawn → URL printed → map and queue → live. */
async function timeStart(browser: Browser, hub: TestHub, dataDir: string, expectOnMap: number, signal: AbortSignal, waitMs: number): Promise<Timing> {
  const t0 = performance.now()
  const child: ChildProcess = spawn(process.execPath, [WEB_CLI, '--hub', hub.url, '--data', dataDir, '--renderer', RENDERER, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, GCC_HUB_TOKEN: hub.tokens.lead },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const stop = (): void => void child.kill('SIGTERM')
  signal.addEventListener('abort', stop)
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-2000)))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout?.setEncoding('utf8').on('data', (d: string) => {
        out += d
        const m = /Console:\s+(\S+)/.exec(out)
        if (m?.[1]) resolve(m[1])
      })
      child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before printing its URL: ${stderr.trim().slice(-500)}`)))
    })
    const urlMs = performance.now() - t0
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    try {
      await page.goto(url)
      // Three waits at once, each timed when it is met. Screen: the cached cases drawn on the map (a
      // frame has drawn every tile of the cases' source, data-drawn) and queue rows; the floor (empty
      // cache) only the map's cases source drawn. Map full: MapLibre's 'load', every background layer
      // drawn too (the condition before 2026-12-05). Live: welcome and sync done.
      const since = (): number => performance.now() - t0
      const [screenMs, mapFullMs, liveMs] = await Promise.all([
        page
          .waitForFunction(
            (n) => {
              const map = document.querySelector('[data-testid="map-canvas"][data-drawn="1"]')
              return map !== null && Number(map.getAttribute('data-incidents') ?? 0) >= n && (n === 0 || document.querySelector('[data-testid="queue-row"]') !== null)
            },
            expectOnMap,
            { polling: 'raf', timeout: waitMs }
          )
          .then(since)
          .catch(async (err: unknown) => {
            // Say what the page showed instead, so a slow or broken start is told apart.
            const seen = await page.evaluate(() => {
              const map = document.querySelector('[data-testid="map-canvas"]')
              return `map drawn=${map?.getAttribute('data-drawn')} loaded=${map?.getAttribute('data-loaded')} incidents=${map?.getAttribute('data-incidents')}, queue rows=${document.querySelectorAll('[data-testid="queue-row"]').length}`
            })
            throw new Error(`waiting for ${expectOnMap} cases drawn on the map and queue rows: ${seen} (${String(err).split('\n')[0]})`)
          }),
        page.locator('[data-testid="map-canvas"][data-loaded="1"]').waitFor({ state: 'attached', timeout: waitMs }).then(since),
        page.locator('[data-testid="connection"].conn--online').waitFor({ timeout: waitMs }).then(since)
      ])
      return { urlMs, screenMs, mapFullMs, liveMs }
    } finally {
      await page.close()
    }
  } finally {
    signal.removeEventListener('abort', stop)
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

export async function runStartupBench(ctx: BenchContext<StartupSizes>): Promise<Record<string, number>> {
  for (const f of [WEB_CLI, path.join(RENDERER, 'index.html')]) {
    if (!existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` first`)
  }
  const { cases, open, runs } = ctx.sizes
  const full = mkdtempSync(path.join(tmpdir(), 'gcc-startup-full-'))
  const empty = mkdtempSync(path.join(tmpdir(), 'gcc-startup-empty-'))
  let hub: TestHub | null = null
  let browser: Browser | null = null
  try {
    hub = await ctx.phase('seed hub', (progress) => seededHub(cases, open, progress), `${cases.toLocaleString('en')} cases`)
    const h = hub
    await ctx.phase('fill cache', (progress) => fillCache(h, full, progress), `${cases.toLocaleString('en')} cases`)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
    const b = browser
    // Inside the phase's bound, so a start that never shows its cases says what the page showed.
    const waitMs = ctx.quick ? 30_000 : 90_000
    const withCache: Timing[] = []
    const floor: Timing[] = []
    await ctx.phase(
      'starts',
      async (progress) => {
        for (let i = 0; i < runs; i++) {
          withCache.push(await timeStart(b, h, full, open, ctx.signal, waitMs))
          // The floor: a fresh folder each time (an empty cache, the hub's changes not yet fetched).
          floor.push(await timeStart(b, h, path.join(empty, `run-${i}`), 0, ctx.signal, waitMs))
          progress(i + 1, runs, 'starts')
        }
      },
      `${runs}× with ${cases.toLocaleString('en')} cached, ${runs}× empty`
    )
    const r = (x: number): number => Math.round(x)
    return {
      'startup.cached.cases': cases,
      'startup.cached.open': open,
      'startup.cached.url_median_ms': r(median(withCache.map((t) => t.urlMs))),
      'startup.cached.screen_median_ms': r(median(withCache.map((t) => t.screenMs))),
      'startup.cached.map_full_median_ms': r(median(withCache.map((t) => t.mapFullMs))),
      'startup.cached.live_median_ms': r(median(withCache.map((t) => t.liveMs))),
      'startup.empty.url_median_ms': r(median(floor.map((t) => t.urlMs))),
      'startup.empty.screen_median_ms': r(median(floor.map((t) => t.screenMs))),
      'startup.empty.map_full_median_ms': r(median(floor.map((t) => t.mapFullMs))),
      'startup.empty.live_median_ms': r(median(floor.map((t) => t.liveMs)))
    }
  } finally {
    await browser?.close()
    await hub?.stop()
    rmSync(full, { recursive: true, force: true })
    rmSync(empty, { recursive: true, force: true })
  }
}

export const startupBench: BenchEntry<StartupSizes> = {
  name: 'startup',
  what: 'browser mode from process start to map and queue with 50,000 cached cases (10,000 open), and to live; floor: the same start with an empty cache',
  bound: [8 * 60 * S, 2 * 60 * S],
  phases: { 'seed hub': [120 * S, 30 * S], 'fill cache': [180 * S, 40 * S], starts: [240 * S, 90 * S] },
  sizes: STARTUP_SIZES,
  run: async (ctx) => ({ figures: await runStartupBench(ctx) })
}
