// 日报 (issue 10): what the daily report shows, built once for the CLI's html (src-main/core/report/
// daily-report.ts) and the console's report view (src-renderer/print/DailyReport.tsx). The figures
// themselves are the figures table's (metrics-table.ts); this only picks and orders them.
import type { FigureRow, FiguresTable } from './metrics-table'

/** The categories shown: most cases received first, by code when equal. */
export const DAILY_TOP_CATEGORIES = 10

export function topCategories(byCategory: FiguresTable, n = DAILY_TOP_CATEGORIES): FigureRow[] {
  return [...byCategory.rows]
    .filter((r) => r.counts.received > 0)
    .sort((a, b) => b.counts.received - a.counts.received || a.key.localeCompare(b.key))
    .slice(0, n)
}

/** What an overdue line needs of a case (an Incident or an IncidentSummary). */
export type OverdueCase = { id: string; code: string; categoryCode: string; gridCode: string; assignees: readonly string[]; deadlineAt: string | null }

export type OverdueLine = {
  id: string
  code: string
  categoryCode: string
  streetCode: string
  assignees: readonly string[]
  deadlineAt: string
  /** How long past its deadline at `nowMs`. */
  overdueMs: number
}

/** The overdue list: longest overdue first (earliest deadline), by code when equal. */
export function overdueLines(cases: readonly OverdueCase[], nowMs: number): OverdueLine[] {
  return cases
    .filter((c): c is OverdueCase & { deadlineAt: string } => c.deadlineAt !== null)
    .map((c) => ({
      id: c.id,
      code: c.code,
      categoryCode: c.categoryCode,
      streetCode: c.gridCode.slice(0, 9),
      assignees: c.assignees,
      deadlineAt: c.deadlineAt,
      overdueMs: Math.max(0, nowMs - Date.parse(c.deadlineAt))
    }))
    .sort((a, b) => b.overdueMs - a.overdueMs || a.code.localeCompare(b.code))
}

export type DailyReport = {
  period: FiguresTable['period']
  byStreet: FiguresTable
  byUnit: FiguresTable
  categories: FigureRow[]
  categoryTotal: FigureRow
  overdue: OverdueLine[]
}

/** The 日报 from the day's three figures tables and the cases overdue now. */
export function dailyReport(
  tables: { byStreet: FiguresTable; byUnit: FiguresTable; byCategory: FiguresTable },
  overdueCases: readonly OverdueCase[],
  nowMs: number
): DailyReport {
  return {
    period: tables.byStreet.period,
    byStreet: tables.byStreet,
    byUnit: tables.byUnit,
    categories: topCategories(tables.byCategory),
    categoryTotal: tables.byCategory.total,
    overdue: overdueLines(overdueCases, nowMs)
  }
}
