// Test fixtures for operator basemaps: a solid-colour PNG, and a valid one-tile raster PMTiles v3
// archive built by hand (the pmtiles package reads archives but does not write them).
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An opaque RGB PNG of one colour. */
export function solidPng(rgb: [number, number, number], size = 256): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type RGB
  const row = Buffer.alloc(1 + size * 3)
  for (let x = 0; x < size; x++) row.set(rgb, 1 + x * 3)
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0))
  ])
}

function varint(n: number): number[] {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return out
}

/** A PMTiles v3 archive holding one PNG tile at z0 (tile id 0), covering the world. */
export function onePngPmtiles(png: Buffer): Buffer {
  const HEADER = 127
  // Root directory: 1 entry; tile id delta 0, run length 1, length, offset+1.
  const dir = Buffer.from([...varint(1), ...varint(0), ...varint(1), ...varint(png.length), ...varint(0 + 1)])
  const meta = Buffer.from('{"name":"test"}')
  const header = Buffer.alloc(HEADER)
  header.write('PMTiles', 0, 'ascii')
  header[7] = 3
  const u64 = (value: number, at: number): void => {
    header.writeBigUInt64LE(BigInt(value), at)
  }
  u64(HEADER, 8) // root dir offset
  u64(dir.length, 16)
  u64(HEADER + dir.length, 24) // metadata offset
  u64(meta.length, 32)
  u64(HEADER + dir.length + meta.length, 40) // leaf dirs offset (none)
  u64(0, 48)
  u64(HEADER + dir.length + meta.length, 56) // tile data offset
  u64(png.length, 64)
  u64(1, 72) // addressed tiles
  u64(1, 80) // tile entries
  u64(1, 88) // tile contents
  header[96] = 1 // clustered
  header[97] = 1 // internal compression: none
  header[98] = 1 // tile compression: none
  header[99] = 2 // tile type: png
  header[100] = 0 // min zoom
  header[101] = 0 // max zoom
  header.writeInt32LE(-180 * 1e7, 102)
  header.writeInt32LE(-85 * 1e7, 106)
  header.writeInt32LE(180 * 1e7, 110)
  header.writeInt32LE(85 * 1e7, 114)
  header[118] = 0
  header.writeInt32LE(0, 119)
  header.writeInt32LE(0, 123)
  return Buffer.concat([header, dir, meta, png])
}
