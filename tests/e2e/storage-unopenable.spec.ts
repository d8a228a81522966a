// End to end in Chromium, browser mode (issue 12): a cache that cannot be opened at start (a
// directory where the file should be) does not stop the console. The page opens with the storage
// alarm in the status bar and on the wall, and once the directory is gone the real cache opens
// by itself and the hub's cases appear, with no reload.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { CACHE_FILE } from '../../src-main/core/console-service'
import { silentLog } from '../../src-main/core/log'
import { startBrowserApp, type BrowserApp } from '../../src-main/web/browser-app'
import { startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

let hub: TestHub | null = null
let app: BrowserApp | null = null
let dataDir = ''
const shots = path.resolve('test-results/storage-unopenable')

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-unopenable-'))
  mkdirSync(shots, { recursive: true })
  hub = await startTestHub({ seedIncidents: 3 })
})

test.afterAll(async () => {
  await app?.close()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('starts with the storage alarm when the cache cannot be opened, and recovers by itself', async ({ page, browser }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  mkdirSync(path.join(dataDir, CACHE_FILE))
  app = await startBrowserApp({
    dataDir,
    overrides: { hub: { url: (hub as TestHub).url, token: TEST_TOKENS.dispatcher }, demo: false, sources: [] },
    rendererDir: path.resolve('out/renderer'),
    startDemo: () => Promise.reject(new Error('the demo is not used in this test')),
    log: silentLog
  })
  await page.goto(app.web.operatorUrl)
  const wall = await browser.newPage()
  await wall.goto(app.web.wallUrl)
  await expect(page.getByTestId('storage-alarm')).toHaveText(/缓存文件无法打开/, { timeout: 15_000 })
  await expect(wall.getByTestId('wall-storage')).toBeVisible({ timeout: 15_000 })
  await page.screenshot({ path: path.join(shots, 'console-standby.png') })
  await wall.screenshot({ path: path.join(shots, 'wall-standby.png') })

  rmSync(path.join(dataDir, CACHE_FILE), { recursive: true })
  await expect(page.getByTestId('storage-alarm')).toHaveCount(0, { timeout: 30_000 })
  await expect(wall.getByTestId('wall-storage')).toHaveCount(0, { timeout: 15_000 })
  await expect(page.getByTestId('connection')).toHaveText('在线', { timeout: 15_000 })
  await expect(page.getByTestId('queue-row')).toHaveCount(3, { timeout: 15_000 })
  await page.screenshot({ path: path.join(shots, 'console-recovered.png') })
  await wall.close()
  expect(errors).toEqual([])
})
