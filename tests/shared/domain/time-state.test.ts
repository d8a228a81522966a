// The clock rule's edges: the deadline instant itself is not yet overdue, one ms later is; due soon
// starts an hour before; paused freezes the remainder; resolved and finished cases stop the clock.
import { describe, expect, it } from 'vitest'
import { caseClock, DUE_SOON_MS, isOverdue, timeState } from '../../../src-shared/domain'
import type { IncidentStatus } from '../../../src-shared/protocol'

const D = Date.parse('2026-12-04T08:00:00.000Z')
const at = (status: IncidentStatus, deadlineAt: string | null = new Date(D).toISOString(), pausedAt: string | null = null) => ({ status, deadlineAt, pausedAt })

describe('caseClock', () => {
  it('on time, due soon, overdue around the deadline', () => {
    expect(timeState(at('dispatched'), D - DUE_SOON_MS - 1)).toBe('on_time')
    expect(timeState(at('dispatched'), D - DUE_SOON_MS)).toBe('due_soon')
    expect(timeState(at('dispatched'), D)).toBe('due_soon')
    expect(timeState(at('dispatched'), D + 1)).toBe('overdue')
    expect(caseClock(at('in_progress'), D + 5000)).toEqual({ state: 'overdue', leftMs: -5000, runningDeadlineMs: D })
  })

  it('paused: the remainder is frozen where the pause began, never overdue', () => {
    const paused = at('suspended', new Date(D).toISOString(), new Date(D - 1000).toISOString())
    expect(caseClock(paused, D + 10 * DUE_SOON_MS)).toEqual({ state: 'paused', leftMs: 1000, runningDeadlineMs: null })
    expect(isOverdue(paused, new Date(D + 10 * DUE_SOON_MS))).toBe(false)
  })

  it.each(['resolved', 'closed', 'rejected', 'merged'] as const)('%s stops the clock: not overdue however late', (status) => {
    expect(caseClock(at(status), D + 100 * DUE_SOON_MS)).toEqual({ state: 'stopped', leftMs: null, runningDeadlineMs: null })
    expect(isOverdue(at(status), new Date(D + 100 * DUE_SOON_MS))).toBe(false)
  })

  it('no deadline (or an unreadable one) is none', () => {
    expect(timeState(at('accepted', null), D)).toBe('none')
    expect(timeState(at('accepted', 'not a date'), D)).toBe('none')
  })
})
