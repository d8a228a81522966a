// The 日报's builder (shared by the CLI's html and the console's view): top categories by cases
// received (none with nothing received), the overdue list longest overdue first, cases without a
// deadline left out.
import { describe, expect, it } from 'vitest'
import { dailyReport, overdueLines, topCategories, type FigureRow, type FiguresTable } from '../../../src-shared/domain'

const row = (key: string, received: number): FigureRow =>
  ({ key, name: key, counts: { received }, rates: {} }) as unknown as FigureRow
const table = (by: FiguresTable['by'], rows: FigureRow[]): FiguresTable => ({
  period: { from: '2026-12-04T16:00:00.000Z', to: '2026-12-05T16:00:00.000Z' },
  by,
  rowsOverlap: by === 'unit',
  rows,
  total: row('total', rows.reduce((n, r) => n + r.counts.received, 0))
})
const NOW = Date.parse('2026-12-05T08:00:00Z')
const c = (code: string, deadlineAt: string | null) => ({ id: code, code, categoryCode: '0101', gridCode: '110101001001', assignees: ['u1'], deadlineAt })

describe('daily report builder', () => {
  it('keeps the categories with cases, most received first, ties by code, at most n', () => {
    const t = table('category', [row('03', 2), row('01', 5), row('02', 2), row('04', 0)])
    expect(topCategories(t).map((r) => r.key)).toEqual(['01', '02', '03'])
    expect(topCategories(t, 2).map((r) => r.key)).toEqual(['01', '02'])
  })

  it('orders the overdue list longest overdue first and drops cases without a deadline', () => {
    const lines = overdueLines([c('B', '2026-12-05T07:00:00Z'), c('A', '2026-12-04T08:00:00Z'), c('N', null), c('C', '2026-12-05T07:00:00Z')], NOW)
    expect(lines.map((l) => [l.code, l.overdueMs / 3_600_000])).toEqual([
      ['A', 24],
      ['B', 1],
      ['C', 1]
    ])
    expect(lines[0]?.streetCode).toBe('110101001')
  })

  it('puts the three tables and the overdue list together for one period', () => {
    const r = dailyReport(
      { byStreet: table('street', [row('s1', 3)]), byUnit: table('unit', [row('u1', 4)]), byCategory: table('category', [row('01', 3)]) },
      [c('A', '2026-12-05T00:00:00Z')],
      NOW
    )
    expect(r.period.from).toBe('2026-12-04T16:00:00.000Z')
    expect(r.categoryTotal.counts.received).toBe(3)
    expect(r.overdue).toHaveLength(1)
  })
})
