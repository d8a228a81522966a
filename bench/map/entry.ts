// The map benchmarks as registry entries for bench/run.ts. The map bench is bound to 5 minutes
// (issue 17); each wait on Chromium runs inside one of these phases, so a hang fails by name. The
// overlay comparison of issue 14 is its own entry with its own bound, so it never eats the map
// bench's five minutes.
import type { BenchEntry } from '../harness'
import { MAP_SIZES, type MapBenchOptions, runMapBench } from './run-map-bench'

const S = 1000

const pagePhases = {
  'build page': [90 * S, 60 * S],
  launch: [60 * S, 30 * S],
  'floor: empty map': [60 * S, 60 * S]
} as const

export const mapBench: BenchEntry<MapBenchOptions> = {
  name: 'map',
  what: 'incremental map delta vs full setData in Chromium, stream and pulse; floor: an empty map',
  bound: [5 * 60 * S, 3 * 60 * S],
  phases: {
    ...pagePhases,
    load: [90 * S, 45 * S],
    compare: [90 * S, 20 * S],
    'traced compare': [90 * S, 20 * S],
    rest: [30 * S, 15 * S],
    stream: [120 * S, 20 * S],
    pulse: [60 * S, 20 * S],
    trace: [90 * S, 20 * S]
  },
  sizes: { full: { ...MAP_SIZES.full, overlay: false }, quick: { ...MAP_SIZES.quick, overlay: false } },
  run: async (ctx) => ({ figures: await runMapBench(ctx.sizes, ctx.phase, ctx.signal, (figures) => ctx.partial({ figures })) })
}

/** Issue 14: grid-type shading + functional-grid overlay against the plain map, taking turns (overlay-compare.ts). */
export const mapOverlayBench: BenchEntry<MapBenchOptions> = {
  name: 'map-overlay',
  what: 'delta path with grid-type shading and the functional-grid overlay vs the plain map (target ≤ 1.10×); floor: an empty map',
  bound: [4 * 60 * S, 2 * 60 * S],
  phases: {
    ...pagePhases,
    'overlay: load': [150 * S, 60 * S],
    'overlay: compare': [120 * S, 30 * S]
  },
  sizes: {
    full: { ...MAP_SIZES.full, scenarios: [], overlay: true },
    quick: { incidents: 2000, changes: 20, reps: 2, scenarios: [], overlay: true }
  },
  run: async (ctx) => ({ figures: await runMapBench(ctx.sizes, ctx.phase, ctx.signal, (figures) => ctx.partial({ figures })) })
}
