// End to end in Debian's Chromium for the shift lead: a reference hub and two console cores (two leads,
// each with its own web host and page). Lead 1 suspends and resumes a case, then hands over every open
// case by keyboard as ONE packet (rev 1.5); lead 1 sees 已交班 and cannot hand over twice; lead 2 sees
// the badge and acknowledges it once; the hub records it and lead 1 sees 已接班.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { Handover, Incident } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

const RENDERER_DIR = path.resolve('out/renderer')

type Seat = { core: ConsoleCore; web: WebHost; dir: string }
let hub: TestHub | null = null
const seats: Seat[] = []

async function openSeat(token: string): Promise<Seat> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-lead-'))
  const core = await openConsole({ dataDir: dir, hubUrl: (hub as TestHub).url, token })
  const web = await startWebHost({
    api: core.api,
    rendererDir: RENDERER_DIR,
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
  const seat = { core, web, dir }
  seats.push(seat)
  return seat
}

test.beforeAll(async () => {
  hub = await startTestHub()
})

test.afterAll(async () => {
  for (const seat of seats.splice(0)) {
    await seat.web.close()
    await seat.core.close()
    rmSync(seat.dir, { recursive: true, force: true })
  }
  await hub?.stop()
})

const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-id="${id}"]`)

async function hubHandovers(): Promise<Handover[]> {
  const page = await (hub as TestHub).hub.store.changesSince(0, 5000, '*')
  return page.changes.filter((c) => c.entity === 'handover' && c.data !== null).map((c) => c.data as Handover)
}

test('a lead suspends and resumes, hands over every open case by keyboard, and a second lead acknowledges', async ({ browser }) => {
  const errors: string[] = []
  const liveHub = hub as TestHub
  const seat1 = await openSeat(TEST_TOKENS.lead)
  const seat2 = await openSeat(TEST_TOKENS.lead2)
  const page1 = await browser.newPage()
  const page2 = await browser.newPage()
  for (const page of [page1, page2]) page.on('pageerror', (err) => errors.push(err.message))
  // window.print() is counted, not run: the PDF is made with page.pdf below, as the browser would print it.
  await page2.addInitScript(() => {
    const w = window as unknown as { print: () => void; printed: number }
    w.printed = 0
    w.print = () => {
      w.printed += 1
    }
  })
  await page1.goto(seat1.web.operatorUrl)
  await page2.goto(seat2.web.operatorUrl)
  await expect(page1.getByTestId('connection')).toHaveText('在线')
  await expect(page2.getByTestId('connection')).toHaveText('在线')

  const cases = await reportIncidents(liveHub.hub, 5)
  await expect(page1.getByTestId('queue-count')).toHaveText('5 件')
  const first = await page1.getByTestId('queue-row').first().getAttribute('data-id')
  if (!first) throw new Error('no first row')

  // p, a reason, Enter: suspended (挂账) at the hub; p again: resumed.
  await page1.keyboard.press('j')
  await page1.keyboard.press('p')
  await expect(page1.getByRole('dialog')).toContainText('挂账')
  await page1.keyboard.type('等待产权单位答复')
  await page1.keyboard.press('Enter')
  await expect(row(page1, first).locator('.status')).toHaveText('挂账')
  expect((await liveHub.hub.store.get('incident', first))?.status).toBe('suspended')
  await page1.keyboard.press('p')
  await expect(row(page1, first).locator('.status')).toHaveText('待受理')
  const resumed = (await liveHub.hub.store.get('incident', first)) as Incident
  expect(resumed.status).toBe('reported')
  expect(resumed.timeline.map((e) => e.action).slice(-2)).toEqual(['suspend', 'resume'])

  // g: the handover. A note on the first case, Enter through the list to the summary, a recipient, Enter.
  await page1.keyboard.press('g')
  const dialog = page1.getByRole('dialog')
  await expect(dialog.getByTestId('handover-count')).toHaveText('在办 5 件')
  await expect(dialog.getByTestId('handover-row')).toHaveCount(5)
  await page1.keyboard.type('已电话联系上报人')
  for (let i = 0; i < 5; i++) await page1.keyboard.press('Enter')
  await expect(dialog.getByTestId('handover-summary')).toBeFocused()
  await page1.keyboard.type('本班新报 5 件，均未派遣')
  await dialog.getByTestId('handover-to').selectOption('user-lead2')
  await dialog.getByTestId('handover-summary').focus()
  await page1.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page1.getByTestId('flash')).toContainText('提交交接')

  // rev 1.5: the hub holds every open case in ONE handover, whatever streets they lie in, items snapshotted.
  await expect.poll(async () => (await hubHandovers()).length).toBe(1)
  const [h] = await hubHandovers()
  if (!h) throw new Error('no handover')
  expect(h.items.map((i) => i.incidentId).sort()).toEqual(cases.map((c) => c.id).sort())
  expect(h.items.filter((i) => i.note === '已电话联系上报人')).toHaveLength(1)
  expect(h.items.every((i) => i.urgency !== undefined && i.streetCode !== undefined && i.overdue === false)).toBe(true)
  expect(h.streetCodes).toEqual([...new Set(cases.map((c) => c.gridCode.slice(0, 9)))].sort())
  expect(h).toMatchObject({ state: 'submitted', summary: '本班新报 5 件，均未派遣', from: { userId: 'user-lead' }, to: { userId: 'user-lead2' } })
  expect(h.shiftId).toMatch(/^\d{4}-\d{2}-\d{2}-S[123]$/)

  // The outgoing lead sees 已交班 and cannot hand the same shift over again.
  await page1.keyboard.press('g')
  await expect(dialog.getByTestId('handover-state')).toContainText('本班已交班')
  await dialog.getByTestId('handover-summary').fill('再交一次')
  await dialog.getByTestId('handover-summary').press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText('本班已交班，不能重复交班')
  await page1.keyboard.press('Escape')

  // Lead 2: the badge; g opens the one packet; a marks all, Enter acknowledges it once.
  await expect(page2.getByTestId('handover-badge')).toHaveText('待接班 1')
  await page2.keyboard.press('g')
  const incoming = page2.getByTestId('handover-incoming')
  await expect(incoming).toBeFocused()
  await expect(incoming).toContainText('王值班长')
  await expect(incoming.getByTestId('incoming-row')).toHaveCount(5)
  // r prints the 交接班记录 before it is acknowledged: A4 portrait, every open case's code in its text.
  await page2.keyboard.press('r')
  // Through printReport first (browser mode: the host says it cannot), then the browser's print.
  await expect.poll(() => page2.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
  await page2.emulateMedia({ media: 'print' })
  const pdfPath = path.resolve('docs/shift-report.pdf')
  await page2.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: false })
  await page2.emulateMedia({ media: 'screen' })
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
  expect(text).toContain('交接班记录')
  expect(text).toContain('本班新报 5 件，均未派遣')
  expect(text).toContain('已电话联系上报人')
  for (const c of cases) expect(text).toContain(c.code)
  await incoming.focus()
  await page2.keyboard.press('a')
  await page2.keyboard.press('Enter')
  await expect(page2.getByRole('dialog')).toBeHidden()
  await expect(page2.getByTestId('flash')).toContainText('确认交接')
  await expect(page2.getByTestId('handover-badge')).toHaveCount(0)
  await expect.poll(async () => (await hubHandovers()).every((x) => x.state === 'acknowledged' && x.items.every((i) => i.acknowledged))).toBe(true)

  // And lead 1 sees 已接班 with who took it over.
  await page1.keyboard.press('g')
  await expect(page1.getByRole('dialog').getByTestId('handover-state')).toContainText('李值班长 已接班')
  await page1.screenshot({ path: 'test-results/handover-acknowledged.png' })
  expect(errors).toEqual([])
})
