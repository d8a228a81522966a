// Working calendar of the demo: UTC+8, 08:30–12:00 and 13:30–17:30, Mon–Fri, with China's 2026
// public holidays and make-up working days (调休) as published by the State Council in late 2025.
// OPERATORS MUST UPDATE THIS EVERY YEAR when the next year's arrangement is announced (usually
// November); after 2026 the calendar simply knows no holidays.
import type { Calendar } from '../../src-shared/protocol'

/** Inclusive date ranges of each holiday period (weekends included; buildCalendar keeps weekdays). */
const HOLIDAYS_2026: Array<[name: string, from: string, to: string]> = [
  ['元旦', '2026-01-01', '2026-01-03'],
  ['春节', '2026-02-15', '2026-02-23'],
  ['清明节', '2026-04-04', '2026-04-06'],
  ['劳动节', '2026-05-01', '2026-05-05'],
  ['端午节', '2026-06-19', '2026-06-21'],
  ['中秋节', '2026-09-25', '2026-09-27'],
  ['国庆节', '2026-10-01', '2026-10-07']
]

/** Weekend days worked in exchange (调休上班). */
const EXTRA_WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']

const WORKDAYS = [1, 2, 3, 4, 5]

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

export function buildCalendar(): Calendar {
  // Only days that would otherwise be worked are holidays in the protocol's sense.
  const holidays = HOLIDAYS_2026.flatMap(([, from, to]) => daysBetween(from, to)).filter((d) =>
    WORKDAYS.includes(isoWeekday(d))
  )
  return {
    utcOffsetMinutes: 480,
    periods: [
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' }
    ],
    workdays: WORKDAYS,
    holidays,
    extraWorkdays: [...EXTRA_WORKDAYS_2026]
  }
}
