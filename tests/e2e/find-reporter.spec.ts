// End to end in Chromium (issue 16): a 12345 call-back — the dispatcher presses `/`, types the last 4
// digits of the caller's phone, and the case is listed saying 电话 with the phone masked as the hub
// stores it and the typed digits marked; Enter opens it. A screenshot is kept for a person to look at.
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { interiorPoint } from '../../src-shared/geo'
import type { Incident } from '../../src-shared/protocol'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'
import { callerFor, TEST_TOKENS } from '../helpers/start-hub'

let stack: E2eStack | null = null

test.beforeAll(async () => {
  stack = await startE2eStack('find')
})

test.afterAll(async () => {
  await stack?.close()
})

test('find (/) by the last 4 digits of the reporter’s phone says 电话 and opens the case', async ({ page }) => {
  if (!stack) throw new Error('not started')
  const { hub, web } = stack
  await page.setViewportSize({ width: 1600, height: 900 })
  await page.goto(web.operatorUrl)
  await expect(page.getByTestId('connection')).toHaveText('在线')
  const grid = hub.hub.reference.data.grids.features[0]
  const categoryCode = hub.hub.reference.data.categories[0]?.code
  if (!grid || categoryCode === undefined) throw new Error('no reference')
  const { answer } = await hub.hub.command(
    {
      commandId: randomUUID(),
      type: 'report',
      payload: {
        draft: {
          categoryCode,
          urgency: 'normal',
          source: 'hotline',
          title: '夜间施工噪音',
          description: '12345 来电',
          address: '东四北大街 3 号',
          location: interiorPoint(grid.geometry),
          gridCode: grid.properties.code,
          reporter: { name: '王秀英', phone: '139 1234 5678' }
        }
      },
      issuedAt: hub.hub.now().toISOString()
    },
    callerFor(hub.hub, TEST_TOKENS.dispatcher)
  )
  if (!answer.ok) throw new Error(`report refused: ${answer.error.message}`)
  const incident = answer.entity as Incident
  await expect(page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)).toBeVisible()

  await page.keyboard.press('/')
  await page.keyboard.type('5678')
  const match = page.getByTestId('find-match').first()
  await expect(match).toHaveAttribute('data-field', 'phone')
  await expect(match).toHaveText('电话 139****5678')
  await expect(match.locator('mark')).toHaveText('5678')
  await page.screenshot({ path: 'test-results/find-reporter.png' })
  await page.keyboard.press('Enter')
  await expect(page.locator(`[data-testid="queue-row"][data-id="${incident.id}"]`)).toHaveAttribute('aria-selected', 'true')
})
