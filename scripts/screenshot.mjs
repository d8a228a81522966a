// `npm run screenshot`: the demo stack (scripts/demo-stack.mjs), the dispatcher console in
// Debian's Chromium, waits for live incidents, selects the newest, writes docs/screenshot.png
// at 1600×900. SCREENSHOT_KEYS presses extra keys first (e.g. "?" or "e") to look at a panel;
// SCREENSHOT_OUT writes elsewhere.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { root, withDemoStack } from './demo-stack.mjs'

const out = path.resolve(process.env.SCREENSHOT_OUT ?? path.join(root, 'docs', 'screenshot.png'))
const MIN_ROWS = Number(process.env.SCREENSHOT_MIN_ROWS ?? 12)
const EXTRA_KEYS = (process.env.SCREENSHOT_KEYS ?? '').split(' ').filter(Boolean)

// A busy rate so the queue fills within seconds.
await withDemoStack({ name: 'screenshot', rate: 4, viewport: { width: 1600, height: 900 } }, async ({ web, page }) => {
  await page.goto(web.operatorUrl)
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="queue-row"]').length >= n, MIN_ROWS, {
    timeout: 90_000
  })
  // Let the map draw its grids and markers first; select last, so the chosen case is still the
  // newest in view when the picture is taken (new cases keep arriving above it).
  await page.waitForTimeout(2500)
  await page.keyboard.press('j')
  await page.waitForSelector('[data-testid="detail"] .timeline, [data-testid="detail"] .detail__body', { timeout: 20_000 })
  for (const key of EXTRA_KEYS) {
    await page.keyboard.press(key)
    await page.waitForTimeout(1000)
  }
  await page.waitForTimeout(400)
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
})
