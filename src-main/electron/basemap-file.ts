// Serves the operator's PMTiles basemap to the renderer on app://console/basemap/current.pmtiles
// with HTTP Range support (PMTiles reads a file in byte ranges). Only the one file named in the
// saved settings is ever read: the URL carries no file name, so no other file can be asked for.
import { open, stat } from 'node:fs/promises'
import path from 'node:path'

/** The URL path the renderer fetches (src-renderer/map/basemap-location.ts has the same; a test holds them together). */
export const HOST_BASEMAP_PATH = '/basemap/current.pmtiles'

/** Larger single reads than this are refused: PMTiles asks for directories and tiles, never whole files. */
export const MAX_RANGE_BYTES = 64 * 1024 * 1024

export type ByteRange = { start: number; end: number }

/**
 * One `bytes=` range against a file of `size` bytes: `a-b`, `a-` or `-n` (the last n bytes),
 * clamped to the file. null when there is no Range header; 'invalid' for anything else
 * (several ranges, bad syntax, past the end), answered with 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | null | 'invalid' {
  if (header === null) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!m) return 'invalid'
  const [, a = '', b = ''] = m
  if (a === '' && b === '') return 'invalid'
  if (a === '') {
    const n = Number(b)
    if (n === 0 || size === 0) return 'invalid'
    return { start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(a)
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1)
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'invalid'
  return { start, end }
}

/**
 * The configured basemap as a file this process may read: an absolute local path to a
 * .pmtiles file. URLs (http, file) are fetched by the renderer itself; anything else is refused.
 */
export function allowedBasemapFile(configured: string | null): string | null {
  if (configured === null || /^[a-z][a-z0-9+.-]*:\/\//i.test(configured)) return null
  if (!path.isAbsolute(configured) && !path.win32.isAbsolute(configured)) return null
  if (!/\.pmtiles$/i.test(configured)) return null
  return path.normalize(configured)
}

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })

/** The response to one request for HOST_BASEMAP_PATH, given the basemap path in the saved settings. */
export async function basemapResponse(configured: string | null, method: string, rangeHeader: string | null): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'method not allowed', { Allow: 'GET, HEAD' })
  const file = allowedBasemapFile(configured)
  if (!file) return text(404, 'no local PMTiles basemap is configured')
  let size: number
  let etag: string
  try {
    const info = await stat(file)
    if (!info.isFile()) return text(404, 'the configured basemap is not a file')
    size = info.size
    // Changes when the file is replaced, so PMTiles drops what it cached of the old one.
    etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`
  } catch {
    return text(404, 'the configured basemap file cannot be read')
  }
  const range = parseRange(rangeHeader, size)
  if (range === 'invalid') return text(416, 'range not satisfiable', { 'Content-Range': `bytes */${size}` })
  const { start, end } = range ?? { start: 0, end: size - 1 }
  const length = Math.max(0, end - start + 1)
  if (length > MAX_RANGE_BYTES) return text(416, 'ask for the file in ranges', { 'Content-Range': `bytes */${size}` })
  const headers: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-Length': String(length),
    'Cache-Control': 'no-cache',
    ETag: etag
  }
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  const status = range ? 206 : 200
  if (method === 'HEAD' || length === 0) return new Response(null, { status, headers })
  const handle = await open(file, 'r')
  try {
    const body = new Uint8Array(length)
    let read = 0
    while (read < length) {
      const { bytesRead } = await handle.read(body, read, length - read, start + read)
      if (bytesRead === 0) break
      read += bytesRead
    }
    if (read < length) return text(500, 'the basemap file changed while it was read')
    return new Response(body, { status, headers })
  } finally {
    await handle.close()
  }
}
