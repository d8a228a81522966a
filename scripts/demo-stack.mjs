// The demo stack the picture scripts shoot: the reference hub with its simulator (a child
// process), the console core and the local web host, plus Debian's Chromium. Builds the
// renderer first when it is missing (or with --build). One place, so both pictures show the
// same console the README describes.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { chromium } from '@playwright/test'

register()
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const rendererDir = path.join(root, 'out', 'renderer')

/**
 * Starts everything; `run(ctx)` gets { web, page, root } and the stack is torn down after it.
 * hallDelayScale: how fast the simulated hall works cases (src-hub/README.md, --hall-delay-scale).
 */
export async function withDemoStack({ name, rate, viewport, hallDelayScale }, run) {
  if (!existsSync(path.join(rendererDir, 'index.html')) || process.argv.includes('--build')) {
    console.log('building the renderer (electron-vite build)…')
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  const { startDemoHub } = await import('../src-main/core/demo-hub.ts')
  const { openConsole } = await import('../src-main/core/index.ts')

  const dataDir = mkdtempSync(path.join(tmpdir(), `gcc-${name}-`))
  const cleanups = []
  try {
    const hub = await startDemoHub({ dataDir, projectRoot: root, rate, hallDelayScale })
    cleanups.push(() => hub.stop())
    const core = await openConsole({ dataDir, hubUrl: hub.url, token: hub.token, demo: true })
    cleanups.push(() => core.close())
    const { web, page } = await openConsolePage({ api: core.api, rendererDir, viewport, cleanups })
    await run({ web, page, root })
  } catch (err) {
    console.error(`${name} failed:`, err instanceof Error ? err.message : err)
    process.exitCode = 1
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('cleanup:', err.message))
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * The local web host over a console core's api, and Debian's Chromium with one page at `viewport`;
 * each is torn down by a function pushed onto `cleanups` (run them in reverse).
 */
export async function openConsolePage({ api, rendererDir, viewport, cleanups }) {
  const { startWebHost } = await import('../src-main/web/web-host.ts')
  const web = await startWebHost({
    api,
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
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 })
  page.on('pageerror', (err) => console.error('page error:', err.message))
  return { web, page }
}
