// The map benchmark as a registry entry for bench/run.ts. The whole bench is bound to 5 minutes
// (issue 17); each wait on Chromium runs inside one of these phases, so a hang fails by name.
import type { BenchEntry } from '../harness'
import { MAP_SIZES, type MapBenchOptions, runMapBench } from './run-map-bench'

const S = 1000

export const mapBench: BenchEntry<MapBenchOptions> = {
  name: 'map',
  what: 'incremental map delta vs full setData in Chromium, stream and pulse; floor: an empty map',
  bound: [5 * 60 * S, 3 * 60 * S],
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
    'floor: empty map': [60 * S, 60 * S]
  },
  sizes: MAP_SIZES,
  run: async (ctx) => ({ figures: await runMapBench(ctx.sizes, ctx.phase, ctx.signal, (figures) => ctx.partial({ figures })) })
}
