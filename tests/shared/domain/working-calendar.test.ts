// Working-time arithmetic: nights, lunch breaks, weekends, holidays, 调休 days, the calendar's UTC offset.
import { describe, expect, it } from 'vitest'
import {
  addWorkingMs,
  addWorkingTime,
  CalendarError,
  isWorkingDay,
  localDayNumber,
  workingMinutesPerDay,
  workingMsBetween
} from '../../../src-shared/domain'
import type { Calendar } from '../../../src-shared/protocol'
import { beijing, bj } from './helpers'

const H = 3_600_000
const wh = (value: number) => ({ value, unit: 'working_hours' as const })
const wd = (value: number) => ({ value, unit: 'working_days' as const })

describe('addWorkingTime, working hours', () => {
  it.each([
    ['inside a morning', '2026-11-23 09:00', 2, '2026-11-23 11:00'],
    ['across the lunch break', '2026-11-23 11:00', 2, '2026-11-23 14:30'],
    ['starting in the lunch break', '2026-11-23 12:30', 1, '2026-11-23 14:30'],
    ['starting before work', '2026-11-23 07:00', 1, '2026-11-23 09:30'],
    ['across a night', '2026-11-23 16:30', 4, '2026-11-24 11:30'],
    ['ending exactly at the end of the day', '2026-11-23 16:30', 1, '2026-11-23 17:30'],
    ['ending exactly at noon', '2026-11-23 11:00', 1, '2026-11-23 12:00'],
    ['across a weekend', '2026-11-20 16:30', 2, '2026-11-23 09:30'],
    ['reported on a Saturday', '2026-11-21 10:00', 1, '2026-11-23 09:30'],
    ['across the National Day holidays', '2026-09-30 16:30', 2, '2026-10-08 09:30'],
    ['onto a 调休 Saturday', '2026-10-09 17:00', 1, '2026-10-10 09:00'],
    ['onto a 调休 Sunday', '2026-09-26 10:00', 1, '2026-09-27 09:30'],
    ['a whole working day of hours', '2026-11-23 08:30', 7.5, '2026-11-23 17:30'],
    ['fractional hours', '2026-11-23 09:00', 0.25, '2026-11-23 09:15']
  ])('%s', (_name, start, hours, expected) => {
    expect(addWorkingTime(bj(start), wh(hours), beijing).toISOString()).toBe(bj(expected).toISOString())
  })
})

describe('addWorkingTime, working days', () => {
  it.each([
    ['inside working time: same clock time next working day', '2026-11-23 10:00', 1, '2026-11-24 10:00'],
    ['Friday morning: Monday at the same time', '2026-11-20 10:00', 1, '2026-11-23 10:00'],
    ['Friday evening: end of Monday', '2026-11-20 20:00', 1, '2026-11-23 17:30'],
    ['before work: end of that day', '2026-11-23 07:00', 1, '2026-11-23 17:30'],
    ['three days over a weekend', '2026-11-19 15:00', 3, '2026-11-24 15:00'],
    ['half a day crosses lunch', '2026-11-23 10:00', 0.5, '2026-11-23 15:15'],
    ['over the holidays and a 调休 Saturday', '2026-09-30 10:00', 2, '2026-10-09 10:00'],
    ['the 调休 Saturday counts', '2026-10-09 10:00', 1, '2026-10-10 10:00']
  ])('%s', (_name, start, days, expected) => {
    expect(addWorkingTime(bj(start), wd(days), beijing).toISOString()).toBe(bj(expected).toISOString())
  })
})

describe('addWorkingTime, minutes', () => {
  it('is wall clock, night and weekend included', () => {
    expect(addWorkingTime(bj('2026-11-21 03:00'), { value: 30, unit: 'minutes' }, beijing).toISOString()).toBe(
      bj('2026-11-21 03:30').toISOString()
    )
  })
})

