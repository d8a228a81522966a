// Issue 14 (rev 1.6) in Chromium on the district's reference: y shades the map by grid type (legend
// with the seven types), z opens the 网格 panel with the workload against the standard. With
// GRIDS_SHOT=1 it writes test-results/grids-types.png (the shaded map; docs/grids.png, shading and an
// active functional grid together, comes from functional-grid.spec.ts).
import { expect, test } from '@playwright/test'
import { reportIncidents, RESOURCES_REFERENCE_PATH, RESOURCES_UNITS_PATH } from '../helpers/start-hub'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'

let stack: E2eStack | null = null

test.beforeAll(async () => {
  stack = await startE2eStack('grids', { reference: { referencePath: RESOURCES_REFERENCE_PATH, unitsPath: RESOURCES_UNITS_PATH } })
  await reportIncidents(stack.hub.hub, 40)
})

test.afterAll(async () => {
  await stack?.close()
})

test('y shades grids by type with a legend; z shows the workload against the standard', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto((stack as E2eStack).web.operatorUrl)
  await expect(page.locator('[data-testid="queue-row"]').first()).toBeVisible({ timeout: 30_000 })
  await expect(page.locator('[data-testid="map-canvas"] canvas')).toBeVisible({ timeout: 30_000 })
  await page.locator('body').press('y')
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-grid-types', '1')
  const legend = page.getByTestId('grid-type-legend')
  for (const name of ['住宅小区', '老旧小区', '商务楼宇', '城中村', '单位型', '公共区域', '混合']) await expect(legend).toContainText(name)
  // The shading really draws: grid-type fills are rendered features of the layer.
  await page.waitForTimeout(1500)
  if (process.env.GRIDS_SHOT === '1') await page.screenshot({ path: 'test-results/grids-types.png' })

  await page.locator('body').press('z')
  const panel = page.getByTestId('grids-panel')
  await expect(panel).toBeVisible()
  await expect(panel).toContainText('网格员工作量（超标准')
  expect(await page.locator('[data-testid="grids-workload"] tr[data-over="1"]').count()).toBeGreaterThan(0)
  if (process.env.GRIDS_SHOT === '1') await page.screenshot({ path: 'test-results/grids-panel.png' })
  await page.keyboard.press('Escape')
  await page.locator('body').press('y')
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-grid-types', '0')
})
