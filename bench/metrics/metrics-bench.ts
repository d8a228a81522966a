// `npm run bench -- metrics` (issue 10): the figures for 100,000 cached cases by street for a month,
// and the CSV export of those cases, each against a naive baseline in the same run — one query per
// case (SELECT … WHERE id = ?) and, for the figures, one computeMetrics pass per case and street.
// Targets: figures ≤ 0.5 s, export ≤ 2 s, each ≥ 5× the baseline. The console's path reads the case
// facts (schema 6, format 2 since schema 7: src-main/core/case-facts.ts), read in pipelined chunks; the
// baseline reads and fully parses each `data` row.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCache } from '../../src-main/core/open-cache'
import { CACHE_FILE_NAME, CacheReader } from '../../src-main/core/report/cache-reader'
import { casesCsv, casesReceivedIn } from '../../src-main/core/report/case-exports'
import { buildFigures } from '../../src-main/core/report/figures-report'
import { SqliteDb } from '../../src-sqlite/sqlite-db'
import { computeMetrics, periodOfDays } from '../../src-shared/domain'
import { Incident, type Change, type IncidentStatus, type TimelineEntry } from '../../src-shared/protocol'
import type { BenchEntry } from '../harness'
import type { Measured } from '../sync/benchmarks'

/** Cases in the cache: 100,000 in a full run, fewer in --quick (setCaseCount). */
let N = 100_000
export function setCaseCount(n: number): void {
  if (prepared) throw new Error('the case count is set before the cache is written')
  N = n
}
const MIN = 60_000
const PERIOD = periodOfDays('2026-11-01', '2026-11-30', 480)
const NOW = Date.parse('2026-11-30T10:00:00Z')
const STREETS = ['110101001', '110101002', '110101003', '110101004', '110101005', '110101006', '110101007', '110101008']
const actor = { id: 'a', name: '甲', role: 'dispatcher' as const }

/** A month of cases: most closed (some late, some reworked), the rest at every step of the loop. */
export function makeCase(i: number): Incident {
  const t0 = PERIOD.from.getTime() + Math.floor((i / N) * (PERIOD.to.getTime() - PERIOD.from.getTime() - 2 * 86_400_000))
  const street = STREETS[i % STREETS.length] ?? '110101001'
  const grid = `${street}${String(1 + (i % 7)).padStart(3, '0')}${String(1 + (i % 11)).padStart(3, '0')}`
  const unit = `u-${street}-${i % 5}`
  const steps: [string, IncidentStatus, number][] = [
    ['report', 'reported', 0],
    ['accept', 'accepted', 10],
    ['dispatch', 'dispatched', 20],
    ['sign', 'in_progress', 50],
    ['feedback', 'resolved', 200],
    ['verify', i % 9 === 0 ? 'dispatched' : 'closed', 260]
  ]
  const depth = i % 10 === 0 ? 2 + (i % 4) : steps.length
  const timeline: TimelineEntry[] = steps.slice(0, depth).map(([action, to, m]) => ({
    at: new Date(t0 + m * MIN).toISOString(),
    actor,
    action,
    to,
    ...(m >= 20 ? { unitIds: [unit] } : {})
  }))
  const last = timeline[timeline.length - 1]
  return {
    id: `inc-${i}`,
    version: timeline.length,
    seq: i + 1,
    code: `DC202611${String(i).padStart(6, '0')}`,
    status: last?.to ?? 'reported',
    urgency: i % 13 === 0 ? 'urgent' : 'normal',
    categoryCode: ['0102', '0601', '0403', '0201'][i % 4] ?? '0102',
    source: 'grid_worker',
    title: '暴露垃圾',
    description: '路口有成堆垃圾',
    address: `东四北大街 ${i % 300} 号`,
    location: { lng: 116.41 + (i % 100) / 10_000, lat: 39.93 + (i % 77) / 10_000 },
    gridCode: grid,
    reportedAt: new Date(t0).toISOString(),
    reporter: {},
    photos: [],
    assignees: depth >= 3 ? [unit] : [],
    deadlineAt: new Date(t0 + (i % 6 === 0 ? 240 : 480) * MIN).toISOString(),
    pausedAt: null,
    escalation: null,
    claimedBy: null,
    mergedInto: null,
    counters: { returns: 0, reworks: i % 9 === 0 ? 1 : 0, urges: 0, extensions: 0 },
    timeline,
    updatedAt: last?.at ?? new Date(t0).toISOString()
  }
}

async function fillCache(dir: string): Promise<void> {
  const { store } = await openCache(join(dir, CACHE_FILE_NAME))
  for (let start = 0; start < N; start += 5000) {
    const changes: Change[] = []
    for (let i = start; i < Math.min(N, start + 5000); i++) {
      const data = makeCase(i)
      changes.push({ entity: 'incident', id: data.id, version: data.version, seq: data.seq, data })
    }
    await store.applyBatch({ changes, coverage: { from: start, to: Math.min(N, start + 5000) } })
  }
  await store.close()
}

