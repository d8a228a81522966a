// Diagnostic (issue 13): where a browser-mode start spends its time. Starts a reference hub (seeded as
// the start-up bench seeds it), fills a console cache, then starts out/web/cli.mjs and opens its URL in
// an already running Chromium, and prints one timeline from spawn: every network request (start, end,
// size), the API calls over the page's socket (asked, answered, size), the page's milestones (React's
// first commit, queue rows, map canvas, cases drawn, map fully loaded, live) and the page's console.
//   npx tsx bench/startup/startup-timeline.ts [cases] [open] [--runs N] [--renderer dir[,dir…]] [--trace file.json]
// Several renderer folders (e.g. a build from before a change and one from after) are started in
// turn, run after run, on the same cache and hub, so they share the machine's load.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import type { TestHub } from '../../tests/helpers/start-hub'
import { fillCache, RENDERER, ROOT, seededHub, WEB_CLI } from './startup-bench'

const args = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const traceFile = opt('--trace')
const runs = Number(opt('--runs') ?? 1)
const renderers = (opt('--renderer') ?? RENDERER).split(',')
const nums = args.filter((a, i) => /^\d+$/.test(a) && !['--trace', '--runs', '--renderer'].includes(args[i - 1] ?? '')).map(Number)
const cases = nums[0] ?? 0
const open = nums[1] ?? Math.round(cases / 5)

// Page milestones by the page's own clock (a string, not a function: tsx's helpers do not exist there).
const PAGE_MARKS = `
  window.__marks = {}
  const seen = (k) => { window.__marks[k] ??= performance.now() }
  const check = () => {
    const map = document.querySelector('[data-testid="map-canvas"]')
    if (document.querySelector('#root > *')) seen('root rendered')
    if (document.querySelector('[data-testid="queue-row"]')) seen('queue rows')
    if (map) seen('map-canvas in DOM')
    if (map && map.querySelector('canvas')) seen('maplibre canvas')
    if (Number(map?.getAttribute('data-incidents') ?? 0) > 0) seen('cases in the map sources (data-incidents>0)')
    if (map?.getAttribute('data-drawn') === '1') seen('cases drawn (data-drawn)')
    if (map?.getAttribute('data-loaded') === '1') seen('map fully loaded (data-loaded)')
    if (document.querySelector('[data-testid="connection"].conn--online')) seen('live (conn--online)')
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
`

