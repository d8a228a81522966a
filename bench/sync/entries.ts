// The sync benchmarks as registry entries for bench/run.ts: phases with their bounds ([full, quick]
// ms), the sizes of a full and a quick run. Bounds are upper limits for a loaded 2-core box, not
// expectations; a phase past its bound fails with its name.
import type { BenchEntry } from '../harness'
import {
  CATCH_UP_SIZES,
  type CatchUpSizes,
  DRAIN_SIZES,
  type DrainSizes,
  INGEST_SIZES,
  type IngestSizes,
  benchCatchUp,
  benchIngest,
  benchOutboxDrain
} from './benchmarks'

const S = 1000

export const ingestBench: BenchEntry<IngestSizes> = {
  name: 'ingest',
  what: 'live changes into the cache vs one transaction per change; floors: raw Socket.IO receive, SQLite bulk insert',
  bound: [3 * 60 * S, 60 * S],
  phases: { core: [90 * S, 30 * S], baseline: [60 * S, 30 * S], 'floor: raw socket': [60 * S, 20 * S], 'floor: sqlite': [60 * S, 20 * S] },
  sizes: INGEST_SIZES,
  run: async (ctx) => ({ measured: [await benchIngest(ctx)] })
}

export const catchUpBench: BenchEntry<CatchUpSizes> = {
  name: 'catch-up',
  what: 'catch-up from the reference hub vs one transaction per change; floors: sync pages with no cache, SQLite bulk insert',
  bound: [5 * 60 * S, 60 * S],
  phases: {
    'seed hub': [90 * S, 30 * S],
    core: [60 * S, 20 * S],
    // One transaction per change: ~200 changes/s when five jobs share the two cores.
    baseline: [150 * S, 20 * S],
    'floor: sync pages': [60 * S, 20 * S],
    'floor: sqlite': [60 * S, 20 * S]
  },
  sizes: CATCH_UP_SIZES,
  run: async (ctx) => ({ measured: [await benchCatchUp(ctx)] })
}

export const outboxBench: BenchEntry<DrainSizes> = {
  name: 'outbox',
  what: 'outbox drain vs one command per round trip; floors: fsync probe, SQLite bulk insert',
  bound: [3 * 60 * S, 60 * S],
  phases: {
    'start hub': [60 * S, 30 * S],
    core: [90 * S, 20 * S],
    baseline: [90 * S, 20 * S],
    'floor: fsync': [30 * S, 10 * S],
    'floor: sqlite': [60 * S, 20 * S]
  },
  sizes: DRAIN_SIZES,
  run: async (ctx) => ({ measured: [await benchOutboxDrain(ctx)] })
}
