// Issue 13: data-drawn (what the start-up bench waits for) is set at the first frame after the cases'
// data reached the worker that draws every tile of their source: not before the data is in, not while
// tiles are loading, and never for a map removed meanwhile.
import { describe, expect, it } from 'vitest'
import type { Map as MaplibreMap } from 'maplibre-gl'
import { whenSourceDrawn } from '../../../src-renderer/map/first-draw'

/** The few Map methods whenSourceDrawn uses, with frames and tile loading turned by hand. */
function fakeMap() {
  const listeners = new Set<() => void>()
  const state = { hasSource: true, tilesLoaded: false, repaints: 0 }
  const map = {
    on: (_: 'render', f: () => void) => void listeners.add(f),
    off: (_: 'render', f: () => void) => void listeners.delete(f),
    getSource: () => (state.hasSource ? {} : undefined),
    isSourceLoaded: () => state.tilesLoaded,
    triggerRepaint: () => void state.repaints++
  }
  return { map: map as unknown as MaplibreMap, state, frame: () => [...listeners].forEach((f) => f()), listening: () => listeners.size }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('whenSourceDrawn', () => {
  it('waits for the data to be set, then for a frame with every tile loaded', async () => {
    const m = fakeMap()
    let resolveData: () => void = () => {}
    const dataSet = new Promise<void>((r) => (resolveData = r))
    let drawn = 0
    whenSourceDrawn(m.map, 'incidents', dataSet, () => drawn++)
    m.state.tilesLoaded = true
    m.frame()
    // Loaded tiles from before the data do not count: nothing listens yet.
    expect(drawn).toBe(0)
    m.state.tilesLoaded = false
    resolveData()
    await tick()
    expect(m.state.repaints).toBe(1)
    m.frame()
    expect(drawn).toBe(0)
    m.state.tilesLoaded = true
    m.frame()
    expect(drawn).toBe(1)
    m.frame()
    expect(drawn).toBe(1)
    expect(m.listening()).toBe(0)
  })

  it('stops listening, without calling back, when the source is gone (the map was rebuilt)', async () => {
    const m = fakeMap()
    let drawn = 0
    whenSourceDrawn(m.map, 'incidents', Promise.resolve(), () => drawn++)
    await tick()
    m.state.hasSource = false
    m.frame()
    expect(drawn).toBe(0)
    expect(m.listening()).toBe(0)
  })
})