async function oneStart(browser: Browser, hub: TestHub, dataDir: string, renderer: string, trace: boolean): Promise<Record<string, number>> {
  const events: Array<{ t: number; what: string }> = []
  let t0 = 0
  const mark = (what: string, at = performance.now()): void => void events.push({ t: at - t0, what })
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  const page = await context.newPage()
  await page.addInitScript(PAGE_MARKS)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const reqs = new Map<string, { url: string; start: number; end?: number; bytes?: number; status?: number }>()
  // CDP timestamps are monotonic seconds; anchor them to performance.now() at the first one seen.
  let cdpAnchor: number | null = null
  const toLocal = (ts: number): number => {
    if (cdpAnchor === null) cdpAnchor = performance.now() - ts * 1000
    return ts * 1000 + cdpAnchor
  }
  cdp.on('Network.requestWillBeSent', (e) => reqs.set(e.requestId, { url: e.request.url, start: toLocal(e.timestamp) }))
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId)
    if (r) r.status = e.response.status
  })
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId)
    if (r) Object.assign(r, { end: toLocal(e.timestamp), bytes: e.encodedDataLength })
  })
  cdp.on('Network.loadingFailed', (e) => {
    const r = reqs.get(e.requestId)
    if (r) Object.assign(r, { end: toLocal(e.timestamp), status: -1 })
  })
  const wsText = (payload: string): string => payload.slice(0, 70).replace(/token[^,]*/g, 'token…')
  cdp.on('Network.webSocketFrameSent', (e) => mark(`ws → ${wsText(e.response.payloadData)}`, toLocal(e.timestamp)))
  cdp.on('Network.webSocketFrameReceived', (e) => mark(`ws ← ${e.response.payloadData.length} B ${wsText(e.response.payloadData)}`, toLocal(e.timestamp)))
  page.on('console', (m) => {
    if (!m.text().includes('GL Driver Message')) mark(`console.${m.type()}: ${m.text().slice(0, 160)}`)
  })
  page.on('pageerror', (e) => mark(`pageerror: ${e.message.slice(0, 160)}`))
  if (trace) {
    await browser.startTracing(page, {
      path: traceFile,
      screenshots: false,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'toplevel', 'gpu']
    })
  }
  t0 = performance.now()
  const child = spawn(process.execPath, [WEB_CLI, '--hub', hub.url, '--data', dataDir, '--renderer', renderer, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, GCC_HUB_TOKEN: hub.tokens.lead },
    stdio: ['ignore', 'pipe', 'ignore']
  })
  try {
    const url = await new Promise<string>((resolve) => {
      let out = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        const m = /Console:\s+(\S+)/.exec(out)
        if (m?.[1]) resolve(m[1])
      })
    })
    mark('URL printed')
    const navAt = performance.now()
    await page.goto(url)
    mark('goto resolved (load event)')
    // Both kinds of renderer: the one before 2026-12-05 has no data-drawn, its condition was data-loaded.
    await page.waitForFunction(
      (n) => {
        const map = document.querySelector('[data-testid="map-canvas"]')
        const drawn = map?.getAttribute('data-drawn') === '1' || map?.getAttribute('data-loaded') === '1'
        return drawn && Number(map?.getAttribute('data-incidents') ?? 0) >= n && (n === 0 || document.querySelector('[data-testid="queue-row"]') !== null)
      },
      cases > 0 ? open : 0,
      { polling: 'raf', timeout: 180_000 }
    )
    await page.locator('[data-testid="map-canvas"][data-loaded="1"]').waitFor({ state: 'attached', timeout: 120_000 })
    await page.locator('[data-testid="connection"].conn--online').waitFor({ timeout: 60_000 })
    if (trace) await browser.stopTracing()
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks)
    // The page's clock starts at its navigation; goto began then (within a few ms).
    for (const [k, v] of Object.entries(marks)) mark(`page: ${k}`, navAt + v)
    for (const r of reqs.values()) {
      const name = r.url.replace(/token=[^&]+/, 'token=…').replace(/^https?:\/\/[^/]+/, '').slice(0, 90)
      mark(`req start ${name}`, r.start)
      if (r.end !== undefined) mark(`req end   ${name} ${r.status ?? ''} ${r.bytes ?? ''} B (${Math.round(r.end - r.start)} ms)`, r.end)
    }
    events.sort((a, b) => a.t - b.t)
    for (const e of events) console.log(`${(e.t / 1000).toFixed(3).padStart(8)} s  ${e.what}`)
    const out: Record<string, number> = {}
    for (const e of events) if (e.what.startsWith('page: ') || e.what === 'URL printed') out[e.what.replace('page: ', '')] = e.t
    return out
  } finally {
    child.kill('SIGTERM')
    await context.close()
  }
}

const noProgress = (): void => {}
const hub = await seededHub(Math.max(cases, 8), open, noProgress)
const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-timeline-'))
if (cases > 0) await fillCache(hub, dataDir, noProgress)
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
const all = new Map<string, Record<string, number>[]>()
try {
  for (let run = 0; run < runs; run++) {
    for (const renderer of renderers) {
      console.log(`\n=== run ${run + 1}/${runs}, renderer ${renderer}, ${cases} cached (${open} open)`)
      const marks = await oneStart(browser, hub, dataDir, renderer, traceFile !== undefined && run === 0 && renderer === renderers[0])
      all.set(renderer, [...(all.get(renderer) ?? []), marks])
    }
  }
} finally {
  await browser.close()
  await hub.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
// Medians per milestone and renderer, side by side.
const keys = [...new Set([...all.values()].flat().flatMap((m) => Object.keys(m)))]
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] ?? NaN
}
console.log(`\nmedians over ${runs} run(s), s from spawn:\n${'milestone'.padEnd(45)} ${renderers.map((r) => path.basename(path.dirname(r)) + '/' + path.basename(r)).join('  ')}`)
for (const k of keys.sort((a, b) => median(all.get(renderers[0] ?? '')?.map((m) => m[a] ?? NaN) ?? []) - median(all.get(renderers[0] ?? '')?.map((m) => m[b] ?? NaN) ?? []))) {
  const cells = renderers.map((r) => (median((all.get(r) ?? []).map((m) => m[k] ?? NaN)) / 1000).toFixed(2).padStart(8))
  console.log(`${k.padEnd(45)} ${cells.join('  ')}`)
}
