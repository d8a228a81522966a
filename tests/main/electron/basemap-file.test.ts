// The desktop app's PMTiles basemap route with electron mocked: Range parsing, the one-file
// restriction (the request never names a file), and the bytes, headers and refusals it answers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { routeAppRequest } from '../../../src-main/electron/app-protocol'
import {
  allowedBasemapFile,
  basemapResponse,
  HOST_BASEMAP_PATH,
  MAX_RANGE_BYTES,
  parseRange
} from '../../../src-main/electron/basemap-file'
import { HOST_BASEMAP_PATH as RENDERER_PATH, pmtilesLocation } from '../../../src-renderer/map/basemap-location'

vi.mock('electron', () => ({ protocol: {} }))

let dir = ''
let file = ''
const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251)

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gcc-basemap-'))
  file = path.join(dir, 'district.pmtiles')
  writeFileSync(file, bytes)
  writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parseRange', () => {
  it('reads a-b, a- and -n, clamped to the file', () => {
    expect(parseRange(null, 1000)).toBeNull()
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 })
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 })
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 })
    expect(parseRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 })
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 })
  })

  it('refuses several ranges, bad syntax, and ranges past the end', () => {
    for (const bad of ['bytes=0-1,5-6', 'bytes=a-b', 'items=0-1', 'bytes=-', 'bytes=-0', 'bytes=1000-', 'bytes=50-10', '0-10']) {
      expect(parseRange(bad, 1000), bad).toBe('invalid')
    }
    expect(parseRange('bytes=-1', 0)).toBe('invalid')
  })
})

describe('allowedBasemapFile', () => {
  it('accepts only an absolute path to a .pmtiles file', () => {
    expect(allowedBasemapFile('/data/maps/district.pmtiles')).toBe('/data/maps/district.pmtiles')
    expect(allowedBasemapFile('C:\\maps\\district.PMTiles')).not.toBeNull()
    expect(allowedBasemapFile(null)).toBeNull()
    expect(allowedBasemapFile('district.pmtiles')).toBeNull()
    expect(allowedBasemapFile('/etc/passwd')).toBeNull()
    expect(allowedBasemapFile('https://tiles.example/district.pmtiles')).toBeNull()
    expect(allowedBasemapFile('file:///data/district.pmtiles')).toBeNull()
  })
})

describe('basemapResponse', () => {
  it('answers a range with 206 and exactly those bytes', async () => {
    const res = await basemapResponse(file, 'GET', 'bytes=100-199')
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000')
    expect(res.headers.get('content-length')).toBe('100')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('etag')).toMatch(/^".+"$/)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(100, 200))
  })

  it('answers no range with the whole file, and HEAD with headers only', async () => {
    const all = await basemapResponse(file, 'GET', null)
    expect(all.status).toBe(200)
    expect(new Uint8Array(await all.arrayBuffer())).toEqual(bytes)
    const head = await basemapResponse(file, 'HEAD', 'bytes=-10')
    expect(head.status).toBe(206)
    expect(head.headers.get('content-length')).toBe('10')
    expect(await head.text()).toBe('')
  })

  it('refuses a bad range (416), other methods (405), and no or a wrong configured file (404)', async () => {
    const bad = await basemapResponse(file, 'GET', 'bytes=5000-')
    expect(bad.status).toBe(416)
    expect(bad.headers.get('content-range')).toBe('bytes */1000')
    expect((await basemapResponse(file, 'POST', null)).status).toBe(405)
    expect((await basemapResponse(null, 'GET', null)).status).toBe(404)
    expect((await basemapResponse(path.join(dir, 'secret.txt'), 'GET', null)).status).toBe(404)
    expect((await basemapResponse(path.join(dir, 'missing.pmtiles'), 'GET', null)).status).toBe(404)
    expect((await basemapResponse(dir + '/', 'GET', null)).status).toBe(404)
    expect(MAX_RANGE_BYTES).toBeGreaterThan(1024 * 1024)
  })
})

describe('routeAppRequest', () => {
  const request = (url: string, range: string | null = null) => ({
    url,
    method: 'GET',
    headers: { get: (name: string) => (name.toLowerCase() === 'range' ? range : null) }
  })

  it('serves the configured file on the basemap path, whatever the query says', async () => {
    const res = await routeAppRequest(dir, async () => file, request(`app://console${HOST_BASEMAP_PATH}?v=${encodeURIComponent('/etc/passwd')}`, 'bytes=0-9'))
    expect(res.status).toBe(206)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.slice(0, 10))
  })

  it('never turns a request path into a file outside the renderer', async () => {
    for (const url of ['app://console/basemap/secret.txt', 'app://console/basemap/../secret.txt', 'app://console/basemap/%2e%2e/secret.txt']) {
      const res = await routeAppRequest(path.join(dir, 'renderer'), async () => path.join(dir, 'secret.txt'), request(url))
      expect(res.status, url).toBe(404)
    }
    const other = await routeAppRequest(dir, async () => file, request(`app://elsewhere${HOST_BASEMAP_PATH}`))
    expect(other.status).toBe(404)
  })

  it('the renderer asks for the path the main process serves', () => {
    expect(RENDERER_PATH).toBe(HOST_BASEMAP_PATH)
    expect(pmtilesLocation('/data/district.pmtiles', 'app://console')).toBe(
      `app://console${HOST_BASEMAP_PATH}?v=${encodeURIComponent('/data/district.pmtiles')}`
    )
  })
})
