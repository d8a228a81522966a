// The metrics view without React: its columns (each a count that drills down, or a rate), sorting,
// the unit ranking and the query for a period. The numbers themselves are the domain's (getFigures).
import type { FiguresQuery } from '../../src-shared/api'
import { DIMENSIONS, PERIOD_KINDS, periodOf, type Dimension, type FigureCount, type FigureRow, type PeriodKind } from '../../src-shared/domain'
import type { MessageKey } from '../i18n/messages'

export type Column = { id: string; label: MessageKey; value: (r: FigureRow) => number | null; rate: boolean; drill: FigureCount | null }

const count = (id: FigureCount): Column => ({ id, label: `metrics.col.${id}` as const, value: (r) => r.counts[id], rate: false, drill: id })
const rate = (id: 'acceptance' | 'closure' | 'onTime' | 'rework'): Column => ({
  id,
  label: `metrics.col.${id}` as const,
  value: (r) => r.rates[id],
  rate: true,
  drill: null
})

export const COLUMNS: readonly Column[] = [
  count('received'),
  count('accepted'),
  count('dispatched'),
  count('dueToClose'),
  count('closed'),
  count('closedOnTime'),
  count('overdueNow'),
  count('reworked'),
  count('escalated'),
  count('urged'),
  rate('acceptance'),
  rate('closure'),
  rate('onTime'),
  rate('rework')
]

export { DIMENSIONS, PERIOD_KINDS }
export type { Dimension, PeriodKind }

export function figuresQuery(period: PeriodKind, by: Dimension, nowMs: number, offsetMinutes: number): FiguresQuery {
  const p = periodOf(period, nowMs, offsetMinutes)
  return { from: p.from.toISOString(), to: p.to.toISOString(), by }
}

export type Sort = { column: number; desc: boolean } | null

/** Rows sorted by a column (nulls last), by key when equal; the table's own order without a sort. */
export function sortRows(rows: readonly FigureRow[], sort: Sort): FigureRow[] {
  const col = sort === null ? undefined : COLUMNS[sort.column]
  if (!col || sort === null) return [...rows]
  return [...rows].sort((a, b) => {
    const x = col.value(a)
    const y = col.value(b)
    if (x === null || y === null) return x === y ? a.key.localeCompare(b.key) : x === null ? 1 : -1
    return (sort.desc ? y - x : x - y) || a.key.localeCompare(b.key)
  })
}

/** Units by 按期结案率, those with something due only: the best and the worst `n`. */
export function unitRanking(rows: readonly FigureRow[], n = 3): { best: FigureRow[]; worst: FigureRow[] } {
  const rated = rows.filter((r) => r.rates.onTime !== null)
  const byRate = [...rated].sort((a, b) => (b.rates.onTime ?? 0) - (a.rates.onTime ?? 0) || b.counts.dueToClose - a.counts.dueToClose)
  return { best: byRate.slice(0, n), worst: byRate.slice(-n).reverse() }
}

export const formatCell = (col: Column, v: number | null): string => (v === null ? '—' : col.rate ? `${v.toFixed(2)}%` : String(v))
