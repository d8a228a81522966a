// The real Electron app, driven by Playwright's _electron: launch out/main/index.js against a test
// hub, see a reported incident in the console window, accept (a) and dispatch (d) it by keys.
// Runs only where an Electron binary exists; on these build PCs it is skipped with the reason.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import type { Incident, Unit } from '../../src-shared/protocol'
import { FIXTURE_UNITS_PATH, reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

/** Same test as scripts/start.mjs: the package's path.txt names a binary that is really there. */
function electronBinary(): string | null {
  const dir = path.resolve('node_modules/electron')
  const pathFile = path.join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

const binary = electronBinary()
test.skip(!binary, 'Electron binary not installed on this machine')

let hub: TestHub | null = null
let app: ElectronApplication | null = null
let dataDir = ''

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-electron-'))
  hub = await startTestHub()
})

test.afterAll(async () => {
  await app?.close()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('the Electron console shows a live incident; a then d accept and dispatch it', async () => {
  const liveHub = hub as TestHub
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [path.resolve('out/main/index.js'), '--hub', liveHub.url],
    env: { ...process.env, GCC_DATA_DIR: dataDir, GCC_HUB_TOKEN: TEST_TOKENS.dispatcher }
  })
  const page = await app.firstWindow()
  expect(page.url()).toMatch(/^app:\/\/console\//)
  // The preload exposes the API object and nothing of Node or Electron.
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  expect(await page.evaluate(() => typeof (globalThis as { gccApi?: unknown }).gccApi)).toBe('object')
  await expect(page.getByTestId('connection')).toHaveText('在线')

  const [incident] = (await reportIncidents(liveHub.hub, 1)) as [Incident]
  const row = page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)
  await expect(row).toBeVisible()
  await page.keyboard.press('j')
  await expect(row).toHaveAttribute('aria-selected', 'true')

  await page.keyboard.press('a')
  await expect(row.locator('.status')).toHaveText('已立案')

  const units = JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')) as Unit[]
  const unit = units.find((u) => u.kind === 'street_dept' && u.streetCode === incident.gridCode.slice(0, 9))
  if (!unit) throw new Error('fixture has no street department for the incident')
  await page.keyboard.press('d')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await page.keyboard.type(unit.name)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(row.locator('.status')).toHaveText('已派遣')
  expect((await liveHub.hub.store.getIncident(incident.id))?.status).toBe('dispatched')

  // window.open and navigation are denied by main.
  await page.evaluate(() => window.open('https://example.com/'))
  expect(app.windows().length).toBe(1)
})
