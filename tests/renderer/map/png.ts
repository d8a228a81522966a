// A small PNG reader for tests (8-bit RGB/RGBA, not interlaced: what Chromium screenshots are),
// so end-to-end tests can check the colours the map drew at a point.
import { inflateSync } from 'node:zlib'

export type Image = { width: number; height: number; pixel: (x: number, y: number) => [number, number, number] }

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

export function readPng(buf: Buffer): Image {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let pos = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos)
    const type = buf.toString('ascii', pos + 4, pos + 8)
    const data = buf.subarray(pos + 8, pos + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]]
      if (depth !== 8 || interlace !== 0 || (colour !== 2 && colour !== 6)) throw new Error('unsupported PNG')
      channels = colour === 6 ? 4 : 3
    } else if (type === 'IDAT') idat.push(data)
    pos += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const out = Buffer.alloc(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0
      const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] ?? 0
      out[y * stride + x] = (v + predicted) & 0xff
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const i = Math.round(y) * stride + Math.round(x) * channels
      return [out[i] ?? 0, out[i + 1] ?? 0, out[i + 2] ?? 0]
    }
  }
}

/** Web Mercator (512 px tiles, as MapLibre) from a map centre and zoom to CSS pixels in its canvas. */
export function toScreen(
  lngLat: [number, number],
  centre: [number, number],
  zoom: number,
  size: { width: number; height: number }
): [number, number] {
  const world = 512 * 2 ** zoom
  const project = ([lng, lat]: [number, number]): [number, number] => {
    const phi = (lat * Math.PI) / 180
    return [((lng + 180) / 360) * world, ((1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2) * world]
  }
  const [x, y] = project(lngLat)
  const [cx, cy] = project(centre)
  return [x - cx + size.width / 2, y - cy + size.height / 2]
}
