// Each figure printed beside its floors with the figure ÷ floor cost, and a run marked noisy when
// the machine was loaded before it started.
import { describe, expect, it } from 'vitest'
import { type BenchResults, headerText, mapFloorOf, overFloor, renderMarkdown, renderText } from '../../bench/report'
import type { Measured } from '../../bench/sync/benchmarks'

const ingest: Measured = {
  name: 'Live ingest',
  unit: 'changes/s',
  core: 20_000,
  baseline: 1000,
  higherIsBetter: true,
  target: 20_000,
  notes: 'n',
  floors: [{ name: 'raw Socket.IO receive', value: 50_000, detail: 'a bare client' }]
}
const catchUp: Measured = {
  name: 'Catch-up',
  unit: 's',
  core: 6,
  baseline: 100,
  higherIsBetter: false,
  target: 5,
  notes: 'n',
  floors: [{ name: 'sync pages, no cache', value: 1.5, detail: 'pages only' }]
}
const machine = { cpu: 'Test CPU', cores: 2, memoryGiB: 8, node: 'v20', platform: 'linux x64', date: '2026-12-04T00:00:00Z' }

describe('bench report', () => {
  it('states each figure as a cost multiple of its floor, rates and times alike', () => {
    expect(overFloor(ingest, ingest.floors![0]!)).toBe(2.5)
    expect(overFloor(catchUp, catchUp.floors![0]!)).toBe(4)
    const text = renderText([ingest, catchUp], null, machine)
    expect(text).toContain('    floor: raw Socket.IO receive 50,000 changes/s (costs 2.5× the floor) — a bare client')
    expect(text).toContain('    floor: sync pages, no cache 1.50 s (costs 4.0× the floor) — pages only')
  })

  it('marks a run noisy when the 1-minute load was above 1 before it, and says so in the doc', () => {
    const quiet = headerText({ ...machine, loadBefore: [0.4, 0.5, 0.6], loadAfter: [1.2, 0.8, 0.7], noisy: false })
    expect(quiet).toContain('load average (1/5/15 min) before: 0.40 / 0.50 / 0.60; after: 1.20 / 0.80 / 0.70')
    expect(quiet).not.toContain('NOISY')
    const r: BenchResults = { machine: { ...machine, loadBefore: [3.5, 4, 2], noisy: true }, results: [ingest], map: null, failures: [] }
    const md = renderMarkdown(r)
    expect(md).toContain('**NOISY: the 1-minute load was 3.50 (> 1) before the run started')
    expect(md).toContain('| Live ingest | 20,000 changes/s | 1,000 changes/s | 20.0× | ≥ 20,000 changes/s, ≥ 5× baseline | met | raw Socket.IO receive 50,000 changes/s (costs 2.5× the floor) |')
  })

  it('puts each map figure that has one beside the empty-map floor', () => {
    const map = { 'map.worst.wall.set_to_idle_median_ms': 500, 'map.worst.stream.frame_median_ms': 150, 'map.floor.empty_redraw_to_idle_median_ms': 100, 'map.floor.empty_rest_frame_median_ms': 16.7 }
    expect(mapFloorOf('map.worst.wall.set_to_idle_median_ms', map)).toEqual({ floor: 'map.floor.empty_redraw_to_idle_median_ms', ratio: 5 })
    expect(mapFloorOf('map.worst.stream.frame_median_ms', map)?.ratio).toBeCloseTo(150 / 16.7)
    expect(mapFloorOf('map.floor.empty_rest_frame_median_ms', map)).toBeNull()
    const md = renderMarkdown({ machine, results: [], map, failures: [] })
    expect(md).toContain('| map.worst.wall.set_to_idle_median_ms | 500 | map.floor.empty_redraw_to_idle_median_ms = 100 | 5.0× |')
  })

  it('puts each latency figure beside the wire figure of the same rate and statistic', () => {
    const figures = { 'latency.0.2.screen_p95_ms': 60, 'latency.0.2.wire_p95_ms': 30, 'latency.20.screen_p50_ms': 90, 'latency.20.wire_p50_ms': 45, 'latency.20.wire_p95_ms': 1 }
    expect(mapFloorOf('latency.0.2.screen_p95_ms', figures)).toEqual({ floor: 'latency.0.2.wire_p95_ms', ratio: 2 })
    expect(mapFloorOf('latency.20.screen_p50_ms', figures)).toEqual({ floor: 'latency.20.wire_p50_ms', ratio: 2 })
    // No wire figure measured for that statistic: no floor rather than another rate's.
    expect(mapFloorOf('latency.20.screen_max_ms', figures)).toBeNull()
    expect(mapFloorOf('latency.20.wire_p95_ms', figures)).toBeNull()
  })
})
