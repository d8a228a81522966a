// The field's single-timer scheduler: order, cancel, long waits, stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Scheduler } from '../../../src-hub/simulator/scheduler'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(1_000_000)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Scheduler', () => {
  it('runs tasks in time order, skipping cancelled ones', () => {
    const s = new Scheduler()
    const ran: string[] = []
    s.after(300, () => ran.push('c'))
    const b = s.after(200, () => ran.push('b'))
    s.after(100, () => ran.push('a'))
    s.after(100, () => ran.push('a2'))
    s.cancel(b)
    expect(s.size).toBe(3)
    vi.advanceTimersByTime(150)
    expect(ran).toEqual(['a', 'a2'])
    vi.advanceTimersByTime(1000)
    expect(ran).toEqual(['a', 'a2', 'c'])
    expect(s.size).toBe(0)
  })

  it('arms for an earlier task added later, and waits past the 24.8-day timer limit', () => {
    const s = new Scheduler()
    const ran: string[] = []
    const thirtyDays = 30 * 86_400_000
    s.after(thirtyDays, () => ran.push('late'))
    s.after(10, () => ran.push('soon'))
    vi.advanceTimersByTime(20)
    expect(ran).toEqual(['soon'])
    vi.advanceTimersByTime(2_147_483_647)
    expect(ran).toEqual(['soon'])
    vi.advanceTimersByTime(thirtyDays)
    expect(ran).toEqual(['soon', 'late'])
  })

  it('keeps going when a task throws, reporting the error', () => {
    const errors: unknown[] = []
    const s = new Scheduler(Date.now, (e) => errors.push(e))
    const ran: number[] = []
    s.after(5, () => {
      throw new Error('boom')
    })
    s.after(6, () => ran.push(1))
    vi.advanceTimersByTime(10)
    expect(errors).toHaveLength(1)
    expect(ran).toEqual([1])
  })

  it('stop() drops every task and accepts no more', () => {
    const s = new Scheduler()
    const ran: number[] = []
    s.after(5, () => ran.push(1))
    s.stop()
    s.after(5, () => ran.push(2))
    vi.advanceTimersByTime(100)
    expect(ran).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
