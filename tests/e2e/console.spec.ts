// End to end in Debian's Chromium: a reference hub, the console core and the web host run in this
// process; the dispatcher console is driven by keys alone. An incident from the hub shows in the
// queue and on the map, is accepted and dispatched, the hub records it, and the state survives a
// page reload and a console restart (with the hub gone, so it can only come from the cache).
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { Incident, Unit } from '../../src-shared/protocol'
import { startFaultProxy } from '../helpers/fault-proxy'
import {
  callerFor,
  FIXTURE_UNITS_PATH,
  reportIncidents,
  startTestHub,
  TEST_TOKENS,
  type TestHub
} from '../helpers/start-hub'

const RENDERER_DIR = path.resolve('out/renderer')

let hub: TestHub | null = null
let core: ConsoleCore | null = null
let web: WebHost | null = null
let dataDir = ''

async function startConsole(hubUrl: string): Promise<WebHost> {
  await stopConsole()
  core = await openConsole({ dataDir, hubUrl, token: TEST_TOKENS.dispatcher })
  web = await startWebHost({
    api: core.api,
    rendererDir: RENDERER_DIR,
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
  return web
}

async function stopConsole(): Promise<void> {
  await web?.close()
  web = null
  await core?.close()
  core = null
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-console-'))
  hub = await startTestHub()
})

test.afterAll(async () => {
  await stopConsole()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-id="${id}"]`)

/** The map publishes its centre on its container as "lng,lat". */
async function mapCentre(page: Page): Promise<[number, number]> {
  const centre = await page.getByTestId('map-canvas').getAttribute('data-center')
  const [lng, lat] = (centre ?? 'NaN,NaN').split(',').map(Number)
  return [lng ?? NaN, lat ?? NaN]
}

test('keys alone accept and dispatch a live incident, and the state survives reload and restart', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const liveHub = hub as TestHub
  const host = await startConsole(liveHub.url)
  await page.goto(host.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')

  // Two cases from the field, both waiting for 受理: the one waiting longest (reported first) heads the queue.
  const [first, second] = (await reportIncidents(liveHub.hub, 2)) as [Incident, Incident]
  await expect(row(page, first.id)).toBeVisible()
  await expect(row(page, second.id)).toBeVisible()
  await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', first.id)

  // j selects it, Enter centres the map on it.
  await page.keyboard.press('j')
  await expect(row(page, first.id)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => {
      const [lng, lat] = await mapCentre(page)
      return Math.abs(lng - first.location.lng) + Math.abs(lat - first.location.lat)
    })
    .toBeLessThan(1e-4)
  // Select the other case, then click the map centre: the marker drawn there selects the first case.
  await page.keyboard.press('j')
  await expect(row(page, second.id)).toHaveAttribute('aria-selected', 'true')
  const box = await page.getByTestId('map-canvas').boundingBox()
  if (!box) throw new Error('map canvas has no box')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(row(page, first.id)).toHaveAttribute('aria-selected', 'true')

  // a: accept; the row follows the hub's answer.
  await page.keyboard.press('a')
  await expect(row(page, first.id).locator('.status')).toHaveText('已立案')

  // d, type the unit, Enter: dispatch.
  const streetCode = first.gridCode.slice(0, 9)
  const units = JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')) as Unit[]
  const unit = units.find((u) => u.kind === 'street_dept' && u.streetCode === streetCode)
  if (!unit) throw new Error(`fixture has no street department in ${streetCode}`)
  await page.keyboard.press('d')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await page.keyboard.type(unit.name)
  await expect(dialog.getByTestId('picker-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣')

  const recorded = await liveHub.hub.store.getIncident(first.id)
  expect(recorded?.status).toBe('dispatched')
  expect(recorded?.assignees).toEqual([unit.id])

  // The detail shows the assignee by name and the timeline, newest first.
  await expect(page.getByTestId('detail')).toContainText(unit.name)
  await expect(page.locator('.timeline__action').first()).toHaveText('派遣')

  // A page reload: the state comes back from the console core.
  await page.reload()
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣')

  // A console restart with the hub gone: only the local cache can show it now.
  await stopConsole()
  const hubUrl = liveHub.url
  await liveHub.stop()
  hub = null
  const restarted = await startConsole(hubUrl)
  await page.goto(restarted.operatorUrl)
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣')
  await expect(row(page, second.id).locator('.status')).toHaveText('待受理')
  await expect(page.getByTestId('connection')).not.toHaveText('在线')
  expect(errors).toEqual([])
})

test('a command that lost the race shows the conflict with the current state, and x discards it', async ({ page }) => {
  const ownHub = await startTestHub()
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: ownHub.hub.port })
  const ownDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-conflict-'))
  const saved = dataDir
  dataDir = ownDir
  try {
    const host = await startConsole(proxy.url)
    await page.goto(host.operatorUrl)
    const [incident] = (await reportIncidents(ownHub.hub, 1)) as [Incident]
    await expect(row(page, incident.id)).toBeVisible()
    await page.keyboard.press('j')

    // The hall's line drops; the dispatcher accepts anyway: the command waits in the outbox.
    proxy.setMode({ kind: 'down' })
    await expect(page.getByTestId('connection')).not.toHaveText('在线')
    await page.keyboard.press('a')
    await expect(row(page, incident.id).getByTestId('pending-marker')).toHaveText(/待发送|发送中/)
    await expect(page.getByTestId('outbox-count')).toHaveText('待发送 1')

    // Meanwhile another seat accepts the same case at the hub.
    const other = callerFor(ownHub.hub, TEST_TOKENS.lead, 'c-other-seat')
    const accepted = await ownHub.hub.command(
      { commandId: randomUUID(), type: 'accept', incidentId: incident.id, expectedVersion: incident.version, payload: {}, issuedAt: new Date().toISOString() },
      other
    )
    expect(accepted.answer.ok).toBe(true)

    // The line comes back: our accept meets a newer version and is held as a conflict.
    proxy.setMode({ kind: 'pass' })
    await expect(row(page, incident.id).getByTestId('pending-marker')).toHaveText('版本冲突')
    const problem = page.getByTestId('held-problem')
    await expect(problem).toContainText('立案 未执行：案件已被他人修改')
    await expect(problem).toContainText('已立案（版本 2）')
    await expect(row(page, incident.id).locator('.status')).toHaveText('已立案')

    // x: give it up; the marker and the held count go away.
    await page.keyboard.press('x')
    await expect(row(page, incident.id).getByTestId('pending-marker')).toHaveCount(0)
    await expect(page.getByTestId('outbox-count')).toHaveText('待发送 0')
  } finally {
    await stopConsole()
    dataDir = saved
    await proxy.close()
    await ownHub.stop()
    rmSync(ownDir, { recursive: true, force: true })
  }
})
