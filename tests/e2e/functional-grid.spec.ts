// Issue 14 item 2 end to end in Debian's Chromium (protocol rev 1.8), on the district's reference: a
// shift lead creates a functional grid over one community by keyboard (Shift+F, N; team by pinyin
// initials, community by pinyin initials); the hub stores it; a report filed inside it through the
// hub's own command path suggests the team first, marked with the name, and the case detail names it;
// the map draws the overlay (y shading on too — with GRIDS_SHOT=1 that view is docs/grids.png); and it
// ends by itself at its end time, a short real period: the panel says 已结束, the overlay goes, and the
// picker's order is the plain one again. No fake clock anywhere: the console reads the hub's clock.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { FunctionalGrid, Incident } from '../../src-shared/protocol'
import { interiorPoint } from '../../src-shared/geo'
import { callerFor, RESOURCES_REFERENCE_PATH, RESOURCES_UNITS_PATH, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

const COMMUNITY = '110101001002'
const TEAM_UNIT = 'u-sd-110101001-judicial'
/** The period: from the form's default (now, to the minute) to this many minutes on. */
const PERIOD_MINUTES = 3

let hub: TestHub | null = null
let seat: { core: ConsoleCore; web: WebHost; dir: string } | null = null

test.beforeAll(async () => {
  hub = await startTestHub({ reference: { referencePath: RESOURCES_REFERENCE_PATH, unitsPath: RESOURCES_UNITS_PATH } })
  const dir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-fg-'))
  const core = await openConsole({ dataDir: dir, hubUrl: hub.url, token: TEST_TOKENS.lead })
  const web = await startWebHost({
    api: core.api,
    rendererDir: path.resolve('out/renderer'),
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
  seat = { core, web, dir }
})

test.afterAll(async () => {
  if (seat) {
    await seat.web.close()
    await seat.core.close()
    rmSync(seat.dir, { recursive: true, force: true })
  }
  await hub?.stop()
})

/** A report as the field files it (the unit token through the hub's command pipeline), in one grid. */
async function reportIn(gridCode: string, title: string): Promise<Incident> {
  const live = (hub as TestHub).hub
  const grid = live.reference.data.grids.features.find((g) => g.properties.code === gridCode)
  const categoryCode = live.reference.data.categories[0]?.code
  if (!grid || !categoryCode) throw new Error(`no grid ${gridCode} or category`)
  const { answer } = await live.command(
    {
      commandId: randomUUID(),
      type: 'report',
      payload: {
        draft: { categoryCode, urgency: 'normal', source: 'grid_worker', title, description: '积水', address: '测试地址', location: interiorPoint(grid.geometry), gridCode }
      },
      issuedAt: live.now().toISOString()
    },
    callerFor(live, TEST_TOKENS.unit)
  )
  if (!answer.ok) throw new Error(`report failed: ${answer.error.code} ${answer.error.message}`)
  return answer.entity as Incident
}

async function hubFunctionalGrids(): Promise<FunctionalGrid[]> {
  // Functional grids come only with the rev 1.8 flag (what a console whose handshake lists the feature gets).
  const page = await (hub as TestHub).hub.store.changesSince(0, 5000, '*', undefined, true)
  return page.changes.filter((c) => c.entity === 'functionalGrid' && c.data !== null).map((c) => c.data as FunctionalGrid)
}

/** "YYYY-MM-DD HH:mm" plus `minutes`, as written (the zone cancels out). */
function plusMinutes(text: string, minutes: number): string {
  const [d, t] = text.split(' ')
  const [y, mo, da] = (d ?? '').split('-').map(Number)
  const [h, mi] = (t ?? '').split(':').map(Number)
  const at = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, da ?? 1, h ?? 0, (mi ?? 0) + minutes))
  const p = (n: number) => String(n).padStart(2, '0')
  return `${at.getUTCFullYear()}-${p(at.getUTCMonth() + 1)}-${p(at.getUTCDate())} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}`
}

const firstPickerRow = (page: Page) => page.getByRole('dialog').getByTestId('picker-row').first()

test('a lead lays a functional grid over a community by keyboard; its team comes first, the map outlines it, and it ends at its end time', async ({ page }) => {
  test.setTimeout(420_000)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto((seat as NonNullable<typeof seat>).web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线', { timeout: 30_000 })
  await expect(page.locator('[data-testid="map-canvas"] canvas')).toBeVisible({ timeout: 30_000 })

  // Shift+F, N: the form. Name, Enter, purpose, Enter, from (default), Enter, to (+3 min), Enter.
  await page.locator('body').press('Shift+F')
  await expect(page.getByTestId('fg-panel')).toBeVisible()
  await expect(page.getByTestId('fg-list')).toBeFocused()
  await page.keyboard.press('n')
  await expect(page.getByTestId('fg-name')).toBeFocused()
  await page.keyboard.insertText('防汛专项')
  await page.keyboard.press('Enter')
  await page.keyboard.insertText('汛期积水点巡查')
  await page.keyboard.press('Enter')
  const from = await page.getByTestId('fg-from').inputValue()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('fg-to')).toBeFocused()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(plusMinutes(from, PERIOD_MINUTES))
  await page.keyboard.press('Enter')
  // The team: 东华门街道司法所 by its pinyin initials, Space picks it.
  await expect(page.getByTestId('fg-team-filter')).toBeFocused()
  await page.keyboard.type('dhmjdsfs')
  await expect(page.getByTestId('fg-team-list').getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('fg-team-chosen')).toContainText('东华门街道司法所')
  await page.keyboard.press('Enter')
  // The area kind stays 按社区; Enter on to the community filter: 东华门第二社区 by its initials.
  await expect(page.getByTestId('fg-area-kind')).toBeFocused()
  await page.keyboard.press('Enter')
  await page.keyboard.type('dhmdesq')
  await expect(page.getByTestId('fg-area-list').getByRole('option').first()).toHaveAttribute('data-id', COMMUNITY)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('fg-form')).toBeHidden()

  // The hub holds it, resolved to the community's unit grids; the console shows it 生效中.
  await expect.poll(async () => (await hubFunctionalGrids()).length, { timeout: 20_000 }).toBe(1)
  const [fg] = await hubFunctionalGrids()
  if (!fg) throw new Error('no functional grid at the hub')
  const communityGrids = (hub as TestHub).hub.reference.data.grids.features.filter((g) => g.properties.communityCode === COMMUNITY).map((g) => g.properties.code)
  expect(fg).toMatchObject({ name: '防汛专项', purpose: '汛期积水点巡查', unitIds: [TEAM_UNIT], endedAt: null, createdBy: { userId: 'user-lead' } })
  expect(fg.gridCodes).toEqual([...communityGrids].sort())
  expect(Date.parse(fg.toAt) - Date.parse(fg.fromAt)).toBe(PERIOD_MINUTES * 60_000)
  await page.locator('body').press('Shift+F')
  await expect(page.getByTestId('fg-row')).toHaveAttribute('data-state', 'active')
  await expect(page.getByTestId('fg-row')).toContainText('生效中')
  await page.keyboard.press('Escape')

  // The overlay: the map holds one active functional grid by that name and has drawn its outline.
  const map = page.getByTestId('map-canvas')
  await expect(map).toHaveAttribute('data-functional-grids', '1')
  await expect(map).toHaveAttribute('data-functional-grid-names', '防汛专项')
  await expect(map).toHaveAttribute('data-functional-grids-drawn', '1')

  // A report inside it: accepted, then d — the team first, marked; the detail names the functional grid.
  const incident = await reportIn(fg.gridCodes[0] as string, '积水点')
  const row = page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)
  await expect(row).toBeVisible()
  await page.locator('body').press('j')
  await expect(page.getByTestId('detail-functional-grid')).toHaveText('防汛专项')
  await page.keyboard.press('a')
  await expect(row.locator('.status')).toHaveText('已立案')
  await page.keyboard.press('d')
  await expect(firstPickerRow(page)).toHaveAttribute('data-unit-id', TEAM_UNIT)
  await expect(firstPickerRow(page)).toHaveAttribute('data-team', 'true')
  await expect(firstPickerRow(page).getByTestId('picker-team')).toHaveText('防汛专项队伍')
  await expect(page.getByRole('dialog')).toContainText('功能性网格“防汛专项”队伍')
  await page.keyboard.press('Escape')

  // y shades by grid type; Enter centres on the case: the shaded grids and the outlined functional grid.
  await page.locator('body').press('y')
  await expect(map).toHaveAttribute('data-grid-types', '1')
  await page.locator('body').press('Enter')
  await expect.poll(async () => Number(await map.getAttribute('data-zoom')), { timeout: 10_000 }).toBeGreaterThan(15)
  if (process.env.GRIDS_SHOT === '1') {
    // For the picture only: a step back out, so the whole community and its name fit beside the shading.
    const box = await map.boundingBox()
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.mouse.wheel(0, 400)
    }
    await page.waitForTimeout(2500)
    await page.screenshot({ path: 'docs/grids.png' })
  }

  // It ends by itself at its end time: nothing is sent, the clock passes toAt.
  const left = Date.parse(fg.toAt) - Date.now()
  expect(left).toBeGreaterThan(0)
  await expect(map).toHaveAttribute('data-functional-grids', '0', { timeout: left + 60_000 })
  await page.locator('body').press('Shift+F')
  await expect(page.getByTestId('fg-row')).toHaveAttribute('data-state', 'ended')
  await expect(page.getByTestId('fg-row')).toContainText('已结束')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('detail-functional-grid')).toHaveCount(0)
  await page.keyboard.press('d')
  await expect(page.getByRole('dialog').getByTestId('picker-row').first()).toBeVisible()
  await expect(page.getByRole('dialog').locator('[data-team="true"]')).toHaveCount(0)
  await expect(page.getByRole('dialog')).not.toContainText('功能性网格')
  await page.keyboard.press('Escape')
  // The hub never changed it: it ended by the clock, and its record stays reportable.
  const [after] = await hubFunctionalGrids()
  expect(after).toMatchObject({ id: fg.id, version: fg.version, endedAt: null })
  expect(errors).toEqual([])
})
