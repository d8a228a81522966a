// `npm run bench:soak [-- --minutes N] [--rate R]`: the wall page against the demo hub with its
// traffic simulator streaming, for 30 minutes by default. Each minute the page's JS heap is
// measured after a forced GC (Chrome DevTools Protocol: HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage); prints a table and the least-squares slope per minute with a verdict,
// and writes bench/results/soak.json. The wall is what runs for days in the hall.
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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RENDERER = path.join(ROOT, 'out', 'renderer')
/** Growth below this many MiB per minute after GC counts as flat (noise of a live page). */
const FLAT_MIB_PER_MIN = 0.25
/**
 * The simulator keeps adding cases, and the page keeps one summary (and, while open, one map feature) per case.
 * Growth up to this much per added case is the data, not a leak (a summary with its map feature
 * and store entry measured about 1.5–2 KiB).
 */
const DATA_KIB_PER_CASE = 4

/** cases: in the cache the page holds (open and closed); onMap: the open ones the map draws. */
export type SoakSample = { minute: number; usedMiB: number; totalMiB: number; cases: number; onMap: number }

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`)
  return v
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length
  if (n < 2) return NaN
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0)
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0)
  return den === 0 ? NaN : num / den
}

async function main(): Promise<void> {
  const minutes = arg('minutes', 30)
  const rate = arg('rate', 5)
  if (!existsSync(path.join(RENDERER, 'index.html'))) {
    console.log('building the renderer (electron-vite build)…')
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('renderer build failed')
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-soak-'))
  const cleanups: (() => Promise<void>)[] = []
  try {
    const hub = await startDemoHub({ dataDir, projectRoot: ROOT, rate })
    cleanups.push(() => hub.stop())
    const core = await openConsole({ dataDir, hubUrl: hub.url, token: hub.token, demo: true })
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
      const cases = (await core.api.getSnapshot()).incidents.length
      const mib = (b: number): number => Math.round((b / 2 ** 20) * 100) / 100
      return { minute, usedMiB: mib(heap.usedSize), totalMiB: mib(heap.totalSize), cases, onMap }
    }
    const samples: SoakSample[] = [await sample(0)]
    console.log(`soak: ${minutes} min, demo hub at ${rate} reports/s; heap after forced GC each minute`)
    console.log('minute  used MiB  total MiB  cases cached  on the map')
    const row = (s: SoakSample): void =>
      console.log(
        `${String(s.minute).padStart(6)}  ${s.usedMiB.toFixed(2).padStart(8)}  ${s.totalMiB.toFixed(2).padStart(9)}  ${String(s.cases).padStart(12)}  ${String(s.onMap).padStart(10)}`
      )
    row(samples[0] as SoakSample)
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000)
      const s = await sample(m)
      samples.push(s)
      row(s)
    }
    // The first minutes fill the cache and warm the map up; growth after that is what would leak.
    const settled = samples.filter((s) => s.minute >= Math.min(2, Math.floor(minutes / 3)))
    const perMinute = slope(settled.map((s) => ({ x: s.minute, y: s.usedMiB })))
    const casesPerMinute = slope(settled.map((s) => ({ x: s.minute, y: s.cases })))
    const flat = Math.abs(perMinute) < FLAT_MIB_PER_MIN
    const kibPerCase = casesPerMinute > 0 ? (perMinute * 1024) / casesPerMinute : NaN
    const withData = !flat && perMinute > 0 && kibPerCase <= DATA_KIB_PER_CASE
    const verdict = flat ? 'flat' : withData ? 'grows with the data only' : perMinute > 0 ? 'growing' : 'shrinking'
    console.log(
      `slope: ${perMinute.toFixed(3)} MiB/min over minutes ${settled[0]?.minute ?? 0}–${minutes}; cases cached +${casesPerMinute.toFixed(1)}/min` +
        ` (${Number.isNaN(kibPerCase) ? '–' : kibPerCase.toFixed(2)} KiB per added case) → ${verdict}` +
        ` (flat: |slope| < ${FLAT_MIB_PER_MIN} MiB/min; data: ≤ ${DATA_KIB_PER_CASE} KiB per added case)`
    )
    if (errors.length > 0) console.log(`page errors: ${errors.slice(0, 5).join(' | ')}`)
    const out = path.join(ROOT, 'bench', 'results', 'soak.json')
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(
      out,
      JSON.stringify(
        { date: new Date().toISOString(), minutes, rate, samples, slopeMiBPerMin: perMinute, casesPerMin: casesPerMinute, kibPerCase, verdict, pageErrors: errors },
        null,
        2
      ) + '\n'
    )
    console.log(`wrote ${path.relative(ROOT, out)}`)
    if (!flat && !withData && perMinute > 0) process.exitCode = 1
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => console.error('cleanup:', (err as Error).message))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error('soak failed:', err instanceof Error ? err.message : err)
    process.exitCode = 1
  })
}
