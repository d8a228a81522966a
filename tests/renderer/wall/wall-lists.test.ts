// The wall's lists (issue 16 item 5): the longest overdue and the urgent open cases on the hub's
// clock (the domain's caseClock), without reporter data; the street ranking reorders the domain's
// figures rows and never computes a rate of its own.
import { describe, expect, it } from 'vitest'
import { figuresTable, periodOf, type FigureRow } from '../../../src-shared/domain'
import { oldestOverdue, streetRanking, urgentOpen } from '../../../src-renderer/wall/wall-lists'
import { HOUR, iso, NOW, summary } from '../map/fixtures'

const cases = [
  summary({ id: 'late-1h', code: 'C1', status: 'dispatched', deadlineAt: iso(NOW - HOUR) }),
  summary({ id: 'late-5h', code: 'C2', status: 'in_progress', deadlineAt: iso(NOW - 5 * HOUR) }),
  summary({ id: 'late-paused', code: 'C3', status: 'dispatched', deadlineAt: iso(NOW - 9 * HOUR), pausedAt: iso(NOW - 10 * HOUR) }),
  summary({ id: 'closed-late', code: 'C4', status: 'closed', deadlineAt: iso(NOW - 20 * HOUR) }),
  summary({ id: 'late-3h-urgent', code: 'C5', status: 'accepted', urgency: 'urgent', deadlineAt: iso(NOW - 3 * HOUR) }),
  summary({ id: 'urgent-new', code: 'C6', status: 'reported', urgency: 'urgent', reportedAt: iso(NOW - 2 * HOUR) }),
  summary({ id: 'urgent-newer', code: 'C7', status: 'reported', urgency: 'urgent', reportedAt: iso(NOW - HOUR) }),
  summary({ id: 'urgent-2h-left', code: 'C8', status: 'dispatched', urgency: 'urgent', deadlineAt: iso(NOW + 2 * HOUR) }),
  summary({ id: 'urgent-rejected', code: 'C9', status: 'rejected', urgency: 'urgent' }),
  summary({ id: 'on-time', code: 'C10', status: 'dispatched', deadlineAt: iso(NOW + HOUR) })
]

describe('oldestOverdue', () => {
  it('lists open cases past a running deadline, longest overdue first, and counts them all', () => {
    const { cases: shown, total } = oldestOverdue(cases, NOW, 2)
    expect(total).toBe(3)
    expect(shown.map((c) => c.id)).toEqual(['late-5h', 'late-3h-urgent'])
    expect(shown[0]?.leftMs).toBe(-5 * HOUR)
    expect(oldestOverdue(cases, NOW, 10).cases.map((c) => c.id)).toEqual(['late-5h', 'late-3h-urgent', 'late-1h'])
  })
  it('carries no reporter data (a viewer may not read it)', () => {
    const [first] = oldestOverdue(cases, NOW, 1).cases
    expect(Object.keys(first ?? {}).sort()).toEqual(['code', 'id', 'leftMs', 'reportedAt', 'streetCode', 'title'])
    expect(JSON.stringify(first)).not.toMatch(/138|张伟/)
    expect(first?.streetCode).toBe('110101006')
  })
})

describe('urgentOpen', () => {
  it('puts the least time left first (overdue leads), then cases without a clock by how long they waited', () => {
    const { cases: shown, total } = urgentOpen(cases, NOW, 10)
    expect(total).toBe(4)
    expect(shown.map((c) => c.id)).toEqual(['late-3h-urgent', 'urgent-2h-left', 'urgent-new', 'urgent-newer'])
    expect(urgentOpen(cases, NOW, 1).cases).toHaveLength(1)
  })
})

const row = (key: string, onTime: number | null, dueToClose = 4): FigureRow =>
  ({ key, name: `街道${key}`, counts: { closedOnTime: 0, dueToClose }, rates: { onTime } }) as unknown as FigureRow

describe('streetRanking', () => {
  it('ranks by the table rate, best first, ties share a rank, no rate is not ranked', () => {
    const { ranked, unranked } = streetRanking([row('a', 50), row('b', 100), row('c', 75), row('d', null), row('e', 75, 8)])
    expect(ranked.map((r) => [r.rank, r.key, r.onTime])).toEqual([
      [1, 'b', 100],
      [2, 'e', 75],
      [2, 'c', 75],
      [4, 'a', 50]
    ])
    expect(unranked).toBe(1)
  })
  it('shows the rates of the domain table itself (no second computation)', () => {
    const t0 = Date.parse('2026-11-22T00:00:00.000Z')
    const closed = (id: string, grid: string, onTime: boolean) => ({
      ...summary({ id, gridCode: grid, status: 'closed', deadlineAt: iso(t0 + 3 * HOUR) }),
      timeline: [
        { at: iso(t0), actor: { id: 'u', name: 'u', role: 'dispatcher' as const }, action: 'accept', to: 'accepted' as const },
        { at: iso(t0 + (onTime ? 2 : 4) * HOUR), actor: { id: 'u', name: 'u', role: 'dispatcher' as const }, action: 'verify', to: 'closed' as const }
      ]
    })
    const incidents = [closed('a', '110101006001007', true), closed('b', '110101006001007', false), closed('c', '110101007001001', true)]
    const table = figuresTable(incidents as never, periodOf('today', t0 + 6 * HOUR, 480), 'street', { nowMs: t0 + 6 * HOUR, offsetMinutes: 480 })
    const { ranked } = streetRanking(table.rows)
    expect(ranked.map((r) => [r.key, r.onTime])).toEqual([
      ['110101007', 100],
      ['110101006', 50]
    ])
    for (const r of ranked) expect(r.onTime).toBe(table.rows.find((x) => x.key === r.key)?.rates.onTime)
  })
})
