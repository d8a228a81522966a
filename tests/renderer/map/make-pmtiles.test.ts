// The hand-built PMTiles fixture is a real archive: the pmtiles reader finds its one tile.
import { describe, expect, it } from 'vitest'
import { PMTiles, TileType, type Source } from 'pmtiles'
import { onePngPmtiles, solidPng } from './make-pmtiles'

function bufferSource(buf: Buffer): Source {
  return {
    getKey: () => 'mem',
    getBytes: async (offset, length) => {
      const data = new ArrayBuffer(Math.max(0, Math.min(length, buf.length - offset)))
      new Uint8Array(data).set(buf.subarray(offset, offset + length))
      return { data }
    }
  }
}

describe('onePngPmtiles', () => {
  it('reads back with the pmtiles library: header, tile type and the tile bytes', async () => {
    const png = solidPng([0, 200, 80], 8)
    const archive = new PMTiles(bufferSource(onePngPmtiles(png)))
    const header = await archive.getHeader()
    expect(header.tileType).toBe(TileType.Png)
    expect(header.maxZoom).toBe(0)
    const tile = await archive.getZxy(0, 0, 0)
    expect(Buffer.from(tile?.data ?? new ArrayBuffer(0)).equals(png)).toBe(true)
  })

  it('random bytes are refused as not a PMTiles archive', async () => {
    const archive = new PMTiles(bufferSource(Buffer.alloc(200, 7)))
    await expect(archive.getHeader()).rejects.toThrow()
  })
})