/** The naive way: list the ids, then fetch and parse each case with its own query. */
async function naiveCases(dir: string): Promise<Incident[]> {
  const db = await SqliteDb.open(join(dir, CACHE_FILE_NAME), 'readonly')
  try {
    const ids = await db.exclusive((c) => c.all('SELECT id FROM incidents WHERE data IS NOT NULL'))
    const out: Incident[] = []
    for (const { id } of ids) {
      const row = await db.exclusive((c) => c.get('SELECT data FROM incidents WHERE id = ?', [String(id)]))
      const parsed = Incident.safeParse(JSON.parse(String(row?.data)))
      if (parsed.success) out.push(parsed.data)
    }
    return out
  } finally {
    await db.close()
  }
}

/** Wall time, and the CPU time of this process (every thread: the sqlite3 driver's too) — on a shared machine the wall time grows with the others' load, the CPU time much less. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = await fn()
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(c0)
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, value }
}

const cpuNote = (core: { cpuMs: number }, naive: { cpuMs: number }): string => `CPU ${(core.cpuMs / 1000).toFixed(2)} s vs naive ${(naive.cpuMs / 1000).toFixed(2)} s`

let prepared: { dir: string; remove(): void } | null = null
async function cache(): Promise<string> {
  if (!prepared) {
    const dir = mkdtempSync(join(tmpdir(), 'gcc-bench-metrics-'))
    prepared = { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
    process.stdout.write(`  writing ${N.toLocaleString('en')} cases …\n`)
    await fillCache(dir)
  }
  return prepared.dir
}

export async function benchMetricsFigures(): Promise<Measured> {
  const dir = await cache()
  const core = await timed(async () => {
    const reader = await CacheReader.open(dir)
    try {
      const { incidents } = await reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime())
      return buildFigures({ incidents, units: await reader.units(), reference: await reader.reference() }, PERIOD, 'street', NOW)
    } finally {
      await reader.close()
    }
  })
  const naive = await timed(async () => {
    const all = await naiveCases(dir)
    // Per street, a pass over every case to pick its own (a query per street in a naive report).
    const out: Record<string, number> = {}
    for (const street of STREETS) out[street] = computeMetrics(all.filter((c) => c.gridCode.startsWith(street)), PERIOD, new Date(NOW)).counts.received
    return out
  })
  if (core.value.total.counts.received !== N) throw new Error(`figures counted ${core.value.total.counts.received} cases, not ${N}`)
  for (const row of core.value.rows) {
    if (naive.value[row.key] !== row.counts.received) throw new Error(`baseline disagrees on ${row.key}`)
  }
  return {
    name: `metrics figures (${N.toLocaleString('en')} cases, by street, a month)`,
    unit: 's',
    core: core.ms / 1000,
    baseline: naive.ms / 1000,
    higherIsBetter: false,
    target: 0.5,
    notes: `read-only cache, case facts (schema 7, format 2), ${core.value.rows.length} streets; ${cpuNote(core, naive)}`
  }
}

export async function benchMetricsExport(): Promise<Measured> {
  const dir = await cache()
  try {
    const core = await timed(async () => {
      const reader = await CacheReader.open(dir)
      try {
        const { incidents } = await reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime())
        return casesCsv(casesReceivedIn(incidents, PERIOD.from.getTime(), PERIOD.to.getTime()), 480)
      } finally {
        await reader.close()
      }
    })
    const naive = await timed(async () => casesCsv(casesReceivedIn(await naiveCases(dir), PERIOD.from.getTime(), PERIOD.to.getTime()), 480))
    const rows = core.value.split('\r\n').length - 2
    if (rows !== N || naive.value !== core.value) throw new Error(`export wrote ${rows} rows (want ${N}) or differs from the baseline`)
    return {
      name: `cases CSV export (${N.toLocaleString('en')} cases)`,
      unit: 's',
      core: core.ms / 1000,
      baseline: naive.ms / 1000,
      higherIsBetter: false,
      target: 2,
      notes: `${(core.value.length / 2 ** 20).toFixed(1)} MiB of CSV; ${cpuNote(core, naive)}`
    }
  } finally {
    prepared?.remove()
    prepared = null
  }
}

/** The registry entry (bench/run.ts): both figures from one cache, written once. */
export const metricsBench: BenchEntry<{ cases: number }> = {
  name: 'metrics',
  what: 'figures by street for a month and the CSV export of the cached cases, against one query per case',
  bound: [12 * 60_000, 3 * 60_000],
  phases: { figures: [8 * 60_000, 2 * 60_000], export: [8 * 60_000, 2 * 60_000] },
  sizes: { full: { cases: 100_000 }, quick: { cases: 2_000 } },
  run: async (ctx) => {
    setCaseCount(ctx.sizes.cases)
    const figures = await ctx.phase('figures', () => benchMetricsFigures(), `${ctx.sizes.cases} cases`)
    const exported = await ctx.phase('export', () => benchMetricsExport(), `${ctx.sizes.cases} cases`)
    return { measured: [figures, exported] }
  }
}
