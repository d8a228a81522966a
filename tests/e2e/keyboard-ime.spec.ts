// The keyboard as a Chinese hall uses it, in Debian's Chromium: a dispatcher opens the command
// palette (Ctrl+K), types pinyin initials, runs dispatch on the selected case, and writes a note
// through an IME composition (CDP Input.imeSetComposition) whose Enter picks a candidate without
// sending; the plain Enter after it sends the note as typed. axe-core (WCAG 2 A/AA) runs on the
// console, with the palette and a panel open, and on the wall: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import type { Incident, Unit } from '../../src-shared/protocol'
import { FIXTURE_UNITS_PATH, reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

const RENDERER_DIR = path.resolve('out/renderer')
const SCREENSHOT = process.env.GCC_PALETTE_PNG

let hub: TestHub | null = null
let core: ConsoleCore | null = null
let web: WebHost | null = null
let dataDir = ''

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-keys-'))
  hub = await startTestHub()
  core = await openConsole({ dataDir, hubUrl: hub.url, token: TEST_TOKENS.dispatcher })
  web = await startWebHost({
    api: core.api,
    rendererDir: RENDERER_DIR,
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

/** Serious and critical axe violations on the page as it is now, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze()
  for (const v of result.violations) console.log(`axe ${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))
}


test('palette by initials dispatches; an IME Enter picks a candidate and sends nothing; axe finds nothing serious', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const liveHub = hub as TestHub
  const host = web as WebHost
  await page.goto(host.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')
  const [incident] = (await reportIncidents(liveHub.hub, 1)) as [Incident]
  // Enough urgent cases for the queue to scroll and the urgent badge to be judged.
  await reportIncidents(liveHub.hub, 30, { urgency: 'urgent' })
  await expect(page.getByTestId('queue-row').first()).toBeVisible()
  // The one normal case is last in the queue (urgent first): k from no selection goes to the end.
  await expect(page.getByTestId('queue-row')).not.toHaveCount(0)
  await page.keyboard.press('k')
  await expect(page.getByTestId('detail')).toContainText(incident.code)
  await page.keyboard.press('a')
  await expect(page.getByTestId('detail').locator('.status')).toHaveText('已立案')
  expect(await seriousViolations(page)).toEqual([])

  // Ctrl+K, "pq": 派遣 is first with its key; Enter opens the dispatch panel on the selected case.
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog')
  await expect(palette).toBeVisible()
  // The whole list, greyed where a dispatcher on this case may not act (docs/palette.png).
  if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT })
  await page.keyboard.type('pq')
  const first = palette.getByTestId('palette-item').first()
  await expect(first).toHaveAttribute('data-id', 'dispatch')
  await expect(first.locator('kbd')).toHaveText('d')
  // What a dispatcher may not do is greyed out, with the reason.
  await page.keyboard.press('Backspace')
  await page.keyboard.press('Backspace')
  await page.keyboard.type('yq')
  await expect(palette.locator('[data-id="extend"]')).toHaveAttribute('aria-disabled', 'true')
  await expect(palette.locator('[data-id="extend"]')).toContainText('您的角色不能延期')
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.press('Control+a')
  await page.keyboard.type('paiqian')
  await expect(palette.getByTestId('palette-item').first()).toHaveAttribute('data-id', 'dispatch')
  await page.keyboard.press('Enter')

  const streetCode = incident.gridCode.slice(0, 9)
  const units = JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')) as Unit[]
  const unit = units.find((u) => u.kind === 'street_dept' && u.streetCode === streetCode)
  if (!unit) throw new Error(`fixture has no street department in ${streetCode}`)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('picker-row').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.keyboard.type(unit.name)
  await expect(dialog.getByTestId('picker-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('detail').locator('.status')).toHaveText('已派遣')

  // n: a note, typed with a Pinyin IME. Enter while composing picks 情况; it must not send.
  await page.keyboard.press('n')
  const note = page.getByRole('dialog').locator('textarea')
  await expect(note).toBeFocused()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Input.insertText', { text: '群众聚集' })
  await cdp.send('Input.imeSetComposition', { text: 'qingkuang', selectionStart: 9, selectionEnd: 9 })
  await expect(note).toHaveValue('群众聚集qingkuang')
  expect(await note.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA')
  // The Enter the IME consumes: the page sees a keydown while the composition is open.
  await note.evaluate((el) => {
    const seen: { isComposing: boolean; keyCode: number; key: string }[] = []
    Object.assign(window, { seenKeys: seen })
    el.addEventListener('keydown', (e) => {
      const k = e as KeyboardEvent
      seen.push({ isComposing: k.isComposing, keyCode: k.keyCode, key: k.key })
    })
  })
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 })
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 })
  const seen = await page.evaluate(() => (window as unknown as { seenKeys: { isComposing: boolean; keyCode: number; key: string }[] }).seenKeys)
  expect(seen).toEqual([{ isComposing: true, keyCode: 13, key: 'Enter' }])
  // The candidate is committed in place of the Latin letters.
  await cdp.send('Input.insertText', { text: '情况' })
  await expect(note).toHaveValue('群众聚集情况')
  await expect(page.getByRole('dialog')).toBeVisible()
  const before = await liveHub.hub.store.getIncident(incident.id)
  expect(before?.timeline.some((e) => e.action === 'note')).toBe(false)

  // Now a plain Enter sends the note as the dispatcher meant it.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeHidden()
  await expect
    .poll(async () => (await liveHub.hub.store.getIncident(incident.id))?.timeline.find((e) => e.action === 'note')?.note ?? null)
    .toBe('群众聚集情况')

  // The wall: read-only, its own screen, the same bar.
  const wall = await page.context().newPage()
  await wall.goto(host.wallUrl)
  await expect(wall.getByTestId('wall-clock')).toBeVisible()
  expect(await seriousViolations(wall)).toEqual([])
  expect(errors).toEqual([])
})
