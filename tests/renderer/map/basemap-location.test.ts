// Where a saved PMTiles basemap is read from: URLs as they are, a local path from the desktop
// app's own origin, and nothing in a browser (the file must be chosen again there).
import { describe, expect, it } from 'vitest'
import { isAbsolutePath, isUrl, pmtilesLocation } from '../../../src-renderer/map/basemap-location'

describe('pmtilesLocation', () => {
  it('keeps http(s) and file URLs', () => {
    expect(pmtilesLocation('https://10.1.2.3/district.pmtiles', 'http://127.0.0.1:5000')).toBe('https://10.1.2.3/district.pmtiles')
    expect(pmtilesLocation('file:///maps/d.pmtiles', 'app://console')).toBe('file:///maps/d.pmtiles')
    expect(isUrl('HTTP://x/y')).toBe(true)
  })

  it('reads a local path from the desktop host, with the path in the query so a new file is a new URL', () => {
    const a = pmtilesLocation('D:\\底图\\a.pmtiles', 'app://console')
    const b = pmtilesLocation('D:\\底图\\b.pmtiles', 'app://console')
    expect(a).toMatch(/^app:\/\/console\/basemap\/current\.pmtiles\?v=/)
    expect(a).not.toBe(b)
  })

  it('a bare file name (chosen with the file picker) cannot be reopened, even in the desktop app', () => {
    expect(pmtilesLocation('district.pmtiles', 'app://console')).toBeNull()
    expect(isAbsolutePath('/maps/d.pmtiles')).toBe(true)
    expect(isAbsolutePath('C:\\maps\\d.pmtiles')).toBe(true)
    expect(isAbsolutePath('C:/maps/d.pmtiles')).toBe(true)
    expect(isAbsolutePath('\\\\server\\share\\d.pmtiles')).toBe(true)
    expect(isAbsolutePath('maps/d.pmtiles')).toBe(false)
  })

  it('cannot read a local path in a browser', () => {
    expect(pmtilesLocation('district.pmtiles', 'http://127.0.0.1:5000')).toBeNull()
    expect(pmtilesLocation('/maps/district.pmtiles', 'http://127.0.0.1:5000')).toBeNull()
  })
})
