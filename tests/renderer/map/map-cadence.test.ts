// Issue 13: the map's data updates are paced (at most one per interval but for new urgent cases),
// and what reaches the map after a burst is exactly the store's last state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DeltaBuffer } from '../../../src-renderer/map/delta-buffer'
import { MapCadence } from '../../../src-renderer/map/map-cadence'
import type { IncidentSummary } from '../../../src-shared/api'
import { makeSummary } from '../fixtures'

const FRAME_MS = 16
const INTERVAL_MS = 1000

/** A map fed through the cadence the way the controller feeds it: buffer on push, apply on run. */
function pacedMap(intervalMs = INTERVAL_MS) {
  const buffer = new DeltaBuffer()
  const shown = new Map<string, IncidentSummary>()
  let runs = 0
  const cadence = new MapCadence(
    () => {
      runs++
      const delta = buffer.take()
      for (const i of delta?.upserted ?? []) shown.set(i.id, i)
      for (const id of delta?.removed ?? []) shown.delete(id)
    },
    {
      intervalMs,
      now: () => Date.now(),
      frame: (run) => {
        const id = setTimeout(run, FRAME_MS)
        return () => clearTimeout(id)
      },
      setTimer: (run, ms) => {
        const id = setTimeout(run, ms)
        return () => clearTimeout(id)
      }
    }
  )
  return {
    cadence,
    shown,
    runs: () => runs,
    push(upserted: IncidentSummary[], removed: string[] = [], urgent = false) {
      buffer.push({ upserted, removed })
      cadence.request(urgent)
    }
  }
}

describe('MapCadence', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('applies a burst of 100 deltas over 2 s in at most 3 map updates, ending exactly at the last state', () => {
    const map = pacedMap()
    const store = new Map<string, IncidentSummary>()
    for (let n = 0; n < 100; n++) {
      const id = `inc-${n % 30}`
      if (n % 7 === 6) {
        store.delete(id)
        map.push([], [id])
      } else {
        const incident = makeSummary({ id, version: n + 1, title: `v${n}` })
        store.set(id, incident)
        map.push([incident])
      }
      vi.advanceTimersByTime(20)
    }
    vi.advanceTimersByTime(INTERVAL_MS + FRAME_MS)
    // The first delta at the next frame, then one per interval: 2 s of deltas make 3 updates.
    expect(map.runs()).toBeLessThanOrEqual(3)
    expect(map.runs()).toBeGreaterThanOrEqual(2)
    expect([...map.shown.entries()].sort()).toEqual([...store.entries()].sort())
  })

  it('puts the first change after a quiet spell on the map at the next frame', () => {
    const map = pacedMap()
    map.push([makeSummary({ id: 'a' })])
    vi.advanceTimersByTime(FRAME_MS)
    expect(map.shown.has('a')).toBe(true)
    vi.advanceTimersByTime(5 * INTERVAL_MS)
    map.push([makeSummary({ id: 'b' })])
    vi.advanceTimersByTime(FRAME_MS)
    expect(map.shown.has('b')).toBe(true)
    expect(map.runs()).toBe(2)
  })

  it('holds an ordinary change until the interval has passed', () => {
    const map = pacedMap()
    map.push([makeSummary({ id: 'a' })])
    vi.advanceTimersByTime(FRAME_MS)
    map.push([makeSummary({ id: 'b' })])
    vi.advanceTimersByTime(INTERVAL_MS / 2)
    expect(map.shown.has('b')).toBe(false)
    vi.advanceTimersByTime(INTERVAL_MS / 2 + FRAME_MS)
    expect(map.shown.has('b')).toBe(true)
  })

  it('does not hold a new urgent case behind the interval: it goes on at the next frame, with what waited', () => {
    const map = pacedMap()
    map.push([makeSummary({ id: 'a' })])
    vi.advanceTimersByTime(FRAME_MS)
    map.push([makeSummary({ id: 'b' })])
    vi.advanceTimersByTime(100)
    map.push([makeSummary({ id: 'urgent', urgency: 'urgent' })], [], true)
    vi.advanceTimersByTime(FRAME_MS)
    expect(map.shown.has('urgent')).toBe(true)
    expect(map.shown.has('b')).toBe(true)
    expect(map.runs()).toBe(2)
  })

  it('asks for one frame however many changes come before it', () => {
    const map = pacedMap()
    for (let n = 0; n < 10; n++) map.push([makeSummary({ id: `c${n}` })], [], n % 2 === 0)
    vi.advanceTimersByTime(FRAME_MS)
    expect(map.runs()).toBe(1)
    expect(map.shown.size).toBe(10)
  })

  it('runs nothing once cancelled', () => {
    const map = pacedMap()
    map.push([makeSummary({ id: 'a' })])
    map.cadence.cancel()
    vi.advanceTimersByTime(5 * INTERVAL_MS)
    expect(map.runs()).toBe(0)
  })

  it('with a zero interval follows every frame (the map bench’s old per-frame behaviour)', () => {
    const map = pacedMap(0)
    for (let n = 0; n < 5; n++) {
      map.push([makeSummary({ id: `c${n}` })])
      vi.advanceTimersByTime(FRAME_MS)
    }
    expect(map.runs()).toBe(5)
  })
})
