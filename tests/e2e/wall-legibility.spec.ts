// The wall read from the far end of the hall (docs/wall.md), at 1920×1080 and 3840×2160: axe
// color-contrast finds nothing (and how many nodes it could not judge is printed), the key figures
// and the clock are at least 5% of the screen's height and every label at least 2%, no figure is
// cut, and the map's symbol colours stand out from the wall's background and street fills
// (WCAG 1.4.11, 3:1 for a symbol, 4.5:1 for map text). The light theme (/wall?theme=light) is measured
// the same way at 1920×1080. WALL_SHOT=1 also writes docs/wall-4k.png and docs/wall-light.png.
import { randomBytes, randomUUID } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import type { WebHost } from '../../src-main/web/web-host'
import { mapContrastFailures } from '../../src-renderer/wall/map-contrast'
import { shiftOf } from '../../src-renderer/console/lead/handover-model'
import { callerFor, TEST_TOKENS, type TestHub } from '../helpers/start-hub'
import { seedWallHistory, shiftedClock } from '../helpers/wall-history'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'

/** Minimums as a fraction of the viewport height (docs/wall.md gives the reasoning). */
const MIN_FIGURE = 0.05
const MIN_LABEL = 0.02
const FIGURES = ['.gcc-figure__value', '.gcc-wall__clock time']
const LABELS = [
  '.gcc-wall__title h1',
  '.gcc-wall__title span',
  '.gcc-figure__label',
  '.gcc-wall__clock span',
  '.gcc-legend--wall h2',
  '.gcc-legend--wall li',
  // The column beside the map (k16c): headings, rows and their parts.
  '.gcc-wall-side__section h2',
  '.gcc-wall-side__section li',
  '.gcc-wall-side__when',
  '.gcc-wall-side__street',
  '.gcc-wall-side__rate'
]

let hub: TestHub | null = null
let web: WebHost | null = null
let stack: E2eStack | null = null
const viewerToken = randomBytes(24).toString('base64url')

test.beforeAll(async () => {
  // A hall with history (overdue, urgent, a ranking, a handover), so every part of the wall is measured.
  const clock = shiftedClock()
  stack = await startE2eStack('wall-legible', { viewerToken, hub: { now: clock.now }, seed: (h) => seedWallHistory(h.hub, clock) })
  ;({ hub, web } = stack)
  const shiftId = shiftOf(Date.now(), 480).id
  const { answer } = await hub.hub.command(
    { commandId: randomUUID(), type: 'handover.submit', payload: { shiftId, summary: '平稳', items: [] }, issuedAt: hub.hub.now().toISOString() },
    callerFor(hub.hub, TEST_TOKENS.lead)
  )
  if (!answer.ok) throw new Error(`handover refused: ${JSON.stringify(answer)}`)
})

test.afterAll(async () => {
  await stack?.close()
})

test('map symbol colours stand out from the background and street fills of both wall maps', () => {
  expect([...mapContrastFailures('wall'), ...mapContrastFailures('wall-light')]).toEqual([])
})

for (const [width, height, theme] of [
  [1920, 1080, 'dark'],
  [3840, 2160, 'dark'],
  [1920, 1080, 'light']
] as const) {
  test(`the ${theme} wall at ${width}×${height}: contrast, figure and label sizes`, async ({ page }) => {
    test.setTimeout(360_000)
    await page.setViewportSize({ width, height })
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    await page.goto(`${(web as WebHost).wallUrl}&theme=${theme}`)
    await expect(page.getByTestId('wall')).toHaveAttribute('data-theme', theme)
    const canvas = page.getByTestId('map-canvas')
    await expect(canvas).toHaveAttribute('data-loaded', '1', { timeout: 200_000 }) // software WebGL on a shared box: 4K is slow to first draw
    await expect(page.getByTestId('wall-figures').locator('[data-figure="overdue"] .gcc-figure__value')).toHaveText('6')
    await expect(page.getByTestId('wall-ranking').locator('[data-street]')).toHaveCount(2)
    await expect(page.getByTestId('wall-handover').locator('[data-handover]')).toHaveCount(1)
    await page.waitForTimeout(1000)

    const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()
    const incomplete = axe.incomplete.flatMap((r) => r.nodes.map((n) => `${r.id}: ${n.target.join(' ')} (${String((n.any[0]?.data as { messageKey?: string } | null)?.messageKey ?? n.any[0]?.message)})`))
    console.log(`${theme} wall ${width}×${height}: axe color-contrast violations ${axe.violations.length}, could not judge ${incomplete.length}`)
    for (const line of incomplete) console.log(`  incomplete ${line}`)
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([])

    const sizes = await page.evaluate(
      ([figures, labels]) => {
        const read = (sel: string) =>
          [...document.querySelectorAll<HTMLElement>(sel)].filter((el) => el.getClientRects().length > 0).map((el) => ({
            sel,
            px: parseFloat(getComputedStyle(el).fontSize),
            cut: el.scrollWidth > el.clientWidth + 1
          }))
        return { vh: window.innerHeight, figures: (figures ?? []).flatMap(read), labels: (labels ?? []).flatMap(read) }
      },
      [FIGURES, LABELS]
    )
    expect(sizes.vh).toBe(height)
    for (const sel of [...FIGURES, ...LABELS]) expect([...sizes.figures, ...sizes.labels].some((s) => s.sel === sel), `${sel} on the wall`).toBe(true)
    const small = (list: { sel: string; px: number }[], min: number) =>
      list.filter((s) => s.px / height < min).map((s) => `${s.sel} ${s.px}px = ${((100 * s.px) / height).toFixed(2)}%`)
    console.log(
      `  smallest figure ${(100 * Math.min(...sizes.figures.map((s) => s.px)) / height).toFixed(2)}%, smallest label ${(100 * Math.min(...sizes.labels.map((s) => s.px)) / height).toFixed(2)}% of ${height}px`
    )
    expect(small(sizes.figures, MIN_FIGURE)).toEqual([])
    expect(small(sizes.labels, MIN_LABEL)).toEqual([])
    expect([...sizes.figures, ...sizes.labels].filter((s) => s.cut).map((s) => s.sel)).toEqual([])

    if (process.env.WALL_SHOT === '1' && theme === 'dark' && width === 3840) await page.screenshot({ path: 'docs/wall-4k.png' })
    if (process.env.WALL_SHOT === '1' && theme === 'light') await page.screenshot({ path: 'docs/wall-light.png' })
    expect(errors).toEqual([])
  })
}
