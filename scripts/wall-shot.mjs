// `node scripts/wall-shot.mjs`: the demo stack (scripts/demo-stack.mjs), the wall opened with the
// viewer token in Debian's Chromium, waits for live cases, writes docs/wall.png at 1920×1080 (a
// wall screen). Opened with follow=0 so the picture shows the whole district, not one street.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { root, withDemoStack } from './demo-stack.mjs'

const out = path.resolve(process.env.WALL_SHOT_OUT ?? path.join(root, 'docs', 'wall.png'))
const MIN_CASES = Number(process.env.WALL_SHOT_MIN_CASES ?? 80)

// A busy rate, so the district fills within a minute, and a quick simulated hall (a tenth of
// its usual delays), so the picture shows cases accepted and closed today, not only reports.
await withDemoStack({ name: 'wall-shot', rate: 5, hallDelayScale: 0.1, viewport: { width: 1920, height: 1080 } }, async ({ web, page }) => {
  await page.goto(`${web.wallUrl}&follow=0`)
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-incidents') ?? 0) >= n,
    MIN_CASES,
    { timeout: 150_000 }
  )
  // Until the hall has closed some cases: the strip's 今日结案 reads above zero.
  await page
    .waitForFunction(
      () => Number(document.querySelector('[data-figure="closedToday"] .gcc-figure__value')?.textContent ?? 0) > 0,
      undefined,
      { timeout: 180_000 }
    )
    .catch(() => console.log('no case closed yet; taking the picture anyway'))
  // Let tiles, labels and the grid shading settle.
  await page.waitForTimeout(3000)
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
})
