// The queue's order as a table (cases in, order out), its filters, jumps and when a sorted queue
// goes stale. Times are hub times; the clock rule itself is time-state.ts's (tested there).
import { describe, expect, it } from 'vitest'
import {
  DUE_SOON_MS,
  matchesQueueFilter,
  queueFilterCounts,
  queueJumpIndex,
  queueStableUntil,
  queueStep,
  sortQueue,
  type QueueCase,
  type QueueSeat
} from '../../../src-shared/domain'

const NOW = Date.parse('2026-12-04T06:00:00.000Z')
const iso = (offsetMin: number): string => new Date(NOW + offsetMin * 60_000).toISOString()
let n = 0
function c(id: string, over: Partial<QueueCase> = {}): QueueCase {
  n += 1
  return {
    id,
    code: `DC20261204-${String(n).padStart(4, '0')}`,
    status: 'dispatched',
    urgency: 'normal',
    reportedAt: iso(-600),
    deadlineAt: iso(600),
    pausedAt: null,
    gridCode: '110101001001007',
    claimedBy: null,
    ...over
  }
}

describe('queue order', () => {
  // One row per case: what it is, and where it must come. Shuffled in, the order must come out.
  const table: [string, Partial<QueueCase>][] = [
    ['urgent overdue', { urgency: 'urgent', deadlineAt: iso(-5) }],
    ['urgent due soon', { urgency: 'urgent', deadlineAt: iso(20) }],
    ['urgent new, waited 30 min', { urgency: 'urgent', status: 'reported', deadlineAt: null, reportedAt: iso(-30) }],
    ['urgent on time', { urgency: 'urgent', deadlineAt: iso(300) }],
    ['normal overdue by 3 h', { deadlineAt: iso(-180) }],
    ['important overdue by 1 min', { urgency: 'important', deadlineAt: iso(-1) }],
    ['normal overdue by 2 min', { deadlineAt: iso(-2) }],
    ['important due soon', { urgency: 'important', deadlineAt: iso(50) }],
    ['normal due in 10 min', { deadlineAt: iso(10) }],
    ['normal due in 40 min', { deadlineAt: iso(40) }],
    ['important new, waited 5 min', { urgency: 'important', status: 'reported', deadlineAt: null, reportedAt: iso(-5) }],
    ['normal new, waited 2 h', { status: 'reported', deadlineAt: null, reportedAt: iso(-120) }],
    ['normal new, waited 10 min', { status: 'reported', deadlineAt: null, reportedAt: iso(-10) }],
    ['important on time', { urgency: 'important', deadlineAt: iso(900) }],
    ['normal due in 2 h', { deadlineAt: iso(120) }],
    ['normal due in 8 h', { deadlineAt: iso(480) }],
    // No running clock: reported earliest first (all three reported before the rest of this table).
    ['normal accepted, no deadline yet', { status: 'accepted', deadlineAt: null, reportedAt: iso(-700) }],
    ['normal suspended (paused)', { status: 'suspended', deadlineAt: iso(-100), pausedAt: iso(-200), reportedAt: iso(-660) }],
    ['normal 待核查 (clock stopped)', { status: 'resolved', deadlineAt: iso(-100), reportedAt: iso(-650) }]
  ]

  it('urgent → overdue → due soon → waiting longest for 受理 → the rest; 重要 before 一般 in each step', () => {
    const cases = table.map(([id, over]) => c(id, over))
    const shuffled = [...cases].reverse()
    shuffled.push(...shuffled.splice(0, 7))
    expect(sortQueue(shuffled, NOW).map((x) => x.id)).toEqual([
      'urgent overdue',
      'urgent due soon',
      'urgent new, waited 30 min',
      'urgent on time',
      'important overdue by 1 min',
      'normal overdue by 3 h',
      'normal overdue by 2 min',
      'important due soon',
      'normal due in 10 min',
      'normal due in 40 min',
      'important new, waited 5 min',
      'normal new, waited 2 h',
      'normal new, waited 10 min',
      'important on time',
      'normal due in 2 h',
      'normal due in 8 h',
      'normal accepted, no deadline yet',
      'normal suspended (paused)',
      'normal 待核查 (clock stopped)'
    ])
  })

  it('same step, urgency and times: the lower (older) code first, whatever the input order', () => {
    const a = c('a', { code: 'DC-0002', status: 'reported', deadlineAt: null, reportedAt: iso(-1) })
    const b = c('b', { code: 'DC-0001', status: 'reported', deadlineAt: null, reportedAt: iso(-1) })
    expect(sortQueue([a, b], NOW).map((x) => x.id)).toEqual(['b', 'a'])
    expect(sortQueue([b, a], NOW).map((x) => x.id)).toEqual(['b', 'a'])
  })

  it('a case moves up as its deadline nears and passes, and the sorted queue says when that happens', () => {
    const late = c('late', { deadlineAt: iso(90) })
    const newCase = c('new', { status: 'reported', deadlineAt: null })
    expect(sortQueue([late, newCase], NOW).map((x) => x.id)).toEqual(['new', 'late'])
    expect(queueStableUntil([late, newCase], NOW)).toBe(NOW + 90 * 60_000 - DUE_SOON_MS)
    const soon = NOW + 30 * 60_000 + 1
    expect(queueStep(late, soon)).toBe('due_soon')
    expect(sortQueue([late, newCase], soon).map((x) => x.id)).toEqual(['late', 'new'])
    expect(queueStableUntil([late, newCase], soon)).toBe(NOW + 90 * 60_000)
    expect(queueStep(late, NOW + 90 * 60_000 + 1)).toBe('overdue')
    expect(queueStableUntil([newCase], NOW)).toBe(Number.POSITIVE_INFINITY)
  })
})

