// End to end in Debian's Chromium, browser mode (issue 12): a fresh data folder shows the first-run
// screen; by keys alone a refused token is named, then the right one connects to a real hub and a
// case from the field appears; after a restart on the same folder the console connects without asking.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import type { Incident } from '../../src-shared/protocol'
import { silentLog } from '../../src-main/core/log'
import { startBrowserApp, type BrowserApp } from '../../src-main/web/browser-app'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

const RENDERER_DIR = path.resolve('out/renderer')

let hub: TestHub | null = null
let app: BrowserApp | null = null
let dataDir = ''

function start(): Promise<BrowserApp> {
  return startBrowserApp({
    dataDir,
    overrides: { hub: null, demo: false, sources: [] },
    rendererDir: RENDERER_DIR,
    startDemo: () => Promise.reject(new Error('the demo is not used in this test')),
    log: silentLog
  })
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-firstrun-'))
  hub = await startTestHub()
})

test.afterAll(async () => {
  await app?.close()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('first run by keyboard connects to a real hub; the next start connects without asking', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const liveHub = hub as TestHub
  app = await start()
  await page.goto(app.web.operatorUrl)
  await expect(page.getByTestId('first-run')).toBeVisible()
  await page.screenshot({ path: 'test-results/first-run-choose.png' })

  // 2: connect to a hub; the address field has the focus.
  await page.keyboard.press('2')
  await expect(page.getByTestId('hub-url')).toBeFocused()
  await page.keyboard.type(liveHub.url)
  await page.keyboard.press('Tab')
  await page.keyboard.type('a-token-the-hub-refuses')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('hub-status')).toHaveText(/拒绝了该令牌/)
  await page.screenshot({ path: 'test-results/first-run-refused.png' })

  // The right token: tested, saved, and the console opens on the hub.
  await page.getByTestId('hub-token').focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(TEST_TOKENS.dispatcher)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('connection')).toHaveText('在线')
  const [incident] = (await reportIncidents(liveHub.hub, 1)) as [Incident]
  await expect(page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)).toBeVisible()
  expect(statSync(path.join(dataDir, 'settings.json')).mode & 0o777).toBe(0o600)

  // The settings panel on `,` shows the saved hub and the log folder.
  await page.keyboard.press(',')
  await expect(page.getByTestId('settings-panel')).toBeVisible()
  await expect(page.getByTestId('settings-current-hub')).toContainText(liveHub.url)
  await page.screenshot({ path: 'test-results/settings-panel.png' })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('settings-panel')).toBeHidden()

  // Restart on the same data folder: no first-run screen, straight to the hub.
  await app.close()
  app = await start()
  await page.goto(app.web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')
  await expect(page.getByTestId('first-run')).toHaveCount(0)
  await expect(page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)).toBeVisible()
  expect(errors).toEqual([])
})
