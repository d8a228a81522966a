// Operator basemaps end to end on the dispatcher console: an unreachable XYZ service, a bad URL
// and a file that is not PMTiles each give a clear message and leave the schematic basemap; a
// real PMTiles file and a local XYZ service are drawn beneath it and saved in the settings.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'
import { onePngPmtiles, solidPng } from '../renderer/map/make-pmtiles'
import { readPng } from '../renderer/map/png'

const MAGENTA: [number, number, number] = [255, 0, 255]
const GREEN: [number, number, number] = [0, 200, 80]

let hub: TestHub | null = null
let core: ConsoleCore | null = null
let web: WebHost | null = null
let tiles: Server | null = null
let tileRequests = 0
let dataDir = ''

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'gcc-e2e-basemap-'))
  hub = await startTestHub()
  await reportIncidents(hub.hub, 1)
  core = await openConsole({ dataDir, hubUrl: hub.url, token: TEST_TOKENS.dispatcher })
  web = await startWebHost({
    api: core.api,
    rendererDir: path.resolve('out/renderer'),
    operatorToken: randomBytes(24).toString('base64url'),
    viewerToken: randomBytes(24).toString('base64url')
  })
  const png = solidPng(MAGENTA)
  tiles = createServer((req, res) => {
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end()
      return
    }
    tileRequests++
    res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' }).end(png)
  })
})

test.afterAll(async () => {
  await new Promise((resolve) => tiles?.close(resolve))
  await web?.close()
  await core?.close()
  await hub?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Colour at the map's left edge, middle height: outside the district, so only a basemap draws there. */
async function edgeColour(page: Page): Promise<[number, number, number]> {
  const box = await page.getByTestId('map-canvas').boundingBox()
  if (!box) throw new Error('no map')
  return readPng(await page.screenshot()).pixel(box.x + 6, box.y + box.height / 2)
}

const near = (a: [number, number, number], b: [number, number, number]): boolean =>
  a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 12)

/** The schematic alone: neither test basemap's colour shows at the edge. */
const schematicOnly = (c: [number, number, number]): boolean => !near(c, MAGENTA) && !near(c, GREEN)

async function openPanel(page: Page, kind: 'pmtiles' | 'xyz'): Promise<void> {
  const panel = page.getByTestId('basemap-panel')
  if (!(await panel.isVisible())) await page.keyboard.press('b')
  await expect(panel).toBeVisible()
  await panel.getByLabel(kind === 'xyz' ? '内网 XYZ 瓦片服务' : '本地 PMTiles 文件').check()
}

test('basemaps: bad inputs keep the schematic with a message; PMTiles and XYZ load and are saved', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  const host = web as WebHost
  const port = await listen(tiles as Server)
  const dead = createServer()
  const deadPort = await listen(dead)
  await new Promise((resolve) => dead.close(resolve))

  await page.goto(host.operatorUrl)
  const map = page.getByTestId('map')
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-loaded', '1')
  await page.waitForTimeout(500)
  expect(schematicOnly(await edgeColour(page))).toBe(true)
  const message = page.getByTestId('map-message')

  // Unreachable service: message, nothing saved, schematic unchanged.
  await openPanel(page, 'xyz')
  await page.getByTestId('basemap-url').fill(`http://127.0.0.1:${deadPort}/tiles/{z}/{x}/{y}.png`)
  await page.getByTestId('basemap-apply').click()
  await expect(message).toContainText('无法访问瓦片服务')
  await expect(map).toHaveAttribute('data-basemap', 'error')
  expect((await core?.api.getSettings())?.basemap).toEqual({ kind: 'none' })
  expect(schematicOnly(await edgeColour(page))).toBe(true)

  // Not a tile URL template at all.
  await page.getByTestId('basemap-url').fill('ftp://10.0.0.1/tiles')
  await page.getByTestId('basemap-apply').click()
  await expect(message).toContainText('地址无效')

  // A local path typed in a browser: only the desktop app can serve a file by path; nothing saved.
  await openPanel(page, 'pmtiles')
  await page.getByTestId('basemap-path').fill('/srv/maps/district.pmtiles')
  await page.getByTestId('basemap-apply').click()
  await expect(message).toContainText('无法自动重新打开本地文件“/srv/maps/district.pmtiles”')
  expect((await core?.api.getSettings())?.basemap).toEqual({ kind: 'none' })
  await page.getByTestId('basemap-path').fill('')

  // A file that is not a PMTiles archive.
  await page.getByTestId('basemap-file').setInputFiles({ name: 'bad.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.alloc(400, 7) })
  await page.getByTestId('basemap-apply').click()
  await expect(message).toContainText('“bad.pmtiles”不是有效的 PMTiles 底图')
  await expect(map).toHaveAttribute('data-basemap', 'error')
  expect(schematicOnly(await edgeColour(page))).toBe(true)

  // A real (tiny, one green tile) PMTiles archive: drawn beneath, saved by name.
  await page.getByTestId('basemap-file').setInputFiles({
    name: 'green.pmtiles',
    mimeType: 'application/octet-stream',
    buffer: onePngPmtiles(solidPng(GREEN))
  })
  await page.getByTestId('basemap-apply').click()
  await expect(map).toHaveAttribute('data-basemap', 'pmtiles')
  await expect(page.getByTestId('basemap-panel')).toBeHidden()
  await expect.poll(() => edgeColour(page).then((c) => near(c, GREEN))).toBe(true)
  expect((await core?.api.getSettings())?.basemap).toEqual({ kind: 'pmtiles', path: 'green.pmtiles' })

  // A local XYZ service (magenta tiles): drawn beneath, saved with its CRS.
  await openPanel(page, 'xyz')
  await page.getByTestId('basemap-url').fill(`http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png`)
  await page.getByTestId('basemap-apply').click()
  await expect(map).toHaveAttribute('data-basemap', 'xyz')
  await expect.poll(() => edgeColour(page).then((c) => near(c, MAGENTA))).toBe(true)
  expect(tileRequests).toBeGreaterThan(1)
  expect((await core?.api.getSettings())?.basemap).toMatchObject({ kind: 'xyz', crs: 'wgs84' })

  // GCJ-02: the map is rebuilt with shifted overlays and the service loads again beneath them.
  await openPanel(page, 'xyz')
  await page.getByTestId('basemap-crs').selectOption('gcj02')
  await page.getByTestId('basemap-apply').click()
  await expect.poll(async () => (await core?.api.getSettings())?.basemap).toMatchObject({ kind: 'xyz', crs: 'gcj02' })
  await expect(map).toHaveAttribute('data-basemap', 'xyz')
  await expect.poll(() => edgeColour(page).then((c) => near(c, MAGENTA))).toBe(true)

  // Back to none: the schematic alone again.
  await page.keyboard.press('b')
  await page.getByTestId('basemap-panel').getByLabel('示意底图（无外部底图）').check()
  await page.getByTestId('basemap-apply').click()
  await expect(map).toHaveAttribute('data-basemap', 'none')
  await expect(message).toHaveCount(0)
  await expect.poll(() => edgeColour(page).then(schematicOnly)).toBe(true)
  expect(errors).toEqual([])
})
