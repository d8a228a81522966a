// One simulated hour from the pure generator, tabulated by category, major, urgency and source, then the
// same hour through the whole loop (field + simulated hall) on a virtual clock, with the hall's counts:
// `npx tsx scripts/sample-hour.ts --seed 1 --scenario normal --rate 0.5 [--hour 10] [--date 2026-03-10] [--hall on|off]`.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { z } from 'zod'
import { ReferenceData } from '../src-shared/protocol'
import { UnitSeeds } from '../src-shared/reference'
import { atLocalTime } from '../src-hub/simulator/curve'
import { createGenerator } from '../src-hub/simulator/generate'
import { runLoopModel } from '../src-hub/simulator/loop-model'
import { groupOf } from '../src-hub/simulator/mix'
import { DEFAULT_RATE, isScenarioName, SCENARIO_NAMES, SCENARIOS } from '../src-hub/simulator/scenarios'

const USAGE = `usage: npx tsx scripts/sample-hour.ts [--seed N] [--scenario ${SCENARIO_NAMES.join('|')}] [--rate R]
                                    [--hour H] [--date YYYY-MM-DD] [--reference FILE] [--units FILE]
                                    [--hall on|off] [--hall-delay-scale X]`

const MAJOR_NAMES: Record<string, string> = {
  '01': '市容环境',
  '02': '宣传广告',
  '03': '施工管理',
  '04': '突发事件',
  '05': '街面秩序',
  '06': '矛盾纠纷',
  '07': '安全隐患',
  '08': '民生服务',
  part: '部件'
}
const URGENCY_NAMES = { urgent: '紧急', important: '重要', normal: '一般' } as const
const SOURCE_NAMES = {
  grid_worker: '网格员巡查',
  hotline: '12345热线',
  video: '视频监控',
  public: '群众上报',
  superior: '上级交办',
  department: '部门移交'
} as const

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function readJson<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    fail(`cannot read ${path}: ${(err as Error).message}`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) fail(`${path} is invalid: ${parsed.error.message.slice(0, 500)}`)
  return parsed.data
}

