// Labels are not cut in either language: the queue's category names (the longest Chinese and the
// longest English name in the reference data) show whole, the deadline beside them too, and the
// case code stays on one line; the detail's category wraps rather than being cut. At the console's
// default window (1600×900) and its minimum (1200×700), in zh-CN and en-US.
import { expect, test, type Page } from '@playwright/test'
import type { WebHost } from '../../src-main/web/web-host'
import { reportIncidents, type TestHub } from '../helpers/start-hub'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'

let hub: TestHub | null = null
let web: WebHost | null = null
let stack: E2eStack | null = null
let names: { zh: string; en: string }[] = []

test.beforeAll(async () => {
  stack = await startE2eStack('labels')
  ;({ hub, web } = stack)
  const categories = hub.hub.reference.data.categories
  const longestZh = [...categories].sort((a, b) => b.name.length - a.name.length)[0]
  const longestEn = [...categories].sort((a, b) => b.nameEn.length - a.nameEn.length)[0]
  if (!longestZh || !longestEn) throw new Error('no categories')
  names = [longestZh, longestEn].map((c) => ({ zh: c.name, en: c.nameEn }))
  await reportIncidents(hub.hub, 1, { categoryCode: longestZh.code, urgency: 'important' })
  await reportIncidents(hub.hub, 1, { categoryCode: longestEn.code, urgency: 'urgent' })
})

test.afterAll(async () => {
  await stack?.close()
})

type Cut = { what: string; text: string }

/** Every queue category, deadline and code, and the detail's category, that is cut or spills. */
async function cutLabels(page: Page): Promise<Cut[]> {
  return page.evaluate(() => {
    const cut: { what: string; text: string }[] = []
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="queue-row"]')) {
      const line = row.querySelector<HTMLElement>('.queue-row__line')
      if (!line) continue
      const right = line.getBoundingClientRect().right
      for (const sel of ['.queue-row__category', '.queue-row__deadline', '.queue-row__code']) {
        const el = row.querySelector<HTMLElement>(sel)
        if (!el) continue
        const box = el.getBoundingClientRect()
        if (el.scrollWidth > el.clientWidth + 1 || box.right > right + 0.5 || box.height > 40) cut.push({ what: sel, text: el.textContent ?? '' })
      }
    }
    const dd = document.querySelector<HTMLElement>('.facts dd')
    if (dd && dd.scrollWidth > dd.clientWidth + 1) cut.push({ what: 'detail category', text: dd.textContent ?? '' })
    return cut
  })
}

for (const [width, height] of [
  [1600, 900],
  [1200, 700]
] as const) {
  test(`category names whole in the queue and detail at ${width}×${height}, zh-CN and en-US`, async ({ page }) => {
    await page.setViewportSize({ width, height })
    await page.goto((web as WebHost).operatorUrl)
    // The language is a setting kept by the console core: a previous run may have left it in en-US.
    const connection = page.getByTestId('connection')
    await expect(connection).toHaveText(/^(在线|Online)$/)
    if ((await connection.textContent()) !== '在线') await page.locator('.status-bar__locale:not(.status-bar__details)').click()
    await expect(connection).toHaveText('在线')
    await expect(page.getByTestId('queue-row')).toHaveCount(2)
    for (const locale of ['zh', 'en'] as const) {
      if (locale === 'en') {
        await page.locator('.status-bar__locale:not(.status-bar__details)').click()
        await expect(page.getByTestId('connection')).not.toHaveText('在线')
      }
      for (const name of names) await expect(page.locator('.queue-row__category', { hasText: name[locale] })).toHaveCount(1)
      for (let i = 0; i < 2; i++) {
        await page.getByTestId('queue-row').nth(i).click()
        const text = await page.locator('.facts dd').first().textContent()
        expect(names.map((n) => n[locale])).toContain(text)
        expect(await cutLabels(page), `${locale} at ${width}`).toEqual([])
      }
    }
  })
}
