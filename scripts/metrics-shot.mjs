// docs/metrics.png: the metrics view (q) over live demo figures — a demo hub with a busy, quick hall,
// the console core and the web host, Debian's Chromium; waits until the wall strip's source (getFigures)
// has closed cases, opens the view by keyboard, switches to units, waits for the charts, and takes the picture.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { root, withDemoStack } from './demo-stack.mjs'

const out = path.resolve(process.env.METRICS_SHOT_OUT ?? path.join(root, 'docs', 'metrics.png'))

await withDemoStack({ name: 'metrics-shot', rate: 5, hallDelayScale: 0.1, viewport: { width: 1600, height: 900 } }, async ({ web, page }) => {
  await page.goto(web.operatorUrl)
  await page.waitForSelector('[data-testid="queue"], .queue', { timeout: 60_000 }).catch(() => undefined)
  await page.waitForTimeout(60_000)
  await page.keyboard.press('q')
  await page.waitForSelector('[data-testid="metrics-table"]', { timeout: 30_000 })
  await page.keyboard.press('4')
  await page.waitForSelector('[data-testid="metrics-ranking"]', { timeout: 30_000 })
  await page.waitForSelector('[data-testid="metrics-charts"]', { timeout: 30_000 })
  await page.waitForTimeout(500)
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
})
