// The wall end to end: a reference hub, the console core and the web host in this process, the
// wall opened with the viewer token in Chromium. Checks what is drawn (canvas pixels at known
// cases and grids), that a new urgent case pulses and is flown to (and not by a wall told not to
// follow), that a rejected case leaves the map (and the
// closed-today switch), that the viewer token cannot command, and the offline banner when the hub goes away.
import { randomBytes, randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import WebSocket from 'ws'
import type { WebHost } from '../../src-main/web/web-host'
import type { Incident } from '../../src-shared/protocol'
import { callerFor, reportIncidents, TEST_TOKENS, type TestHub } from '../helpers/start-hub'
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack'
import { readPng, toScreen, type Image } from '../renderer/map/png'

let hub: TestHub | null = null
let web: WebHost | null = null
let stack: E2eStack | null = null
const viewerToken = randomBytes(24).toString('base64url')

test.beforeAll(async () => {
  stack = await startE2eStack('wall', { viewerToken })
  ;({ hub, web } = stack)
})

test.afterAll(async () => {
  await stack?.close()
})

type View = { centre: [number, number]; zoom: number; box: { x: number; y: number; width: number; height: number } }

async function mapView(page: Page): Promise<View> {
  const canvas = page.getByTestId('map-canvas')
  const [centre, zoom, box] = await Promise.all([canvas.getAttribute('data-center'), canvas.getAttribute('data-zoom'), canvas.boundingBox()])
  if (!centre || !zoom || !box) throw new Error('map has not published its view')
  const [lng = NaN, lat = NaN] = centre.split(',').map(Number)
  return { centre: [lng, lat], zoom: Number(zoom), box }
}

/** Page pixel of a WGS-84 point on the map (bearing 0, pitch 0, as the wall always is). */
function pagePoint(view: View, lngLat: [number, number]): [number, number] {
  const [x, y] = toScreen(lngLat, view.centre, view.zoom, view.box)
  return [view.box.x + x, view.box.y + y]
}

async function shot(page: Page): Promise<Image> {
  return readPng(await page.screenshot())
}

/** How many pixels in the (2r+1)² patch around a point pass the test. */
function countAround(image: Image, [x, y]: [number, number], r: number, test: (rgb: [number, number, number]) => boolean): number {
  let n = 0
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (test(image.pixel(x + dx, y + dy))) n++
  return n
}

function medianAround(image: Image, [x, y]: [number, number], r: number): [number, number, number] {
  const px: [number, number, number][] = []
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) px.push(image.pixel(x + dx, y + dy))
  const med = (i: 0 | 1 | 2): number => px.map((p) => p[i]).sort((a, b) => a - b)[Math.floor(px.length / 2)] ?? 0
  return [med(0), med(1), med(2)]
}

const isBlueDot = ([r, , b]: [number, number, number]): boolean => b > r + 50
const isRedDot = ([r, g, b]: [number, number, number]): boolean => r > 180 && g < 120 && b < 120

