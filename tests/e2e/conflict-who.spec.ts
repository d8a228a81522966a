// Who got there first, end to end (issue 16), in Chromium: the seat (张调度) accepts a case online,
// its line drops, and it dispatches offline. Meanwhile a second client through the hub, another
// console on the lead's token (王值班长), dispatches the same case. When the seat's line is back its
// dispatch is held, and the held command says who did what and when ("王值班长 14:05:07 已派遣"), that
// the case has moved past it (press x), and the flash never says 已提交 for it; x drops it.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { Incident, Unit } from '../../src-shared/protocol'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { FIXTURE_UNITS_PATH, reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

let dir = ''
let hub: TestHub | null = null
let proxy: FaultProxy | null = null
let seat: ConsoleCore | null = null
let lead: ConsoleCore | null = null
let web: WebHost | null = null

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-who-'))
  hub = await startTestHub()
  proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
  mkdirSync(path.join(dir, 'seat'))
  mkdirSync(path.join(dir, 'lead'))
  seat = await openConsole({ dataDir: path.join(dir, 'seat'), hubUrl: proxy.url, token: TEST_TOKENS.dispatcher })
  web = await startWebHost({
    api: seat.api,
    rendererDir: path.resolve('out/renderer'),
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
})

test.afterAll(async () => {
  await web?.close()
  await seat?.close()
  await lead?.close()
  await proxy?.close()
  await hub?.stop()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-id="${id}"]`)

/** "HH:MM" of an instant in the centre's time (UTC+8, the fixture calendar), as the console shows it. */
function centreHourMinute(iso: string): string {
  const d = new Date(Date.parse(iso) + 480 * 60_000)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

test('the seat’s held dispatch names the other dispatcher and the time, and offers x', async ({ page }) => {
  test.setTimeout(240_000)
  if (!hub || !proxy || !seat || !web) throw new Error('not started')
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const [incident] = (await reportIncidents(hub.hub, 1)) as [Incident]
  const units = JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')) as Unit[]
  const street = incident.gridCode.slice(0, 9)
  // Two departments of the case's street (grid workers' names repeat across streets, and may need a reason).
  const [mine, theirs] = units.filter((u) => u.streetCode === street && u.kind === 'street_dept')
  if (!mine || !theirs) throw new Error('the fixture needs two departments in the case’s street')

  await page.goto(web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')
  await expect(row(page, incident.id)).toBeVisible()
  await page.keyboard.press('j')
  await expect(row(page, incident.id)).toHaveAttribute('aria-selected', 'true')

  // Online: 立案, and the claim that follows it, both land.
  await page.keyboard.press('a')
  await expect(page.getByTestId('detail-status')).toHaveText('已立案')
  await expect.poll(async () => (await hub?.hub.store.getIncident(incident.id))?.claimedBy?.userId, { timeout: 30_000 }).toBe('user-dispatcher')
  await expect.poll(() => seat?.debug.outbox.list().length, { timeout: 30_000 }).toBe(0)

  // The seat's line drops; it dispatches anyway: the command waits.
  proxy.setMode({ kind: 'down' })
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 60_000 })
  await page.keyboard.press('d')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await page.keyboard.type(mine.name)
  await expect(dialog.getByTestId('picker-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('detail-status')).toHaveText('已派遣（待发送）')
  await expect(page.getByTestId('flash')).toContainText('已加入待发送')

  // Another client through the hub, on the lead's token, dispatches the same case first.
  lead = await openConsole({ dataDir: path.join(dir, 'lead'), hubUrl: hub.url, token: TEST_TOKENS.lead })
  await expect.poll(async () => (await lead?.api.getIncident(incident.id))?.version ?? 0, { timeout: 30_000 }).toBeGreaterThan(incident.version)
  const seen = await lead.api.getIncident(incident.id)
  if (!seen) throw new Error('the lead does not see the case')
  const issued = await lead.api.issueCommand({ type: 'dispatch', incidentId: incident.id, expectedVersion: seen.version, payload: { unitIds: [theirs.id] } })
  expect(issued.ok).toBe(true)
  await expect.poll(async () => (await hub?.hub.store.getIncident(incident.id))?.status, { timeout: 30_000 }).toBe('dispatched')
  const stored = await hub.hub.store.getIncident(incident.id)
  const theirAct = stored?.timeline.at(-1)
  if (!theirAct) throw new Error('no timeline')
  expect(theirAct.actor.name).toBe('王值班长')

  // The seat's line is back: its dispatch meets a newer version and is held, saying who and when.
  proxy.setMode({ kind: 'pass' })
  await expect(row(page, incident.id).getByTestId('pending-marker')).toHaveText('版本冲突', { timeout: 60_000 })
  const problem = page.getByTestId('held-problem')
  await expect(problem).toContainText('派遣 未执行')
  const story = problem.getByTestId('conflict-story')
  await expect(story).toContainText(new RegExp(`王值班长 ${centreHourMinute(theirAct.at)}(:\\d\\d)? 已派遣`))
  await expect(problem.getByTestId('conflict-next')).toContainText('按 x 放弃此命令')
  // The case as shown is the hub's again (the lead's dispatch), and the flash says it was rolled back.
  await expect(page.getByTestId('detail-status')).toHaveText('已派遣')
  await expect(page.getByTestId('flash')).toContainText('已撤回')
  await expect(page.getByTestId('flash')).not.toContainText('已提交')
  await page.screenshot({ path: 'test-results/conflict-who.png' })

  // x: give it up; the hub keeps the lead's dispatch to the lead's unit.
  await page.keyboard.press('x')
  await expect(row(page, incident.id).getByTestId('pending-marker')).toHaveCount(0)
  await expect(page.getByTestId('outbox-count')).toHaveText('待发送 0')
  expect((await hub.hub.store.getIncident(incident.id))?.assignees).toEqual([theirs.id])
  expect(errors).toEqual([])
})
