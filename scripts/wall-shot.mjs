// `node scripts/wall-shot.mjs`: starts the demo stack (reference hub with its simulator as a child
// process, the console core, the local web host), opens the wall with the viewer token in Debian's
// Chromium, waits for live cases, and writes docs/wall.png at 1920×1080 (a wall screen).
// The wall is opened with follow=0 so the picture shows the whole district, not one street.
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
const out = path.resolve(process.env.WALL_SHOT_OUT ?? path.join(root, 'docs', 'wall.png'))
const rendererDir = path.join(root, 'out', 'renderer')
const MIN_CASES = Number(process.env.WALL_SHOT_MIN_CASES ?? 80)

if (!existsSync(path.join(rendererDir, 'index.html')) || process.argv.includes('--build')) {
  console.log('building the renderer (electron-vite build)…')
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

const { startDemoHub } = await import('../src-main/core/demo-hub.ts')
const { openConsole } = await import('../src-main/core/index.ts')
const { startWebHost } = await import('../src-main/web/web-host.ts')

const dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-wall-shot-'))
const cleanups = []
const cleanup = async () => {
  for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('cleanup:', err.message))
  rmSync(dataDir, { recursive: true, force: true })
}

try {
  // A busy morning, so the district fills within a minute.
  const hub = await startDemoHub({ dataDir, projectRoot: root, rate: 5 })
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
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 })
  page.on('pageerror', (err) => console.error('page error:', err.message))
  await page.goto(`${web.wallUrl}&follow=0`)
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-incidents') ?? 0) >= n,
    MIN_CASES,
    { timeout: 150_000 }
  )
  // Let tiles, labels and the grid shading settle.
  await page.waitForTimeout(3000)
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
} catch (err) {
  console.error('wall shot failed:', err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  await cleanup()
}