test('the wall draws cases and grid shading, flies to a new urgent case, and refuses commands', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const liveHub = hub as TestHub
  const host = web as WebHost
  const seeded = (await reportIncidents(liveHub.hub, 2)) as [Incident, Incident]

  await page.goto(host.wallUrl)
  const canvas = page.getByTestId('map-canvas')
  await expect(canvas).toHaveAttribute('data-loaded', '1')
  await expect(canvas).toHaveAttribute('data-incidents', '2')
  // Read-only: no basemap panel button, no queue, no command buttons.
  await expect(page.getByTestId('basemap-button')).toHaveCount(0)
  await expect(page.getByTestId('queue-row')).toHaveCount(0)
  await expect(page.getByTestId('wall-figures').locator('[data-figure="open"] .gcc-figure__value')).toHaveText('2')
  await expect(page.getByTestId('wall-banner')).toHaveCount(0)
  // The map is narrower beside the wall's case column (k16c): the open legend would cover the first
  // grid's case at this window size, so it is folded for the pixel checks and opened again below.
  await page.getByTestId('legend-toggle').click()
  await expect(page.getByTestId('map-legend')).toHaveAttribute('data-open', 'false')
  await page.waitForTimeout(1500) // let tiles and symbols settle after the first load

  // Pixels: a blue dot (normal, reported) at each case; its grid shaded orange, an empty grid not.
  const view = await mapView(page)
  const legend = await page.getByTestId('map-legend').boundingBox()
  const image = await shot(page)
  const grids = liveHub.hub.reference.data.grids.features
  for (const incident of seeded) {
    const at = pagePoint(view, [incident.location.lng, incident.location.lat])
    expect(countAround(image, at, 4, isBlueDot), `dot of ${incident.id} at ${at}`).toBeGreaterThanOrEqual(10)
    const grid = grids.find((g) => g.properties.code === incident.gridCode)
    const ring = grid?.geometry.type === 'Polygon' ? grid.geometry.coordinates[0] : grid?.geometry.coordinates[0]?.[0]
    if (!ring) throw new Error('grid has no ring')
    // Half way from the case to each corner of its cell: inside the cell, clear of the dot;
    // points under the legend are skipped.
    const samples = ring
      .map((c) => pagePoint(view, [(incident.location.lng + (c[0] ?? 0)) / 2, (incident.location.lat + (c[1] ?? 0)) / 2]))
      .filter(([x, y]) => !(legend && x >= legend.x && x <= legend.x + legend.width && y >= legend.y && y <= legend.y + legend.height))
    expect(samples.length).toBeGreaterThan(0)
    for (const inside of samples) {
      const [r, , b] = medianAround(image, inside, 3)
      expect(r, `grid ${incident.gridCode} shaded at ${inside}`).toBeGreaterThan(b + 20)
    }
  }
  const empty = grids.find((g) => !seeded.some((i) => i.gridCode === g.properties.code))
  if (empty) {
    const ring = empty.geometry.type === 'Polygon' ? empty.geometry.coordinates[0] : empty.geometry.coordinates[0]?.[0]
    const pts = ring ?? []
    const mid: [number, number] = [
      pts.reduce((s, p) => s + (p[0] ?? 0), 0) / Math.max(1, pts.length),
      pts.reduce((s, p) => s + (p[1] ?? 0), 0) / Math.max(1, pts.length)
    ]
    const [r, , b] = medianAround(image, pagePoint(view, mid), 3)
    expect(r, 'an empty grid is not shaded').toBeLessThan(b)
  }

  // A second wall told not to follow (/wall?follow=0) stays on the district.
  const still = await page.context().newPage()
  await still.goto(`${host.wallUrl}&follow=0`)
  const stillCanvas = still.getByTestId('map-canvas')
  await expect(stillCanvas).toHaveAttribute('data-incidents', '2')
  await still.waitForTimeout(1000)
  const stillBefore = await mapView(still)

  // A new urgent case: the wall flies to it and draws it red.
  const [urgent] = (await reportIncidents(liveHub.hub, 1, { urgency: 'urgent' })) as [Incident]
  await expect(canvas).toHaveAttribute('data-incidents', '3')
  // It pulses: an HTML marker (CSS animation, no map redraw) on the case, on both walls.
  const pulse = page.locator(`[data-testid="map-pulse"][data-pulse="${urgent.id}"]`)
  await expect(pulse).toHaveCount(1)
  await expect(still.locator(`[data-testid="map-pulse"][data-pulse="${urgent.id}"]`)).toHaveCount(1)
  await expect(stillCanvas).toHaveAttribute('data-incidents', '3')
  await expect
    .poll(async () => {
      const v = await mapView(page)
      return Math.abs(v.centre[0] - urgent.location.lng) + Math.abs(v.centre[1] - urgent.location.lat)
    })
    .toBeLessThan(1e-4)
  await expect(page.getByTestId('wall-figures').locator('[data-figure="urgent"] .gcc-figure__value')).toHaveText('1')
  await page.waitForTimeout(800)
  const after = await mapView(page)
  const red = await shot(page)
  expect(countAround(red, pagePoint(after, [urgent.location.lng, urgent.location.lat]), 5, isRedDot)).toBeGreaterThanOrEqual(10)
  // The pulse ring is centred on the dot.
  const ring = await pulse.boundingBox()
  if (!ring) throw new Error('pulse has no box')
  const [dotX, dotY] = pagePoint(after, [urgent.location.lng, urgent.location.lat])
  expect(Math.abs(ring.x + ring.width / 2 - dotX)).toBeLessThan(3)
  expect(Math.abs(ring.y + ring.height / 2 - dotY)).toBeLessThan(3)
  // The wall with follow=0 did not move.
  const stillAfter = await mapView(still)
  expect(stillAfter.zoom).toBeCloseTo(stillBefore.zoom, 3)
  expect(Math.abs(stillAfter.centre[0] - stillBefore.centre[0]) + Math.abs(stillAfter.centre[1] - stillBefore.centre[1])).toBeLessThan(1e-6)
  await still.close()

  // A click on the dot highlights it (a local view choice; the wall has no commands).
  const urgentAt = pagePoint(after, [urgent.location.lng, urgent.location.lat])
  await page.mouse.click(urgentAt[0], urgentAt[1])
  const isCyan = ([r, g, b]: [number, number, number]): boolean => r < 90 && g > 180 && b > 200
  await expect.poll(async () => countAround(await shot(page), urgentAt, 26, isCyan)).toBeGreaterThanOrEqual(20)

  // The situation map shows open cases: a case the dispatcher rejects leaves it (an updateData
  // remove), and the closed-today switch in the legend, off by default, does not bring it back
  // (rejected is not closed).
  const [gone] = seeded
  const dispatcher = callerFor(liveHub.hub, TEST_TOKENS.dispatcher)
  const { answer } = await liveHub.hub.command(
    {
      commandId: randomUUID(),
      type: 'reject',
      incidentId: gone.id,
      expectedVersion: gone.version,
      payload: { reason: '重复上报' },
      issuedAt: new Date().toISOString()
    },
    dispatcher
  )
  expect(answer.ok).toBe(true)
  await expect(canvas).toHaveAttribute('data-incidents', '2')
  await page.getByTestId('legend-toggle').click()
  await expect(page.getByTestId('map-legend')).toHaveAttribute('data-open', 'true')
  const closedToday = page.getByTestId('legend-closed-today')
  await expect(closedToday).not.toBeChecked()
  await closedToday.check()
  await expect(canvas).toHaveAttribute('data-closed-today', '1')
  await expect(canvas).toHaveAttribute('data-incidents', '2')
  await closedToday.uncheck()
  await expect(canvas).toHaveAttribute('data-closed-today', '0')

  // H switches to the heat view and back (a view change, allowed on the wall).
  await page.keyboard.press('h')
  await expect(canvas).toHaveAttribute('data-heat', '1')
  await page.keyboard.press('h')
  await expect(canvas).toHaveAttribute('data-heat', '0')

  // The viewer token may read but not command: the host answers read_only.
  const reply = await new Promise<unknown>((resolve, reject) => {
    const socket = new WebSocket(`${host.url.replace('http', 'ws')}/api?token=${encodeURIComponent(viewerToken)}`, { origin: host.url })
    socket.on('error', reject)
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          kind: 'call',
          id: 1,
          method: 'issueCommand',
          params: [{ type: 'accept', incidentId: urgent.id, expectedVersion: urgent.version, payload: {} }]
        })
      )
    )
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { kind: string; id?: number }
      if (frame.kind === 'reply' && frame.id === 1) {
        socket.close()
        resolve(frame)
      }
    })
  })
  expect(reply).toMatchObject({ kind: 'reply', id: 1, ok: false, error: { code: 'read_only' } })
  expect((await liveHub.hub.store.getIncident(urgent.id))?.status).toBe('reported')

  // The hub goes away: the wall says it shows the local cache, and keeps showing it.
  await liveHub.stop()
  hub = null
  await expect(page.getByTestId('wall-banner')).toHaveAttribute('data-banner', 'offline', { timeout: 60_000 })
  await expect(page.getByTestId('wall-banner')).toHaveText('网络中断 — 显示本地缓存')
  await expect(canvas).toHaveAttribute('data-incidents', '2')
  expect(errors).toEqual([])
})
