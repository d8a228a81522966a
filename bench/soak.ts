// `npm run bench:soak -- --shift [--quick]`: the compressed 8-hour shift (bench/soak/shift.ts).
// `npm run bench:soak [-- --minutes N] [--rate R] [--window-minutes W] [--warmup M] [--hall-delay-scale X]`: the wall page
// against the demo hub with its traffic simulator and hall agent (simulated dispatchers who accept,
// dispatch and close, so the open set levels off), for 30 minutes by default. The core hands the page
// open cases plus those finished in the last W minutes (default 5, so a run sees several turnovers;
// the hall itself uses the working day). Each minute the page's JS heap is measured after a forced GC
// (Chrome DevTools Protocol: HeapProfiler.collectGarbage, then Runtime.getHeapUsage); prints a table
// and the least-squares slope after warm-up with a verdict (flat: |slope| < 0.25 MiB/min), and
// writes bench/results/soak.json. The wall is what runs for days in the hall.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { CHROMIUM } from '../playwright.config'
import { startDemoHub } from '../src-main/core/demo-hub'
import { openConsole } from '../src-main/core'
import { startWebHost } from '../src-main/web/web-host'
import { FinishedRetention } from '../src-shared/api'
import { slope } from './soak/shift-stats'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RENDERER = path.join(ROOT, 'out', 'renderer')
/** Growth below this many MiB per minute after GC counts as flat (noise of a live page). */
const FLAT_MIB_PER_MIN = 0.25

/**
 * live: the cases the core hands the page (open, and finished inside the window); cached: every case
 * in the console's SQLite cache (grows for good); onMap: the features the map draws.
 */
export type SoakSample = { minute: number; usedMiB: number; totalMiB: number; live: number; cached: number; onMap: number }

