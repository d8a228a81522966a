// The wall's hall parts end to end (issue 16, k16c), in Chromium set to UTC: the key figures coloured
// by the settings' thresholds, the longest overdue and the urgent open cases (no reporter data), the
// street ranking from the domain's figures, this shift change's 已交班 then 已接班 as the leads act,
// the centre's clock, zone and shift, and each wall's own language and theme from its URL: a seat
// switching the settings to English changes neither wall.
import { randomBytes, randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { shiftOf } from '../../src-renderer/console/lead/handover-model'
import { formatClock } from '../../src-renderer/wall/format'
import { shiftAt } from '../../src-shared/domain'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'
import { callerFor, reportIncidents, TEST_TOKENS } from '../helpers/start-hub'
import { seedWallHistory, shiftedClock } from '../helpers/wall-history'

let stack: E2eStack | null = null
const clock = shiftedClock()
const viewerToken = randomBytes(24).toString('base64url')

test.beforeAll(async () => {
  stack = await startE2eStack('wall-hall', { viewerToken, hub: { now: clock.now }, seed: (hub) => seedWallHistory(hub.hub, clock) })
})

test.afterAll(async () => {
  await stack?.close()
})

test.use({ timezoneId: 'UTC', viewport: { width: 1920, height: 1080 } })

test('the wall shows thresholds, case lists, ranking, handover, the centre time, and keeps its own language', async ({ page, context }) => {
  test.setTimeout(240_000)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const { hub: live, core, web } = stack as E2eStack
  const api = core.api
  await page.goto(web.wallUrl)
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-loaded', '1', { timeout: 120_000 })
  const figure = (key: string) => page.locator(`[data-figure="${key}"]`)

  // The browser runs in UTC, the wall in the centre's time (UTC+8): clock hour, zone and shift.
  expect(await page.evaluate(() => new Date().getTimezoneOffset())).toBe(0)
  await expect(page.getByTestId('wall-zone')).toContainText('指挥中心时间 UTC+8')
  const shiftNow = shiftAt(Date.now(), 480).shiftId.slice(-1)
  await expect(page.getByTestId('wall-shift')).toHaveAttribute('data-shift', shiftNow)
  await expect(page.getByTestId('wall-shift')).toContainText(['夜班', '早班', '中班'][Number(shiftNow) - 1] ?? '?')
  await expect
    .poll(async () => (await page.locator('.gcc-wall__clock time').textContent())?.slice(0, 5))
    .toBe(formatClock(Date.now(), 480).time.slice(0, 5))

  // Figures coloured by the default thresholds: 6 overdue → red, 3 urgent → amber.
  await expect(figure('overdue').locator('.gcc-figure__value')).toHaveText('6')
  await expect(figure('overdue')).toHaveAttribute('data-tone', 'red')
  await expect(figure('urgent').locator('.gcc-figure__value')).toHaveText('3')
  await expect(figure('urgent')).toHaveAttribute('data-tone', 'amber')
  // Today: 2 gas leaks due and late, 1 closed on time → 1/3 = 33.3% → red.
  await expect(figure('onTimeRate').locator('.gcc-figure__value')).toHaveText('33.3%')
  await expect(figure('onTimeRate')).toHaveAttribute('data-tone', 'red')
  // The settings' thresholds reach the wall: urgent > 0 red, 按期结案率 red only under 30%.
  await api.updateSettings({ wallThresholds: { urgent: { amberAbove: null, redAbove: 0 }, onTimeRate: { amberBelow: 50, redBelow: 30 } } })
  await expect(figure('urgent')).toHaveAttribute('data-tone', 'red')
  await expect(figure('onTimeRate')).toHaveAttribute('data-tone', 'amber')

  // The lists: the five longest overdue (plus "1 more"), the urgent ones least time left first.
  const overdue = page.getByTestId('wall-overdue-list')
  await expect(overdue.locator('[data-case]')).toHaveCount(5)
  await expect(overdue).toContainText('另有 1 件超期')
  await expect(overdue.locator('[data-case]').first()).toContainText(/超 \d+天\d+时/)
  await expect(overdue.locator('[data-case]').last()).toContainText(/超 0时1\d分/)
  const urgent = page.getByTestId('wall-urgent-list')
  await expect(urgent.locator('[data-case]')).toHaveCount(3)
  await expect(urgent.locator('[data-case]').last()).toContainText('待受理')
  // No reporter data anywhere on the wall.
  const stored = await live.hub.store.getIncident((await urgent.locator('[data-case]').first().getAttribute('data-case')) ?? '')
  const body = (await page.locator('body').textContent()) ?? ''
  expect(stored?.reporter.name && body.includes(stored.reporter.name)).toBeFalsy()
  if (stored?.reporter.phone) expect(body).not.toContain(stored.reporter.phone)

  // The ranking: 景山街道 100% (closed on time) first, 东华门街道 0% (two late gas leaks) after.
  const ranking = page.getByTestId('wall-ranking').locator('[data-street]')
  await expect(ranking).toHaveCount(2)
  await expect(ranking.nth(0)).toHaveAttribute('data-street', '110101002')
  await expect(ranking.nth(0)).toContainText('100%')
  await expect(ranking.nth(1)).toContainText('0.0%')
  await expect(ranking.nth(1)).toHaveAttribute('data-tone', 'red')

  // Handover: nobody yet; the lead hands over (已交班), the second lead takes over (已接班).
  const handover = page.getByTestId('wall-handover')
  await expect(handover).toContainText('本班次尚未交班')
  const shiftId = shiftOf(Date.now(), 480).id
  const [anyCase] = await reportIncidents(live.hub, 1)
  const submitted = await live.hub.command(
    { commandId: randomUUID(), type: 'handover.submit', payload: { shiftId, summary: '夜间平稳', items: [{ incidentId: anyCase?.id, note: '' }] }, issuedAt: live.hub.now().toISOString() },
    callerFor(live.hub, TEST_TOKENS.lead)
  )
  expect(submitted.answer.ok).toBe(true)
  const row = handover.locator('[data-handover]')
  await expect(row).toHaveAttribute('data-state', 'submitted')
  await expect(row).toContainText('已交班 王值班长')
  await expect(row).toContainText('待接班')
  const handoverId = submitted.answer.ok && 'entity' in submitted.answer ? (submitted.answer.entity as { id: string }).id : ''
  const acked = await live.hub.command(
    { commandId: randomUUID(), type: 'handover.acknowledge', handoverId, payload: {}, issuedAt: live.hub.now().toISOString() },
    callerFor(live.hub, TEST_TOKENS.lead2)
  )
  expect(acked.answer.ok).toBe(true)
  await expect(row).toHaveAttribute('data-state', 'acknowledged')
  await expect(row).toContainText('已接班 李值班长')
  await expect(row).toContainText(formatClock(Date.now(), 480).time.slice(0, 2))

  // Language: a seat switches the settings to English; this wall stays zh-CN. A second wall opened with
  // ?lang=en-US&theme=light is English and light, and stays English when the settings go back.
  await api.updateSettings({ locale: 'en-US' })
  const english = await context.newPage()
  await english.goto(`${web.wallUrl}&lang=en-US&theme=light`)
  await expect(english.getByTestId('wall')).toHaveAttribute('data-theme', 'light')
  await expect(english.locator('h1')).toHaveText('Grid Management Command Wall')
  await expect(english.getByTestId('wall-zone')).toContainText('Centre time UTC+8')
  await expect(english.getByTestId('wall-handover')).toContainText('Taken over by 李值班长')
  await api.updateSettings({ locale: 'zh-CN' })
  await api.updateSettings({ locale: 'en-US' })
  await expect(page.locator('h1')).toHaveText('网格化城市管理指挥大屏')
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
  await expect(page.getByTestId('wall')).toHaveAttribute('data-theme', 'dark')
  await api.updateSettings({ locale: 'zh-CN' })
  await expect(english.locator('h1')).toHaveText('Grid Management Command Wall')
  // The light theme keeps text contrast (axe color-contrast, WCAG AA) on its white chrome.
  const axe = await new AxeBuilder({ page: english }).withRules(['color-contrast']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])
  await english.screenshot({ path: 'test-results/wall-hall-light-en.png' })
  await page.screenshot({ path: 'test-results/wall-hall-dark-zh.png' })

  // A parameter the wall does not know is not guessed at: it says so and keeps its default.
  const odd = await context.newPage()
  await odd.goto(`${web.wallUrl}&lang=fr&theme=neon`)
  await expect(odd.getByTestId('wall-param')).toContainText('lang=fr, theme=neon')
  await expect(odd.getByTestId('wall')).toHaveAttribute('data-theme', 'dark')
  await expect(odd.locator('h1')).toHaveText('网格化城市管理指挥大屏')
  expect(errors).toEqual([])
})
