// Turns benchmark figures into a console table, bench/results/latest.json and the results
// section of docs/benchmarks.md (between its markers; the prose around them is kept).
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Floor } from './floors'
import type { Measured } from './sync/benchmarks'

export type MachineInfo = {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  platform: string
  date: string
  /** 1, 5 and 15-minute load average just before the run started, and when it ended. */
  loadBefore?: number[]
  loadAfter?: number[]
  /** The 1-minute load was above 1 before the run: other work shared the cores, figures are noisy. */
  noisy?: boolean
  quick?: boolean
  /** Wall time of the whole run. */
  runSeconds?: number
}

/** Above this 1-minute load before the start, a run is marked noisy. */
export const NOISY_LOAD = 1

export type BenchResults = {
  machine: MachineInfo
  results: Measured[]
  map: Record<string, number> | null
  failures: string[]
}

const START = '<!-- bench:results:start -->'
const END = '<!-- bench:results:end -->'
const MIN_RATIO = 5

type Row = { name: string; unit: string; core: string; baseline: string; ratio: string; target: string; verdict: string; notes: string }

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2)
}

/** How many times better than the baseline: rate / rate, or time / time the other way round. */
export function ratioOf(m: Measured): number {
  return m.higherIsBetter ? m.core / m.baseline : m.baseline / m.core
}

/**
 * How many times the floor's cost the figure costs: time / floor time, or floor rate / rate.
 * 1.0 would be the machine's own limit; the larger, the more the console's own work adds.
 */
export function overFloor(m: Pick<Measured, 'core' | 'higherIsBetter'>, f: Floor): number {
  return m.higherIsBetter ? f.value / m.core : m.core / f.value
}

function floorText(m: Measured, f: Floor): string {
  return `${f.name} ${fmt(f.value)} ${m.unit} (costs ${overFloor(m, f).toFixed(1)}× the floor)`
}

/** Map figures and the empty-map floor each stands beside. */
export const MAP_FLOORS: readonly [RegExp, string][] = [
  [/\.(rest_frame|stream\.frame|pulse\.frame)_median_ms$/, 'map.floor.empty_rest_frame_median_ms'],
  [/\.wall\.(update|set)_to_idle_median_ms$/, 'map.floor.empty_redraw_to_idle_median_ms'],
  // Latency: the screen beside the wire of the same probes at the same rate ($1 rate, $2 statistic).
  [/^latency\.([^.]+(?:\.[^.]+)?)\.screen_(p50|p95|max)_ms$/, 'latency.$1.wire_$2_ms'],
  // Start-up: the same start with an empty cache.
  [/^startup\.cached\.(url|screen|map_full|live)_median_ms$/, 'startup.empty.$1_median_ms']
]

/** The floor key and figure ÷ floor for a map figure that has one. */
export function mapFloorOf(key: string, map: Record<string, number>): { floor: string; ratio: number } | null {
  for (const [re, pattern] of MAP_FLOORS) {
    // A floor with $n takes its key from the figure's (one floor per rate); otherwise it is fixed.
    const floor = pattern.includes('$') ? key.replace(re, pattern) : pattern
    const f = map[floor]
    const v = map[key]
    if (re.test(key) && f !== undefined && f > 0 && v !== undefined) return { floor, ratio: v / f }
  }
  return null
}

export function headerText(info: MachineInfo): string {
  const load = (l: number[] | undefined): string => (l ? l.map((x) => x.toFixed(2)).join(' / ') : 'n/a')
  const lines = [
    `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, ${info.platform}, ${info.date}${info.quick ? ' — QUICK smoke run (small sizes, figures not comparable)' : ''}`,
    `load average (1/5/15 min) before: ${load(info.loadBefore)}; after: ${load(info.loadAfter)}${info.runSeconds !== undefined ? `; run took ${info.runSeconds.toFixed(0)} s` : ''}`
  ]
  if (info.noisy) lines.push(`NOISY: the 1-minute load was ${info.loadBefore?.[0]?.toFixed(2)} (> ${NOISY_LOAD}) before the run started — other work shared the cores; read ratios to floors and baselines, not absolute figures.`)
  return lines.join('\n')
}

