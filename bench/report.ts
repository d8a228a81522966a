// Turns benchmark figures into a console table, bench/results/latest.json and the results
// section of docs/benchmarks.md (between its markers; the prose around them is kept).
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Measured } from './sync/benchmarks'

export type MachineInfo = { cpu: string; cores: number; memoryGiB: number; node: string; platform: string; date: string }

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
  const out = [`${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date}`, line(head), ...cells.map(line)]
  if (map !== null) {
    out.push('', 'map:')
    for (const [k, v] of Object.entries(map)) out.push(`  ${k}: ${fmt(v)}`)
  }
  return out.join('\n')
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine
  const lines = [
    `Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, ${m.platform}.`,
    '',
    '| benchmark | console core | naive baseline | ratio | target | verdict |',
    '|---|---:|---:|---:|---|---|',
    ...r.results.map(rowOf).map((x) => `| ${x.name} | ${x.core} ${x.unit} | ${x.baseline} ${x.unit} | ${x.ratio} | ${x.target} | ${x.verdict} |`),
    '',
    ...r.results.map((x) => `- **${x.name}**: ${x.notes}.`)
  ]
  if (r.map !== null) {
    lines.push('', '| map benchmark | value |', '|---|---:|', ...Object.entries(r.map).map(([k, v]) => `| ${k} | ${fmt(v)} |`))
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