/** Terminal width of a string: CJK characters take two columns. */
function width(s: string): number {
  let w = 0
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1
  return w
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c + ' '.repeat((widths[i] ?? 0) - width(c)) : ' '.repeat((widths[i] ?? 0) - width(c)) + c)).join(' | ')} |`
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}

function tally<K extends string>(keys: Iterable<K>): Map<K, number> {
  const out = new Map<K, number>()
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1)
  return out
}

function pct(n: number, total: number): string {
  return total === 0 ? '0.0%' : `${((100 * n) / total).toFixed(1)}%`
}

async function main(): Promise<void> {
  let values
  try {
    values = parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        scenario: { type: 'string', default: 'normal' },
        rate: { type: 'string', default: String(DEFAULT_RATE) },
        hour: { type: 'string' },
        date: { type: 'string', default: '2026-03-10' },
        reference: { type: 'string', default: 'resources/reference/reference.json' },
        units: { type: 'string', default: 'resources/reference/units.json' },
        hall: { type: 'string', default: 'on' },
        'hall-delay-scale': { type: 'string', default: '1' }
      },
      strict: true
    }).values
  } catch (err) {
    fail((err as Error).message)
  }
  const seed = Number(values.seed)
  const rate = Number(values.rate)
  if (!Number.isFinite(seed)) fail(`--seed must be a number, got ${values.seed}`)
  if (!(rate > 0 && rate <= 1000)) fail(`--rate must be in (0, 1000], got ${values.rate}`)
  if (!isScenarioName(values.scenario)) fail(`unknown --scenario ${values.scenario}`)
  if (values.hall !== 'on' && values.hall !== 'off') fail(`--hall must be on or off, got ${values.hall}`)
  const hallDelayScale = Number(values['hall-delay-scale'])
  if (!(hallDelayScale > 0 && Number.isFinite(hallDelayScale))) fail(`--hall-delay-scale must be > 0, got ${values['hall-delay-scale']}`)
  const scenario = SCENARIOS[values.scenario]
  const hour = values.hour === undefined ? scenario.startHour : Number(values.hour)
  if (!(Number.isInteger(hour) && hour >= 0 && hour <= 23)) fail(`--hour must be 0–23, got ${values.hour}`)
  const day = Date.parse(`${values.date}T12:00:00Z`)
  if (!Number.isFinite(day)) fail(`--date must be YYYY-MM-DD, got ${values.date}`)

  const reference = readJson(values.reference, ReferenceData)
  const units = readJson(values.units, UnitSeeds)
  const generator = createGenerator(seed, values.scenario, reference, { rate, units })
  const from = atLocalTime(day, hour, 0, reference.calendar.utcOffsetMinutes)
  const categories = new Map(reference.categories.map((c) => [c.code, c]))

  const byCategory = new Map<string, number>()
  const byUrgency = new Map<string, number>()
  const bySource = new Map<string, number>()
  let total = 0
  let surge = 0
  for (const r of generator.reports(from, 3_600_000)) {
    total++
    if (r.surge) surge++
    byCategory.set(r.draft.categoryCode, (byCategory.get(r.draft.categoryCode) ?? 0) + 1)
    byUrgency.set(r.draft.urgency, (byUrgency.get(r.draft.urgency) ?? 0) + 1)
    bySource.set(r.draft.source, (bySource.get(r.draft.source) ?? 0) + 1)
  }
  const expected = generator.rateAt(from) * 3600
  const hh = String(hour).padStart(2, '0')
  const out: string[] = []
  out.push(
    `Scenario ${scenario.name} (${scenario.label}), seed ${seed}, base rate ${rate}/s, ` +
      `${values.date} ${hh}:00–${hh}:59 (UTC${reference.calendar.utcOffsetMinutes >= 0 ? '+' : '-'}${Math.abs(reference.calendar.utcOffsetMinutes / 60)}), reference ${reference.version}`
  )
  out.push(`Reports: ${total} (expected ${expected.toFixed(0)} = ${generator.rateAt(from).toFixed(3)}/s × 3600${surge > 0 ? `; surge ${surge}` : ''})`)
  if (generator.surge !== null) {
    const { center, radiusM, places } = generator.surge
    out.push(`Surge area: ${places.length} grids within ${radiusM} m of ${center.lng.toFixed(5)},${center.lat.toFixed(5)}`)
  }
  out.push('')
  const majors = tally(
    [...byCategory].flatMap(([code, n]) => {
      const c = categories.get(code)
      return Array.from({ length: n }, () => (c ? groupOf(c) : '??'))
    })
  )
  out.push(
    table(
      ['大类 major', 'reports', 'share'],
      [...majors].sort((a, b) => b[1] - a[1]).map(([g, n]) => [`${g} ${MAJOR_NAMES[g] ?? ''}`, String(n), pct(n, total)])
    )
  )
  out.push('')
  out.push(
    table(
      ['小类 category', 'reports', 'share'],
      [...byCategory]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([code, n]) => [`${code} ${categories.get(code)?.name ?? ''}`, String(n), pct(n, total)])
    )
  )
  out.push('')
  out.push(
    table(
      ['紧急程度 urgency', 'reports', 'share'],
      (['urgent', 'important', 'normal'] as const).map((u) => [`${URGENCY_NAMES[u]} ${u}`, String(byUrgency.get(u) ?? 0), pct(byUrgency.get(u) ?? 0, total)])
    )
  )
  out.push('')
  out.push(
    table(
      ['来源 source', 'reports', 'share'],
      (Object.keys(SOURCE_NAMES) as (keyof typeof SOURCE_NAMES)[]).map((s) => [
        `${SOURCE_NAMES[s]} ${s}`,
        String(bySource.get(s) ?? 0),
        pct(bySource.get(s) ?? 0, total)
      ])
    )
  )
  process.stdout.write(`${out.join('\n')}\n`)

  // The same hour through the closed loop: field and hall on a virtual clock, starting from an empty hall.
  const loop = await runLoopModel({
    seed,
    scenario: values.scenario,
    rate,
    reference,
    units,
    startAt: from,
    durationMs: 3_600_000,
    hall: values.hall === 'on',
    hallDelayScale,
    sampleEveryMs: 900_000
  })
  const lines: string[] = ['']
  lines.push(`Closed loop over the hour (virtual clock, field ×60, hall ${values.hall}${values.hall === 'on' ? `, delays ×${hallDelayScale}` : ''}; starts empty):`)
  if (loop.hall !== null) {
    const h = loop.hall.ok
    lines.push(
      table(
        ['值班调度（模拟） hall', 'count'],
        [
          ['立案 accepted', String(h.accept ?? 0)],
          ['不予立案 rejected', String(h.reject ?? 0)],
          ['派遣 dispatched', String(h.dispatch ?? 0)],
          ['上报 escalated', String(h.escalate ?? 0)],
          ['结案 closed', String(h.close ?? 0)],
          ['返工 reworked', String(h.rework ?? 0)],
          ['conflicts', String(loop.hall.conflicts)]
        ]
      )
    )
    lines.push(`Hall size: ${loop.hall.seats} seats on ${loop.hall.connections} connection(s)`)
  }
  const f = loop.field.ok
  lines.push(
    `Field: signed ${f.sign ?? 0}, fed back ${f.feedback ?? 0}, returned ${f.return ?? 0}; district sent back ${f.deescalate ?? 0}`
  )
  lines.push(`Open every 15 min: ${loop.samples.map((x) => `${x.open} (${x.openInHall} in the hall)`).join(', ')}`)
  const byStatus = Object.entries(loop.final.byStatus)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
  lines.push(`Open at the end of the hour: ${loop.final.open} (escalated ${loop.final.byStatus.escalated ?? 0}); every case by status: ${byStatus}`)
  process.stdout.write(`${lines.join('\n')}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`sample-hour failed: ${(err as Error).message}\n`)
  process.exit(1)
})
