// Working-time arithmetic on the hall's calendar (periods, workdays, holidays, 调休 days).
// Pure: every instant is a parameter; the calendar's utcOffsetMinutes decides what "local day" means.
import type { Calendar, TimeLimit } from '../protocol'

const MINUTE = 60_000
const DAY = 86_400_000
/** Search bound: a calendar with no working time in ten years is unusable, not a reason to loop forever. */
const MAX_DAYS_SCANNED = 3660

export class CalendarError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CalendarError'
  }
}

/** A working period of a day, in minutes from local midnight, [start, end). */
interface Span {
  start: number
  end: number
}

function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Sorted, merged, non-empty periods. Throws if the calendar has no working time in a day. */
export function workingSpans(cal: Calendar): Span[] {
  const raw = cal.periods
    .map((p) => ({ start: clockMinutes(p.start), end: clockMinutes(p.end) }))
    .sort((a, b) => a.start - b.start)
  for (const span of raw) {
    // "17:30–08:30" would be a night shift across midnight; the calendar schema cannot say which day it
    // belongs to, so refuse it rather than guess.
    if (span.end <= span.start) {
      throw new CalendarError(`working period ends before it starts (${span.start}–${span.end} min)`)
    }
  }
  const merged: Span[] = []
  for (const span of raw) {
    const last = merged[merged.length - 1]
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else merged.push({ ...span })
  }
  if (merged.length === 0) throw new CalendarError('calendar has no working periods')
  return merged
}

/** Working minutes in one working day (e.g. 08:30–12:00 + 13:30–17:30 = 450). */
export function workingMinutesPerDay(cal: Calendar): number {
  return workingSpans(cal).reduce((sum, s) => sum + s.end - s.start, 0)
}

/** Local day number (days since 1970-01-01 local) of an instant. */
export function localDayNumber(at: Date, cal: Calendar): number {
  return Math.floor((at.getTime() + cal.utcOffsetMinutes * MINUTE) / DAY)
}

/** YYYY-MM-DD of a local day number. */
export function localDayString(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1
}

/** Holidays beat weekdays; 调休 (extra workdays) beat weekends. A date in both lists is a holiday. */
export function isWorkingDay(day: number, cal: Calendar): boolean {
  const date = localDayString(day)
  if (cal.holidays.includes(date)) return false
  if (cal.extraWorkdays.includes(date)) return true
  return cal.workdays.includes(isoWeekday(day))
}

/** UTC ms of local midnight of a local day. */
function dayStartUtc(day: number, cal: Calendar): number {
  return day * DAY - cal.utcOffsetMinutes * MINUTE
}

/**
 * Moves `ms` of working time forward from `start`. ms = 0 returns `start` unchanged (even outside working
 * time), so a zero-length pause or shift never moves a deadline. When the time runs out exactly at the end
 * of a period the answer is that end (17:30), not the next morning.
 */
export function addWorkingMs(start: Date, ms: number, cal: Calendar): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new CalendarError(`working time must be ≥ 0 ms, got ${ms}`)
  if (ms === 0) return new Date(start.getTime())
  const spans = workingSpans(cal)
  let need = ms
  const cursor = start.getTime()
  const firstDay = localDayNumber(start, cal)
  for (let day = firstDay; day < firstDay + MAX_DAYS_SCANNED; day++) {
    if (!isWorkingDay(day, cal)) continue
    const base = dayStartUtc(day, cal)
    for (const span of spans) {
      const from = Math.max(base + span.start * MINUTE, cursor)
      const to = base + span.end * MINUTE
      if (from >= to) continue
      if (need <= to - from) return new Date(from + need)
      need -= to - from
    }
  }
  throw new CalendarError('calendar has no working days within ten years')
}

/** Working milliseconds inside [a, b); 0 when b ≤ a. */
export function workingMsBetween(a: Date, b: Date, cal: Calendar): number {
  const start = a.getTime()
  const end = b.getTime()
  if (end <= start) return 0
  const spans = workingSpans(cal)
  let total = 0
  const lastDay = localDayNumber(b, cal)
  for (let day = localDayNumber(a, cal); day <= lastDay; day++) {
    if (!isWorkingDay(day, cal)) continue
    const base = dayStartUtc(day, cal)
    for (const span of spans) {
      const from = Math.max(base + span.start * MINUTE, start)
      const to = Math.min(base + span.end * MINUTE, end)
      if (to > from) total += to - from
    }
  }
  return total
}

/**
 * Adds a time limit to `start`.
 * - minutes: wall clock.
 * - working_hours: only time inside the periods of working days counts.
 * - working_days: N working days = N × (one working day's working time), counted like working hours.
 *   Started inside working time, that is the same clock time N working days later (Mon 10:00 + 1 wd =
 *   Tue 10:00); started outside it (evening, weekend, holiday), it is the end of the Nth working day's
 *   working time (Fri 20:00 + 1 wd = Mon 17:30). Fractions work the same way (0.5 wd = half a day).
 */
export function addWorkingTime(start: Date, limit: TimeLimit, cal: Calendar): Date {
  switch (limit.unit) {
    case 'minutes':
      return new Date(start.getTime() + limit.value * MINUTE)
    case 'working_hours':
      return addWorkingMs(start, limit.value * 60 * MINUTE, cal)
    case 'working_days':
      return addWorkingMs(start, limit.value * workingMinutesPerDay(cal) * MINUTE, cal)
  }
}

/** A limit as wall-clock ms for urgent cases: 1 working hour = 60 min; 1 working day = one day's working time. */
export function limitAsWallMs(limit: TimeLimit, cal: Calendar): number {
  switch (limit.unit) {
    case 'minutes':
      return limit.value * MINUTE
    case 'working_hours':
      return limit.value * 60 * MINUTE
    case 'working_days':
      return limit.value * workingMinutesPerDay(cal) * MINUTE
  }
}