describe('the calendar offset decides the local day', () => {
  const utc: Calendar = { ...beijing, utcOffsetMinutes: 0 }
  it('01:00Z on Monday is 09:00 in Beijing but 01:00 in UTC', () => {
    const at = new Date('2026-11-23T01:00:00Z')
    expect(addWorkingTime(at, wh(1), beijing).toISOString()).toBe('2026-11-23T02:00:00.000Z')
    expect(addWorkingTime(at, wh(1), utc).toISOString()).toBe('2026-11-23T09:30:00.000Z')
  })
  it('20:00Z on Sunday is already Monday 04:00 in Beijing', () => {
    const at = new Date('2026-11-22T20:00:00Z')
    expect(localDayNumber(at, beijing)).toBe(localDayNumber(new Date('2026-11-23T12:00:00Z'), utc))
    expect(addWorkingTime(at, wh(1), beijing).toISOString()).toBe(bj('2026-11-23 09:30').toISOString())
  })
})

describe('isWorkingDay', () => {
  const day = (d: string) => localDayNumber(bj(`${d} 12:00`), beijing)
  it('weekday yes, weekend no, holiday no, 调休 yes', () => {
    expect(isWorkingDay(day('2026-11-23'), beijing)).toBe(true)
    expect(isWorkingDay(day('2026-11-22'), beijing)).toBe(false)
    expect(isWorkingDay(day('2026-10-01'), beijing)).toBe(false)
    expect(isWorkingDay(day('2026-10-10'), beijing)).toBe(true)
  })
  it('a date listed as both holiday and extra workday is a holiday', () => {
    const cal = { ...beijing, extraWorkdays: ['2026-10-01'] }
    expect(isWorkingDay(day('2026-10-01'), cal)).toBe(false)
  })
})

describe('workingMsBetween', () => {
  it('counts only working periods of working days', () => {
    expect(workingMsBetween(bj('2026-11-20 16:00'), bj('2026-11-23 09:00'), beijing)).toBe(2 * H)
    expect(workingMsBetween(bj('2026-11-23 11:00'), bj('2026-11-23 14:00'), beijing)).toBe(1.5 * H)
    expect(workingMsBetween(bj('2026-09-30 17:00'), bj('2026-10-08 08:30'), beijing)).toBe(0.5 * H)
    expect(workingMsBetween(bj('2026-11-16 08:30'), bj('2026-11-23 08:30'), beijing)).toBe(5 * 7.5 * H)
  })
  it('is 0 for an empty or reversed interval', () => {
    expect(workingMsBetween(bj('2026-11-23 10:00'), bj('2026-11-23 10:00'), beijing)).toBe(0)
    expect(workingMsBetween(bj('2026-11-23 11:00'), bj('2026-11-23 10:00'), beijing)).toBe(0)
  })
  it('is the inverse of addWorkingMs', () => {
    const starts = ['2026-11-20 16:10', '2026-11-21 02:00', '2026-09-30 11:59', '2026-10-09 17:29']
    const amounts = [1, 60_000, 2.25 * H, 7.5 * H, 40 * H]
    for (const s of starts) {
      for (const ms of amounts) {
        const end = addWorkingMs(bj(s), ms, beijing)
        expect(workingMsBetween(bj(s), end, beijing)).toBe(ms)
      }
    }
  })
})

describe('bad calendars fail clearly instead of looping or guessing', () => {
  it('addWorkingMs(0) never moves the instant', () => {
    const saturday = bj('2026-11-21 10:00')
    expect(addWorkingMs(saturday, 0, beijing).getTime()).toBe(saturday.getTime())
  })
  it('refuses negative or non-finite amounts', () => {
    expect(() => addWorkingMs(bj('2026-11-23 10:00'), -1, beijing)).toThrow(CalendarError)
    expect(() => addWorkingMs(bj('2026-11-23 10:00'), Number.NaN, beijing)).toThrow(CalendarError)
  })
  it('refuses a period that ends before it starts', () => {
    const cal = { ...beijing, periods: [{ start: '17:30', end: '08:30' }] }
    expect(() => addWorkingTime(bj('2026-11-23 10:00'), wh(1), cal)).toThrow(/ends before it starts/)
  })
  it('refuses a calendar with no working days', () => {
    const cal = { ...beijing, workdays: [], extraWorkdays: [] }
    expect(() => addWorkingTime(bj('2026-11-23 10:00'), wh(1), cal)).toThrow(CalendarError)
  })
  it('merges overlapping periods instead of counting time twice', () => {
    const cal = { ...beijing, periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }
    expect(workingMinutesPerDay(cal)).toBe(240)
    expect(workingMsBetween(bj('2026-11-23 00:00'), bj('2026-11-24 00:00'), cal)).toBe(4 * H)
  })
})