function rowOf(m: Measured): Row {
  const ratio = ratioOf(m)
  const absolute = m.target <= 0 ? null : m.higherIsBetter ? m.core >= m.target : m.core <= m.target
  const target =
    m.target <= 0 ? `≥ ${MIN_RATIO}× baseline` : `${m.higherIsBetter ? '≥' : '≤'} ${fmt(m.target)} ${m.unit}, ≥ ${MIN_RATIO}× baseline`
  const met = (absolute ?? true) && ratio >= MIN_RATIO
  const why = [absolute === false ? 'target missed' : null, ratio < MIN_RATIO ? `only ${ratio.toFixed(1)}× baseline` : null]
    .filter((x) => x !== null)
    .join('; ')
  return {
    name: m.name,
    unit: m.unit,
    core: fmt(m.core),
    baseline: fmt(m.baseline),
    ratio: `${ratio.toFixed(1)}×`,
    target,
    verdict: met ? 'met' : `MISSED (${why})`,
    notes: m.notes
  }
}

export function renderText(results: Measured[], map: Record<string, number> | null, info: MachineInfo): string {
  const rows = results.map(rowOf)
  const head = ['benchmark', 'core', 'baseline', 'ratio', 'target', 'verdict']
  const cells = rows.map((r) => [r.name, `${r.core} ${r.unit}`, `${r.baseline} ${r.unit}`, r.ratio, r.target, r.verdict])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ')
  const out = [headerText(info), line(head)]
  results.forEach((m, i) => {
    out.push(line(cells[i] ?? []))
    for (const f of m.floors ?? []) out.push(`    floor: ${floorText(m, f)} — ${f.detail}`)
  })
  if (map !== null) {
    out.push('', 'figures (map, latency):')
    for (const [k, v] of Object.entries(map)) {
      const floor = mapFloorOf(k, map)
      out.push(`  ${k}: ${fmt(v)}${floor ? `   (floor ${floor.floor} ${fmt(map[floor.floor] ?? NaN)}: costs ${floor.ratio.toFixed(1)}× the floor)` : ''}`)
    }
  }
  return out.join('\n')
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine
  const lines = [
    `Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, ${m.platform}.`,
    '',
    ...headerText(m)
      .split('\n')
      .slice(1)
      .map((l) => `${l.startsWith('NOISY') ? '**' : ''}${l}${l.startsWith('NOISY') ? '**' : ''}`),
    '',
    '| benchmark | console core | naive baseline | ratio | target | verdict | floors in the same run (figure ÷ floor cost) |',
    '|---|---:|---:|---:|---|---|---|',
    ...r.results.map((x) => {
      const row = rowOf(x)
      const floors = (x.floors ?? []).map((f) => floorText(x, f)).join('; ') || '—'
      return `| ${row.name} | ${row.core} ${row.unit} | ${row.baseline} ${row.unit} | ${row.ratio} | ${row.target} | ${row.verdict} | ${floors} |`
    }),
    '',
    ...r.results.map((x) => `- **${x.name}**: ${x.notes}.${(x.floors ?? []).map((f) => ` Floor *${f.name}*: ${f.detail}.`).join('')}`)
  ]
  if (r.map !== null) {
    const map = r.map
    lines.push(
      '',
      '| figure (map, latency) | value | floor (same run) | × floor |',
      '|---|---:|---|---:|',
      ...Object.entries(map).map(([k, v]) => {
        const f = mapFloorOf(k, map)
        return `| ${k} | ${fmt(v)} | ${f ? `${f.floor} = ${fmt(map[f.floor] ?? NaN)}` : ''} | ${f ? `${f.ratio.toFixed(1)}×` : ''} |`
      })
    )
  }
  if (r.failures.length > 0) lines.push('', 'Failed in this run:', ...r.failures.map((f) => `- ${f}`))
  return lines.join('\n')
}

const SKELETON = `# Benchmarks

\`npm run bench\` runs every benchmark once and rewrites the section below (and
bench/results/latest.json). \`npm run bench -- ingest\` (or catch-up, outbox, map) runs one
without writing anything.

${START}
${END}
`

export async function writeResults(root: string, r: BenchResults): Promise<void> {
  await mkdir(join(root, 'bench/results'), { recursive: true })
  await writeFile(join(root, 'bench/results/latest.json'), `${JSON.stringify({ ...r, rows: r.results.map(rowOf) }, null, 2)}\n`)
  const docPath = join(root, 'docs/benchmarks.md')
  const doc = existsSync(docPath) ? await readFile(docPath, 'utf8') : SKELETON
  const base = doc.includes(START) && doc.includes(END) ? doc : `${doc.trimEnd()}\n\n${START}\n${END}\n`
  const before = base.slice(0, base.indexOf(START) + START.length)
  const after = base.slice(base.indexOf(END))
  await writeFile(docPath, `${before}\n${renderMarkdown(r)}\n${after}`)
}
