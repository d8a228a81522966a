// The day a 日报 covers, in the centre's calendar: today moved by whole days (←/→ in the view).
import type { FiguresQuery } from '../../src-shared/api'
import { periodOf, type Dimension } from '../../src-shared/domain'

const DAY = 86_400_000

export type DailyQueries = { day: string; byStreet: FiguresQuery; byUnit: FiguresQuery; byCategory: FiguresQuery }

/** The queries of the day `shift` days from today (0 today, -1 yesterday) at `nowMs`, centre offset in minutes. */
export function dailyQueries(shift: number, nowMs: number, offsetMinutes: number): DailyQueries {
  const p = periodOf('today', nowMs + shift * DAY, offsetMinutes)
  const q = (by: Dimension): FiguresQuery => ({ from: p.from.toISOString(), to: p.to.toISOString(), by })
  const day = new Date(p.from.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10)
  return { day, byStreet: q('street'), byUnit: q('unit'), byCategory: q('category') }
}
