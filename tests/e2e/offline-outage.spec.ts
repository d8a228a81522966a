// A real outage end to end (issue 16), in Chromium: the hub runs as its own process and is frozen with
// SIGSTOP (its sockets stay open and nothing answers, as when the hall's line hangs). The dispatcher,
// keys only, accepts a case and then dispatches it while the hub is frozen: the optimistic view shows
// 已立案（待发送） and lets 派遣 follow, the console's banner says the link is down and two commands
// wait, and a page reload keeps all that. After more than a minute the hub goes on (SIGCONT): both commands land, and the hub's own
// record (read from its database after it stopped) holds each exactly once, with the time the
// dispatcher issued it beside the time the hub applied it (rev 1.7). DOCS_SHOT=1 writes
// docs/console-offline.png (the banner and the 待发送 status) for a person to look at.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { Incident, Unit } from '../../src-shared/protocol'
import { spawnHubProcess, withHubDb, type HubProcess } from '../helpers/hub-process'
import { FIXTURE_UNITS_PATH, reportIncidents, TEST_TOKENS } from '../helpers/start-hub'

let dir = ''
let dbPath = ''
let hub: HubProcess | null = null
let core: ConsoleCore | null = null
let web: WebHost | null = null
let seeded: Incident[] = []

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-outage-'))
  dbPath = path.join(dir, 'hub', 'hub.sqlite')
  mkdirSync(path.dirname(dbPath), { recursive: true })
  // Two cases from the field, written by the hub's own code before its process starts.
  seeded = await withHubDb(dbPath, (h) => reportIncidents(h.hub, 2))
  hub = await spawnHubProcess({ dbPath })
  const dataDir = path.join(dir, 'console')
  mkdirSync(dataDir)
  // A heartbeat every second, so a hung link shows as 网络不稳 within seconds; the rest as shipped.
  core = await openConsole({ dataDir, hubUrl: hub.url, token: TEST_TOKENS.dispatcher, timing: { heartbeatMs: 1000, ackTimeoutMs: 3000 } })
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
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-id="${id}"]`)

test('hub frozen: accept then dispatch offline, banner, resume, each applied once with its issued time', async ({ page }) => {
  test.setTimeout(420_000)
  if (!hub || !core || !web) throw new Error('not started')
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const [first] = seeded as [Incident, Incident]
  const units = JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')) as Unit[]
  const unit = units.find((u) => u.kind === 'street_dept' && u.streetCode === first.gridCode.slice(0, 9))
  if (!unit) throw new Error('the fixture has no street department for the case')

  await page.goto(web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)
  // The case waiting longest heads the queue: j selects it.
  await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', first.id)
  await page.keyboard.press('j')
  await expect(row(page, first.id)).toHaveAttribute('aria-selected', 'true')

  // The hub hangs. The banner comes up on the first missed heartbeat (网络不稳), before any command.
  hub.freeze()
  const banner = page.getByTestId('offline-banner')
  await expect(banner).toBeVisible({ timeout: 60_000 })

  // a: 立案, queued. The case shows accepted-but-waiting, and 派遣 is allowed on it.
  await page.keyboard.press('a')
  await expect(page.getByTestId('detail-status')).toHaveText('已立案（待发送）')
  await expect(row(page, first.id).getByTestId('pending-marker')).toHaveText(/待发送|发送中/)
  // a again: nothing more is queued (the case as shown is already accepted).
  await page.keyboard.press('a')
  await page.keyboard.press('d')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await page.keyboard.type(unit.name)
  await expect(dialog.getByTestId('picker-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('detail-status')).toHaveText('已派遣（待发送）')
  await expect(page.getByTestId('offline-waiting')).toHaveText('2 条命令待发送')
  const queued = core.debug.outbox.list().map((e) => e.command)
  expect(queued.map((c) => c.type)).toEqual(['accept', 'dispatch'])
  const [accept, dispatch] = queued as [(typeof queued)[number], (typeof queued)[number]]
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣（待发送）')

  // A reload during the outage (the page comes from this PC's console, not the hub): the waiting
  // commands are still shown as done, in the row and in the detail.
  await page.reload()
  await expect(banner).toBeVisible()
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣（待发送）')
  await page.keyboard.press('j')
  await expect(row(page, first.id)).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByTestId('detail-status')).toHaveText('已派遣（待发送）')

  // socket.io gives up on the silent hub after its ping timeout: the banner turns to 离线.
  await expect(banner).toHaveAttribute('data-level', 'offline', { timeout: 150_000 })
  await expect(banner).toContainText('离线')
  await expect(banner).toContainText('距上次联系')
  await expect(banner).toContainText('2 条命令待发送')
  await expect(row(page, first.id).getByTestId('pending-marker')).toHaveText('待发送')
  await page.screenshot({ path: 'test-results/console-offline.png' })
  if (process.env.DOCS_SHOT === '1') await page.screenshot({ path: 'docs/console-offline.png' })

  // Frozen for more than a minute after both were issued, so issued and applied times differ (rev 1.7).
  const waitMore = Date.parse(dispatch.issuedAt) + 65_000 - Date.now()
  if (waitMore > 0) await page.waitForTimeout(waitMore)
  hub.thaw()

  await expect(banner).toHaveCount(0, { timeout: 120_000 })
  await expect(row(page, first.id).getByTestId('pending-marker')).toHaveCount(0, { timeout: 60_000 })
  await expect(page.getByTestId('detail-status')).toHaveText('已派遣')
  await expect(row(page, first.id).locator('.status')).toHaveText('已派遣')
  // The claim on accept follows once the 立案 and the seat's own 派遣 are both applied (ClaimChain
  // waits for the seat's commands on the case), and nothing is left in the outbox or held.
  await expect.poll(async () => (await core?.api.getIncident(first.id))?.claimedBy?.userId ?? null, { timeout: 60_000 }).not.toBeNull()
  await expect.poll(() => core?.debug.outbox.list().map((e) => `${e.command.type}:${e.state}`), { timeout: 60_000 }).toEqual([])
  await expect(page.getByTestId('outbox-count')).toHaveText('待发送 0')
  // The timeline says when each was issued, not only when the hub applied it.
  await expect(page.getByTestId('timeline-issued')).toHaveCount(2)

  // The hub's own record, read from its database once it has stopped.
  expect(await hub.stop()).toBe(0)
  await withHubDb(dbPath, async (h) => {
    const stored = await h.hub.store.getIncident(first.id)
    if (!stored) throw new Error('the case is gone from the hub')
    expect(stored.status).toBe('dispatched')
    expect(stored.assignees).toEqual([unit.id])
    const entries = (commandId: string) => stored.timeline.filter((e) => e.commandId === commandId)
    expect(entries(accept.commandId)).toHaveLength(1)
    expect(entries(dispatch.commandId)).toHaveLength(1)
    for (const command of [accept, dispatch]) {
      const [entry] = entries(command.commandId)
      expect(entry?.issuedAt).toBe(command.issuedAt)
      expect(Date.parse(entry?.at ?? '') - Date.parse(command.issuedAt)).toBeGreaterThan(60_000)
    }
    expect(stored.timeline.filter((e) => e.action === 'accept')).toHaveLength(1)
    expect(stored.timeline.filter((e) => e.action === 'dispatch')).toHaveLength(1)
    // Claimed for this seat once, after both (the same work done online claims too).
    expect(stored.claimedBy).not.toBeNull()
    expect(stored.timeline.filter((e) => e.action === 'claim')).toHaveLength(1)
    // The other case was left alone.
    expect((await h.hub.store.getIncident(seeded[1]?.id ?? ''))?.status).toBe('reported')
  })
  expect(errors).toEqual([])
})
