// The map benchmark as a registry entry for bench/run.ts. The whole bench is bound to 5 minutes
// (issue 17); each wait on Chromium runs inside one of these phases, so a hang fails by name.
import type { BenchEntry } from '../harness'
import { MAP_SIZES, type MapBenchOptions, runMapBench } from './run-map-bench'

const S = 1000

export const mapBench: BenchEntry<MapBenchOptions> = {
  name: 'map',
  what: 'incremental map delta vs full setData in Chromium, stream and pulse; grid-type shading + functional-grid overlay vs plain; floor: an empty map',
  // Issue 14 added the overlay comparison (two pages loaded, 7 turns each): 2 more minutes.
  bound: [7 * 60 * S, 4 * 60 * S],
  phases: {
    'build page': [90 * S, 60 * S],
    launch: [60 * S, 30 * S],
    load: [90 * S, 45 * S],
    compare: [90 * S, 20 * S],
    'traced compare': [90 * S, 20 * S],
    rest: [30 * S, 15 * S],
    stream: [120 * S, 20 * S],
    pulse: [60 * S, 20 * S],
    trace: [90 * S, 20 * S],
    'floor: empty map': [60 * S, 60 * S],
    // Issue 14: shading + functional-grid overlay against the plain map, taking turns (overlay-compare.ts).
    'overlay: load': [150 * S, 60 * S],
    'overlay: compare': [120 * S, 30 * S]
  },
  sizes: MAP_SIZES,
  run: async (ctx) => ({ figures: await runMapBench(ctx.sizes, ctx.phase, ctx.signal, (figures) => ctx.partial({ figures })) })
}
