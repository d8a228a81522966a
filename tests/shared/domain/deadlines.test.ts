// Deadlines: category limits on the calendar, urgent wall clock, pauses, overdue and remaining time.
import { describe, expect, it } from 'vitest'
import { computeDeadline, deadlineAfterPause, isOverdue, remainingMs } from '../../../src-shared/domain'
import type { Incident } from '../../../src-shared/protocol'
import { beijing, bj, category } from './helpers'

const H = 3_600_000
const iso = (local: string) => bj(local).toISOString()

describe('computeDeadline', () => {
  const fourHours = category('0102', { value: 4, unit: 'working_hours' })
  it('normal cases count working hours', () => {
    expect(computeDeadline(fourHours, 'normal', bj('2026-11-20 16:00'), beijing).toISOString()).toBe(iso('2026-11-23 11:00'))
    expect(computeDeadline(fourHours, 'important', bj('2026-11-20 16:00'), beijing).toISOString()).toBe(iso('2026-11-23 11:00'))
  })
  it('urgent cases use the wall clock: 1 working hour = 60 min', () => {
    expect(computeDeadline(fourHours, 'urgent', bj('2026-11-21 23:00'), beijing).toISOString()).toBe(iso('2026-11-22 03:00'))
  })
  it('urgent minutes stay minutes, at night too', () => {
    const gas = category('0403', { value: 30, unit: 'minutes' }, 'urgent')
    expect(computeDeadline(gas, 'urgent', bj('2026-11-22 03:10'), beijing).toISOString()).toBe(iso('2026-11-22 03:40'))
  })
  it('urgent working days become one working day of wall time each (7.5 h here)', () => {
    const oneDay = category('0103', { value: 1, unit: 'working_days' })
    expect(computeDeadline(oneDay, 'urgent', bj('2026-11-21 10:00'), beijing).toISOString()).toBe(iso('2026-11-21 17:30'))
    expect(computeDeadline(oneDay, 'normal', bj('2026-11-21 10:00'), beijing).toISOString()).toBe(iso('2026-11-23 17:30'))
  })
})

describe('deadlineAfterPause', () => {
  it('pushes the deadline by the working time the pause covered', () => {
    // Paused Fri 17:00 → Mon 09:00: 0.5 h Friday + 0.5 h Monday = 1 working hour.
    const next = deadlineAfterPause(bj('2026-11-23 10:00'), bj('2026-11-20 17:00'), bj('2026-11-23 09:00'), 'normal', beijing)
    expect(next.toISOString()).toBe(iso('2026-11-23 11:00'))
  })
  it('a pause over the weekend only costs nothing', () => {
    const next = deadlineAfterPause(bj('2026-11-23 10:00'), bj('2026-11-20 18:00'), bj('2026-11-23 08:00'), 'normal', beijing)
    expect(next.toISOString()).toBe(iso('2026-11-23 10:00'))
  })
  it('a pushed deadline skips nights and lunch like any working time', () => {
    const next = deadlineAfterPause(bj('2026-11-23 17:00'), bj('2026-11-23 09:00'), bj('2026-11-23 11:00'), 'normal', beijing)
    expect(next.toISOString()).toBe(iso('2026-11-24 10:00'))
  })
  it('urgent cases are pushed by the wall time paused', () => {
    const next = deadlineAfterPause(bj('2026-11-22 04:00'), bj('2026-11-22 03:00'), bj('2026-11-22 05:30'), 'urgent', beijing)
    expect(next.toISOString()).toBe(iso('2026-11-22 06:30'))
  })
})

describe('isOverdue and remainingMs', () => {
  const base: Pick<Incident, 'status' | 'deadlineAt' | 'pausedAt'> = {
    status: 'dispatched',
    deadlineAt: iso('2026-11-23 12:00'),
    pausedAt: null
  }
  it('overdue only after the deadline', () => {
    expect(isOverdue(base, bj('2026-11-23 11:59'))).toBe(false)
    expect(isOverdue(base, bj('2026-11-23 12:00'))).toBe(false)
    expect(isOverdue(base, bj('2026-11-23 12:01'))).toBe(true)
    expect(isOverdue({ ...base, status: 'in_progress' }, bj('2026-11-24 09:00'))).toBe(true)
    expect(isOverdue({ ...base, status: 'escalated' }, bj('2026-11-24 09:00'))).toBe(true)
  })
  it('not overdue while paused, resolved, finished, or without a deadline', () => {
    const late = bj('2026-11-25 09:00')
    expect(isOverdue({ ...base, status: 'suspended', pausedAt: iso('2026-11-23 10:00') }, late)).toBe(false)
    for (const status of ['resolved', 'closed', 'rejected', 'merged'] as const) {
      expect(isOverdue({ ...base, status }, late)).toBe(false)
    }
    expect(isOverdue({ ...base, deadlineAt: null }, late)).toBe(false)
  })
  it('remaining time is wall clock, negative when late, frozen while paused, null without deadline', () => {
    expect(remainingMs(base, bj('2026-11-23 10:00'))).toBe(2 * H)
    expect(remainingMs(base, bj('2026-11-23 13:00'))).toBe(-1 * H)
    const paused = { ...base, pausedAt: iso('2026-11-23 11:00') }
    expect(remainingMs(paused, bj('2026-11-23 15:00'))).toBe(1 * H)
    expect(remainingMs(paused, bj('2026-11-30 15:00'))).toBe(1 * H)
    expect(remainingMs({ ...base, deadlineAt: null }, bj('2026-11-23 10:00'))).toBeNull()
  })
})
