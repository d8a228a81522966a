// Screenshot of the map alone with synthetic cases (no hub): `npx tsx bench/map/shot.ts [n] [zoom] [out.png]`.
import { chromium } from '@playwright/test'
import { CHROMIUM } from '../../playwright.config'
import { serveMapBench } from './serve'

const n = Number(process.argv[2] ?? 800)
/** 'lng,lat,zoom' to look somewhere other than the whole district. */
const zoom = process.argv[3]
const out = process.argv[4] ?? 'test-results/map-bench.png'
const server = await serveMapBench()
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--ignore-gpu-blocklist'] })
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } })
  page.on('console', (m) => console.log('page:', m.text()))
  await page.goto(`${server.url}?n=${n}${zoom ? `&view=${zoom}` : ''}`)
  await page.waitForFunction(() => window.__mapBench !== undefined || window.__mapBenchError !== undefined, null, { timeout: 120_000 })
  const error = await page.evaluate(() => window.__mapBenchError)
  if (error) throw new Error(error)
  await page.waitForTimeout(2500)
  await page.screenshot({ path: out })
  console.log('wrote', out)
} finally {
  await browser.close()
  await server.close()
}
