// The figures table of a period as the CLI, the metrics view's export and the daily report write it:
// names from the cached reference and units, and the JSON / CSV / text forms of docs/exports.md.
import {
  UNTYPED_GRID,
  figuresTable,
  gridTypeLookup,
  type Dimension,
  type FigureRow,
  type FiguresTable,
  type Period,
  type TableCase
} from '../../../src-shared/domain'
import type { GridType, Incident, ReferenceData, Unit } from '../../../src-shared/protocol'
import { toCsv } from './csv'
import { isoWithOffset } from './time'

export type ReportData = { incidents: readonly Incident[]; units: readonly Unit[]; reference: ReferenceData | null }

/** The report's zh-CN names of the grid types (docs/domain.md; the view's are in its messages). */
const GRID_TYPE_NAMES: Record<GridType, string> = {
  residential: '住宅小区',
  old_residential: '老旧小区',
  business: '商务楼宇',
  urban_village: '城中村',
  work_unit: '单位型',
  public: '公共区域',
  mixed: '混合'
}

/** Names of streets, communities, grids, categories and units from the cache; the code when unknown. */
export function namesOf(data: Pick<ReportData, 'units' | 'reference'>): (by: Dimension, key: string) => string | undefined {
  const maps: Partial<Record<Dimension, Map<string, string>>> = {
    street: new Map(data.reference?.streets.map((s) => [s.code, s.name]) ?? []),
    community: new Map(data.reference?.communities.map((c) => [c.code, c.name]) ?? []),
    category: new Map(data.reference?.categories.map((c) => [c.code, c.name]) ?? []),
    unit: new Map(data.units.map((u) => [u.id, u.name])),
    gridType: new Map<string, string>([...Object.entries(GRID_TYPE_NAMES), [UNTYPED_GRID, '未设类型']])
  }
  return (by, key) => (key === 'total' ? '合计' : maps[by]?.get(key))
}

export const offsetOf = (data: Pick<ReportData, 'reference'>): number => data.reference?.calendar.utcOffsetMinutes ?? 480

/** Needs only the cases' figure fields: the full incidents, or their facts (case-facts.ts). */
export function buildFigures(
  data: { incidents: readonly TableCase[] } & Pick<ReportData, 'units' | 'reference'>,
  period: Period,
  by: Dimension,
  nowMs: number
): FiguresTable {
  return figuresTable(data.incidents, period, by, { nowMs, offsetMinutes: offsetOf(data), nameOf: namesOf(data), gridTypeOf: gridTypeLookup(data.reference) })
}

/** The JSON of docs/exports.md: { period, by, rows, total }, period bounds in the hall's zone. */
export function figuresJson(t: FiguresTable, offsetMinutes: number): object {
  return {
    period: { from: isoWithOffset(t.period.from, offsetMinutes), to: isoWithOffset(t.period.to, offsetMinutes) },
    by: t.by,
    rows: t.rows,
    total: t.total
  }
}

/** Columns of the figures CSV and table: [zh-CN header, value]. */
const COLUMNS: [string, (r: FigureRow) => unknown][] = [
  ['键', (r) => r.key],
  ['名称', (r) => r.name],
  ['受理数', (r) => r.counts.received],
  ['立案数', (r) => r.counts.accepted],
  ['派遣数', (r) => r.counts.dispatched],
  ['应结案数', (r) => r.counts.dueToClose],
  ['结案数', (r) => r.counts.closed],
  ['按期结案数', (r) => r.counts.closedOnTime],
  ['返工数', (r) => r.counts.reworked],
  ['延期数', (r) => r.counts.extended],
  ['上报数', (r) => r.counts.escalated],
  ['督办数', (r) => r.counts.urged],
  ['回退数', (r) => r.counts.returns],
  ['当前超期数', (r) => r.counts.overdueNow],
  ['平均签收用时(分钟)', (r) => minutes(r.counts.meanTimeToSignMs)],
  ['平均结案用时(小时)', (r) => hours(r.counts.meanTimeToCloseMs)],
  ['立案率(%)', (r) => r.rates.acceptance],
  ['派遣率(%)', (r) => r.rates.dispatch],
  ['结案率(%)', (r) => r.rates.closure],
  ['按期结案率(%)', (r) => r.rates.onTime],
  ['返工率(%)', (r) => r.rates.rework],
  ['延期率(%)', (r) => r.rates.extension],
  ['事不出格率(%)', (r) => r.rates.settledWithoutEscalation]
]
export const FIGURES_CSV_HEADER = COLUMNS.map(([h]) => h)

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 600) / 100)
const hours = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 36_000) / 100)

export function figuresCsv(t: FiguresTable): string {
  return toCsv(FIGURES_CSV_HEADER, [...t.rows, t.total].map((r) => COLUMNS.map(([, get]) => get(r))))
}

/** A plain text table for the terminal; the rows-overlap note when by unit. */
export function figuresText(t: FiguresTable, offsetMinutes: number): string {
  const cols = COLUMNS.filter(([h]) => h !== '键')
  const cells = [cols.map(([h]) => h), ...[...t.rows, t.total].map((r) => cols.map(([, get]) => String(get(r) ?? '—')))]
  const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => width(row[i] ?? ''))))
  const line = (row: string[]): string => row.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - width(c))).join('  ')
  const head = `统计期 ${isoWithOffset(t.period.from, offsetMinutes)} — ${isoWithOffset(t.period.to, offsetMinutes)}  维度 ${t.by}`
  const note = t.rowsOverlap ? '\n注：按单位统计时，一件由多个单位办理的案件计入每个单位，各行之和可大于合计。' : ''
  return [head, ...cells.map(line)].join('\n') + note + '\n'
}
