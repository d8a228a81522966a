// The storage alarm on screen: a real hub and console core whose cache writes fail through the
// fault-injecting SQLite layer; the console's status bar and the wall show the alarm (zh-CN, then
// en-US), a command is refused with the reason, and both clear once writes work again.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { failWrites, type WriteFault } from '../helpers/sqlite-faults'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

let hub: TestHub | null = null
let core: ConsoleCore | null = null
let web: WebHost | null = null
let dataDir = ''
const shots = path.resolve('test-results/storage-alarm')

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-storage-'))
  mkdirSync(shots, { recursive: true })
  hub = await startTestHub({ seedIncidents: 4 })
  core = await openConsole({
    dataDir,
    hubUrl: hub.url,
    token: TEST_TOKENS.dispatcher,
    timing: { storageRetryBaseMs: 200, storageRetryMaxMs: 800, heartbeatMs: 300 }
  })
  web = await startWebHost({
    api: core.api,
    rendererDir: path.resolve('out/renderer'),
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
})

test.afterAll(async () => {
  await web?.close()
  await core?.close()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Fails the cache's writes and makes the hub send something that must be written. */
async function fillDisk(c: ConsoleCore, h: TestHub): Promise<WriteFault> {
  const fault = failWrites(c.store.db, 'SQLITE_FULL')
  await reportIncidents(h.hub, 1)
  await expect.poll(() => c.debug.status().storage?.kind ?? null, { timeout: 10_000 }).toBe('full')
  return fault
}

async function showsAlarm(console: Page, wall: Page, text: RegExp, wallText: RegExp): Promise<void> {
  await expect(console.getByTestId('storage-alarm')).toHaveText(text, { timeout: 10_000 })
  await expect(wall.getByTestId('wall-storage')).toHaveText(wallText, { timeout: 10_000 })
}

test('a full disk shows on the status bar and the wall, in both languages, and clears on recovery', async ({ browser }) => {
  if (!core || !hub || !web) throw new Error('not started')
  const c = core
  const h = hub
  const consolePage = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  const wallPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
  await consolePage.goto(web.operatorUrl)
  await wallPage.goto(web.wallUrl)
  await expect(consolePage.getByTestId('connection')).toHaveText(/在线/, { timeout: 15_000 })

  let fault = await fillDisk(c, h)
  await showsAlarm(consolePage, wallPage, /本地存储故障：磁盘已满/, /本地存储故障（磁盘已满）/)
  await consolePage.screenshot({ path: path.join(shots, 'console-zh.png') })
  await wallPage.screenshot({ path: path.join(shots, 'wall-zh.png') })
  const refused = await c.api.issueCommand({ type: 'note', incidentId: (await c.api.getSnapshot()).incidents[0]?.id ?? 'x', payload: { text: '满盘' } })
  expect(refused.ok ? null : refused.error.code).toBe('storage')

  // Space returns: both alarms go away.
  fault.clear()
  await expect(consolePage.getByTestId('storage-alarm')).toHaveCount(0, { timeout: 15_000 })
  await expect(wallPage.getByTestId('wall-storage')).toHaveCount(0, { timeout: 15_000 })

  // The same in English (the setting is written while the disk still has room). The wall keeps its
  // own language, set by its URL, never by a seat: it is opened in English for this part.
  const switched = await c.api.updateSettings({ locale: 'en-US' })
  expect(switched.ok).toBe(true)
  await expect(consolePage.getByTestId('connection')).toHaveText(/Online/i, { timeout: 10_000 })
  await wallPage.goto(`${web.wallUrl}&lang=en-US`)
  fault = await fillDisk(c, h)
  await showsAlarm(consolePage, wallPage, /Storage fault: Disk full/, /Storage fault \(Disk full\)/)
  await consolePage.screenshot({ path: path.join(shots, 'console-en.png') })
  await wallPage.screenshot({ path: path.join(shots, 'wall-en.png') })
  fault.clear()
  await expect(consolePage.getByTestId('storage-alarm')).toHaveCount(0, { timeout: 15_000 })
})