describe('queue filters', () => {
  const seat: QueueSeat = { consoleId: 'console-me', userId: 'u1', streets: ['110101001'] }
  const mine = c('mine', { claimedBy: { consoleId: 'u1:console-me', userId: 'u1', name: '我', at: iso(-1) } })
  const other = c('other', { claimedBy: { consoleId: 'console-x', userId: 'u2', name: '他', at: iso(-1) }, gridCode: '110101002001001' })
  const fresh = c('fresh', { status: 'reported', deadlineAt: null })
  const late = c('late', { deadlineAt: iso(-1), gridCode: '110101003001001' })
  const all = [mine, other, fresh, late]
  const kept = (filter: Parameters<typeof matchesQueueFilter>[1], s: QueueSeat = seat) =>
    all.filter((x) => matchesQueueFilter(x, filter, s, NOW)).map((x) => x.id)

  it('all, 待受理, 超期, mine (claimed by this seat), my streets', () => {
    expect(kept('all')).toEqual(['mine', 'other', 'fresh', 'late'])
    expect(kept('awaiting')).toEqual(['fresh'])
    expect(kept('overdue')).toEqual(['late'])
    expect(kept('mine')).toEqual(['mine'])
    expect(kept('streets')).toEqual(['mine', 'fresh'])
  })

  it('a seat the hub gave no street scope has every street; the counts agree with the filters', () => {
    expect(kept('streets', { ...seat, streets: [] })).toEqual(['mine', 'other', 'fresh', 'late'])
    expect(queueFilterCounts(all, seat, NOW)).toEqual({ all: 4, awaiting: 1, overdue: 1, mine: 1, streets: 2 })
  })
})

describe('queue jumps', () => {
  const q = sortQueue(
    [
      c('u', { urgency: 'urgent', deadlineAt: iso(300) }),
      c('o1', { deadlineAt: iso(-10) }),
      c('o2', { deadlineAt: iso(-5) }),
      c('n1', { status: 'reported', deadlineAt: null, reportedAt: iso(-20) }),
      c('n2', { status: 'reported', deadlineAt: null, reportedAt: iso(-10) }),
      c('rest', { deadlineAt: iso(300) })
    ],
    NOW
  )
  const at = (i: number | null) => (i === null ? null : q[i]?.id)

  it('first, last, next overdue and next new after the selection, wrapping round', () => {
    expect(q.map((x) => x.id)).toEqual(['u', 'o1', 'o2', 'n1', 'n2', 'rest'])
    expect(at(queueJumpIndex(q, 3, 'first', NOW))).toBe('u')
    expect(at(queueJumpIndex(q, 0, 'last', NOW))).toBe('rest')
    expect(at(queueJumpIndex(q, -1, 'nextOverdue', NOW))).toBe('o1')
    expect(at(queueJumpIndex(q, 1, 'nextOverdue', NOW))).toBe('o2')
    expect(at(queueJumpIndex(q, 2, 'nextOverdue', NOW))).toBe('o1')
    expect(at(queueJumpIndex(q, 0, 'nextAwaiting', NOW))).toBe('n1')
    expect(at(queueJumpIndex(q, 3, 'nextAwaiting', NOW))).toBe('n2')
    expect(at(queueJumpIndex(q, 5, 'nextAwaiting', NOW))).toBe('n1')
  })

  it('nowhere to go: an empty queue, or no overdue case', () => {
    expect(queueJumpIndex([], -1, 'first', NOW)).toBeNull()
    expect(queueJumpIndex(q.slice(3), 0, 'nextOverdue', NOW)).toBeNull()
  })
})
