// `npm run screenshot`: starts the demo stack (reference hub with its simulator as a child process,
// the console core, the local web host), opens the dispatcher console in Debian's Chromium, waits
// for live incidents, selects the newest, and writes docs/screenshot.png at 1600×900.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { chromium } from '@playwright/test'

register()
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
let out = path.join(root, 'docs', 'screenshot.png')
const rendererDir = path.join(root, 'out', 'renderer')
const MIN_ROWS = Number(process.env.SCREENSHOT_MIN_ROWS ?? 12)
/** For looking at panels: extra keys pressed before the shot (e.g. "?" or "e"), and another file. */
const EXTRA_KEYS = (process.env.SCREENSHOT_KEYS ?? '').split(' ').filter(Boolean)
if (process.env.SCREENSHOT_OUT) out = path.resolve(process.env.SCREENSHOT_OUT)

if (!existsSync(path.join(rendererDir, 'index.html')) || process.argv.includes('--build')) {
  console.log('building the renderer (electron-vite build)…')
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

const { startDemoHub } = await import('../src-main/core/demo-hub.ts')
const { openConsole } = await import('../src-main/core/index.ts')
const { startWebHost } = await import('../src-main/web/web-host.ts')

const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-screenshot-'))
const cleanups = []
const cleanup = async () => {
  for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('cleanup:', err.message))
  rmSync(dataDir, { recursive: true, force: true })
}

try {
  // A busy morning so the queue fills within seconds.
  const hub = await startDemoHub({ dataDir, projectRoot: root, rate: 4 })
  cleanups.push(() => hub.stop())
  const core = await openConsole({ dataDir, hubUrl: hub.url, token: hub.token, demo: true })
  cleanups.push(() => core.close())
  const web = await startWebHost({
    api: core.api,
    rendererDir,
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
  cleanups.push(() => web.close())

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--ignore-gpu-blocklist', '--disable-background-networking']
  })
  cleanups.push(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 })
  page.on('pageerror', (err) => console.error('page error:', err.message))
  await page.goto(web.operatorUrl)
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="queue-row"]').length >= n, MIN_ROWS, {
    timeout: 90_000
  })
  // Let the map draw its grids and markers first; select last, so the chosen case is still the
  // newest in view when the picture is taken (new cases keep arriving above it).
  await page.waitForTimeout(2500)
  await page.keyboard.press('j')
  await page.waitForSelector('[data-testid="detail"] .timeline, [data-testid="detail"] .detail__body', { timeout: 20_000 })
  for (const key of EXTRA_KEYS) {
    await page.keyboard.press(key)
    await page.waitForTimeout(1000)
  }
  await page.waitForTimeout(400)
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
} catch (err) {
  console.error('screenshot failed:', err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await cleanup()
}
