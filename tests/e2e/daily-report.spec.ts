// End to end in Debian's Chromium for the 日报 (issue 10): Shift+R opens the day's report by keyboard;
// `p` goes the printing path (browser mode: the host says it cannot, the browser's print is used); the
// page printed to A4 (Playwright page.pdf, as the browser prints it) holds the day's figures — the
// street total of cases received, as getFigures counts them — and the overdue case's code.
// It also writes docs/daily-report.pdf, as the handover e2e writes docs/shift-report.pdf.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'
import { callerFor, reportIncidents, TEST_TOKENS } from '../helpers/start-hub'

const UNIT = 'u-san-110101001'
const DAY = 86_400_000
/** The hub's clock offset: set back ten days while the overdue case is reported and dispatched. */
let skew = 0
let stack: E2eStack | null = null

test.afterAll(async () => {
  await stack?.close()
})

test('Shift+R opens the 日报; printed on A4 it holds the day’s figures and the overdue case', async ({ browser }) => {
  stack = await startE2eStack('daily-report', { hub: { now: () => new Date(Date.now() + skew) } })
  const { hub, core } = stack
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  // window.print() is counted, not run: the PDF is made with page.pdf below, as the browser would print it.
  await page.addInitScript(() => {
    const w = window as unknown as { print: () => void; printed: number }
    w.printed = 0
    w.print = () => {
      w.printed += 1
    }
  })
  await page.goto(stack.web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')

  // A case reported, accepted and dispatched ten days ago: long past its deadline, so overdue now.
  skew = -10 * DAY
  const [old] = await reportIncidents(hub.hub, 1)
  if (!old) throw new Error('no case reported')
  const lead = callerFor(hub.hub, TEST_TOKENS.dispatcher, 'c-e2e-other')
  const at = (): string => new Date(Date.now() + skew).toISOString()
  expect((await hub.hub.command({ commandId: randomUUID(), type: 'accept', incidentId: old.id, expectedVersion: old.version, payload: {}, issuedAt: at() }, lead)).answer.ok).toBe(true)
  expect(
    (await hub.hub.command({ commandId: randomUUID(), type: 'dispatch', incidentId: old.id, expectedVersion: old.version + 1, payload: { unitIds: [UNIT] }, issuedAt: at() }, lead)).answer
      .ok
  ).toBe(true)
  skew = 0
  // And three reported today: the day's figures.
  await reportIncidents(hub.hub, 3)
  await expect(page.getByTestId('queue-count')).toHaveText('4 件')

  await page.keyboard.press('Shift+R')
  const view = page.getByTestId('daily-report')
  await expect(view).toBeVisible()
  await expect(view.getByTestId('daily-overdue')).toContainText(old.code)
  await expect(view.getByTestId('daily-streets')).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('daily-report-screen.png') })

  // p: the printing path; in browser mode the host cannot print, so the browser's print is called.
  await page.keyboard.press('p')
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

  await page.emulateMedia({ media: 'print' })
  const pdfPath = path.resolve('docs/daily-report.pdf')
  await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true, printBackground: false })
  await page.emulateMedia({ media: 'screen' })
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })

  const now = Date.now()
  const start = now - ((now + 8 * 3_600_000) % DAY)
  const figures = await core.api.getFigures({ from: new Date(start).toISOString(), to: new Date(start + DAY).toISOString(), by: 'street' })
  expect(figures.total.counts.received).toBe(3)
  const day = new Date(start + 8 * 3_600_000).toISOString().slice(0, 10)
  expect(text).toContain(`日报 ${day}`)
  expect(text).toContain('超期案件（1 件')
  expect(text).toContain(old.code)
  // The street table's total row: 合计, 受理 (received) first.
  expect(text).toMatch(new RegExp(`合计\\s+${figures.total.counts.received}\\s+${figures.total.counts.accepted}\\s`))
  expect(text).toContain('按处置单位')
  expect(errors).toEqual([])
})