function arg(name: string, fallback: number, min = Number.MIN_VALUE): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min === Number.MIN_VALUE ? '> 0' : min}`)
  return v
}

async function main(): Promise<void> {
  const minutes = arg('minutes', 30)
  const rate = arg('rate', 5)
  const windowMinutes = arg('window-minutes', 5)
  // Below 1 the simulated hall takes cases up sooner, so the open set levels off earlier in a short run.
  const hallDelayScale = arg('hall-delay-scale', 1)
  // Parsed at the boundary like any option: a window the core would refuse stops the run here.
  const retention = FinishedRetention.safeParse({ kind: 'ms', ms: Math.round(windowMinutes * 60_000) })
  if (!retention.success) throw new Error(`--window-minutes: ${retention.error.issues[0]?.message ?? 'not valid'}`)
  // The finished set fills for one window; the open set levels off once the hall's cases come round
  // (a case lives ~10 minutes at delay scale 1, with long tails): measure the second half of the run.
  const warmup = Math.round(
    arg('warmup', Math.min(Math.max(Math.ceil(windowMinutes) + 2, Math.floor(minutes / 2)), minutes - 3), 0)
  )
  if (warmup > minutes - 2) throw new Error(`--warmup ${warmup} leaves fewer than 3 samples in ${minutes} minutes`)
  if (!existsSync(path.join(RENDERER, 'index.html'))) {
    console.log('building the renderer (electron-vite build)…')
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('renderer build failed')
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-soak-'))
  const cleanups: (() => Promise<void>)[] = []
  try {
    const hub = await startDemoHub({ dataDir, projectRoot: ROOT, rate, hall: true, hallDelayScale })
    cleanups.push(() => hub.stop())
    const core = await openConsole({ dataDir, hubUrl: hub.url, token: hub.token, demo: true, finishedRetention: retention.data })
    cleanups.push(() => core.close())
    const web = await startWebHost({
      api: core.api,
      rendererDir: RENDERER,
      operatorToken: randomBytes(24).toString('base64url'),
      viewerToken: randomBytes(24).toString('base64url')
    })
    cleanups.push(() => web.close())
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-timer-throttling'] })
    cleanups.push(() => browser.close())
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    // The wall as it runs in the hall: following urgent cases, returning to the overview.
    await page.goto(web.wallUrl)
    await page.getByTestId('map-canvas').and(page.locator('[data-loaded="1"]')).waitFor({ timeout: 120_000 })
    const cdp = await page.context().newCDPSession(page)
    const sample = async (minute: number): Promise<SoakSample> => {
      await cdp.send('HeapProfiler.collectGarbage')
      const heap = await cdp.send('Runtime.getHeapUsage')
      const onMap = Number((await page.getByTestId('map-canvas').getAttribute('data-incidents')) ?? 0)
      const live = (await core.api.getSnapshot()).incidents.length
      const cached = await core.store.countIncidents()
      const mib = (b: number): number => Math.round((b / 2 ** 20) * 100) / 100
      return { minute, usedMiB: mib(heap.usedSize), totalMiB: mib(heap.totalSize), live, cached, onMap }
    }
    const samples: SoakSample[] = [await sample(0)]
    console.log(
      `soak: ${minutes} min, demo hub at ${rate} reports/s with the hall agent (delay scale ${hallDelayScale});` +
        ` finished cases kept ${windowMinutes} min` +
        ` in the live set; heap after forced GC each minute; warm-up ${warmup} min`
    )
    console.log('minute  used MiB  total MiB  live set  cached  on the map')
    const row = (s: SoakSample): void =>
      console.log(
        `${String(s.minute).padStart(6)}  ${s.usedMiB.toFixed(2).padStart(8)}  ${s.totalMiB.toFixed(2).padStart(9)}  ${String(s.live).padStart(8)}  ${String(s.cached).padStart(6)}  ${String(s.onMap).padStart(10)}`
      )
    row(samples[0] as SoakSample)
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000)
      const s = await sample(m)
      samples.push(s)
      row(s)
    }
    // The first minutes fill the live set and warm the map up; growth after that is what would leak.
    const settled = samples.filter((s) => s.minute >= warmup)
    const perMinute = slope(settled.map((s) => ({ x: s.minute, y: s.usedMiB })))
    const livePerMinute = slope(settled.map((s) => ({ x: s.minute, y: s.live })))
    const cachedPerMinute = slope(settled.map((s) => ({ x: s.minute, y: s.cached })))
    const flat = Math.abs(perMinute) < FLAT_MIB_PER_MIN
    const verdict = flat ? 'flat' : perMinute > 0 ? 'growing' : 'shrinking'
    console.log(
      `slope: ${perMinute.toFixed(3)} MiB/min over minutes ${warmup}–${minutes} → ${verdict}` +
        ` (flat: |slope| < ${FLAT_MIB_PER_MIN} MiB/min)`
    )
    // Diagnostic only, never a pass: whether the page's set still grew (then the heap may follow it).
    console.log(`live set ${livePerMinute >= 0 ? '+' : ''}${livePerMinute.toFixed(1)} cases/min; cache +${cachedPerMinute.toFixed(1)} cases/min`)
    if (errors.length > 0) console.log(`page errors: ${errors.slice(0, 5).join(' | ')}`)
    const out = path.join(ROOT, 'bench', 'results', 'soak.json')
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(
      out,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          minutes,
          rate,
          hall: true,
          hallDelayScale,
          finishedWindowMinutes: windowMinutes,
          warmupMinutes: warmup,
          samples,
          slopeMiBPerMin: perMinute,
          flatBelowMiBPerMin: FLAT_MIB_PER_MIN,
          livePerMin: livePerMinute,
          cachedPerMin: cachedPerMinute,
          verdict,
          pageErrors: errors
        },
        null,
        2
      ) + '\n'
    )
    console.log(`wrote ${path.relative(ROOT, out)}`)
    if (!flat) process.exitCode = 1
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => console.error('cleanup:', (err as Error).message))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // issue 13 item 5: the compressed 8-hour shift lives in bench/soak/ (see shift.ts).
  const run = process.argv.includes('--shift') ? import('./soak/shift').then((m) => m.mainShift(process.argv)) : main()
  run.catch((err: unknown) => {
    console.error('soak failed:', err instanceof Error ? err.message : err)
    process.exitCode = 1
  })
}
