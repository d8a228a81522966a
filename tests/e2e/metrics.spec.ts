// End to end in Debian's Chromium for the metrics view (issue 10): open it with `q` by keyboard, pick
// 处置单位 (`4`), move to 当前超期 and drill from the unit's overdue count to its one case, open it (the
// queue selects it); then export the period's cases (今日) as CSV (`x`) and read the file back: BOM, zh-CN
// header, one row per case the figures count as received.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
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

test('q opens the figures; a unit’s overdue count drills to its case, which opens; x exports a CSV Excel reads', async ({ browser }) => {
  stack = await startE2eStack('metrics', { hub: { now: () => new Date(Date.now() + skew) } })
  const { hub, core } = stack
  const page = await browser.newPage({ acceptDownloads: true })
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await page.goto(stack.web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')

  // A case reported, accepted and dispatched ten days ago: long past its deadline, so overdue now.
  skew = -10 * DAY
  const [old] = await reportIncidents(hub.hub, 1)
  if (!old) throw new Error('no case reported')
  const lead = callerFor(hub.hub, TEST_TOKENS.dispatcher, 'c-e2e-other')
  const accepted = await hub.hub.command({ commandId: randomUUID(), type: 'accept', incidentId: old.id, expectedVersion: old.version, payload: {}, issuedAt: new Date(Date.now() + skew).toISOString() }, lead)
  expect(accepted.answer.ok).toBe(true)
  const dispatched = await hub.hub.command(
    { commandId: randomUUID(), type: 'dispatch', incidentId: old.id, expectedVersion: old.version + 1, payload: { unitIds: [UNIT] }, issuedAt: new Date(Date.now() + skew).toISOString() },
    lead
  )
  expect(dispatched.answer.ok).toBe(true)
  skew = 0
  // And one reported today, for the export.
  await reportIncidents(hub.hub, 1)
  await expect(page.getByTestId('queue-count')).toHaveText('2 件')

  await page.keyboard.press('q')
  const view = page.getByTestId('metrics-view')
  await expect(view).toBeVisible()
  await page.keyboard.press('4') // 处置单位
  const unitRow = view.locator(`[data-testid="metrics-table"] tr[data-key="${UNIT}"]`)
  await expect(unitRow).toBeVisible()
  for (let i = 0; i < 6; i++) await page.keyboard.press('l') // 受理 → … → 当前超期
  for (let i = 0; i < 5 && !(await unitRow.getAttribute('class'))?.includes('metrics__row--on'); i++) await page.keyboard.press('j')
  await expect(unitRow).toHaveClass(/metrics__row--on/)
  await page.keyboard.press('Enter')
  const cases = page.getByTestId('metrics-case')
  await expect(cases).toHaveCount(1)
  await expect(cases.first()).toContainText(old.code)
  await page.screenshot({ path: test.info().outputPath('metrics-drill.png') })
  await page.keyboard.press('Enter')
  await expect(view).toHaveCount(0)
  await expect(page.locator(`[data-testid="queue-row"][data-id="${old.id}"]`)).toHaveAttribute('aria-selected', 'true')

  // The CSV of the period: read back as Excel would.
  await page.keyboard.press('q')
  await expect(view).toBeVisible()
  const downloading = page.waitForEvent('download')
  await page.keyboard.press('x')
  const download = await downloading
  const file = await download.path()
  const bytes = readFileSync(file)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n')
  expect(lines[0]?.startsWith('案件编号,街道,社区,网格')).toBe(true)
  const period = await page.getByTestId('metrics-period').textContent()
  // The view opens on 今日: Beijing's day, from local midnight (UTC+8).
  await expect(page.getByTestId('metrics-period')).toContainText('今日')
  const now = Date.now()
  const start = now - ((now + 8 * 3_600_000) % DAY)
  const figures = await core.api.getFigures({ from: new Date(start).toISOString(), to: new Date(start + DAY).toISOString(), by: 'street' })
  expect(lines.length - 1, `rows of ${period}`).toBe(figures.total.counts.received)
  expect(lines.length - 1).toBe(1) // today's case; the old one was received ten days ago

  // 7: by grid type (issue 14), rows named by the reference's grid types, the same total as by street.
  await page.keyboard.press('7')
  await expect(view.locator('.metrics__tab--on')).toContainText('网格类型')
  const byType = await core.api.getFigures({ from: new Date(start).toISOString(), to: new Date(start + DAY).toISOString(), by: 'gridType' })
  expect(byType.total.counts).toEqual(figures.total.counts)
  for (const r of byType.rows) await expect(view.locator(`[data-testid="metrics-table"] tr[data-key="${r.key}"]`)).toBeVisible()
  await page.screenshot({ path: test.info().outputPath('metrics-grid-type.png') })
  expect(errors).toEqual([])
})
