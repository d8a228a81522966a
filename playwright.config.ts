// End-to-end tests in Debian's Chromium (never a downloaded browser) through the web host,
// and against the real Electron app where an Electron binary exists.
import { defineConfig } from '@playwright/test'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  // Its own folder: Playwright empties outputDir at start, and test-results/ also holds Vitest's report.
  outputDir: 'test-results/e2e-artifacts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--ignore-gpu-blocklist'
      ]
    },
    viewport: { width: 1600, height: 900 },
    screenshot: 'only-on-failure'
  }
})
