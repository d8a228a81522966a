// The metrics view's two charts, computed here so the chart draws numbers and decides nothing: the
// trend of cases received (reported) and closed (the verify that closed them, as metrics.ts counts a
// close) per hour for a period of a day or less, per day for longer, on the hall's calendar; and the
// period's cases by category. Pure: the period and the hall's UTC offset come in as parameters.
import type { Incident } from '../protocol'
import type { MetricsIncident, Period } from './metrics'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type ChartIncident = Pick<MetricsIncident, 'reportedAt' | 'timeline'> & Pick<Incident, 'categoryCode'>
export type TrendBucket = { from: string; received: number; closed: number }
export type CategoryBar = { code: string; received: number; closed: number }
export type FigureCharts = { bucket: 'hour' | 'day'; trend: TrendBucket[]; categories: CategoryBar[] }

/** A close in the sense of the §6 figures (metrics.ts): the verification that moved the case to closed. */
const closedAt = (c: ChartIncident, from: number, to: number): number[] =>
  c.timeline.filter((e) => e.action === 'verify' && e.to === 'closed').map((e) => Date.parse(e.at)).filter((at) => at >= from && at < to)

/** Start of the local day (hall's zone) that holds `ms`. */
const localMidnight = (ms: number, offsetMinutes: number): number => {
  const shifted = ms + offsetMinutes * MINUTE
  return shifted - (((shifted % DAY) + DAY) % DAY) - offsetMinutes * MINUTE
}

/**
 * Buckets [period.from, period.to): hours when the period is a day or shorter (a shift, today),
 * local calendar days otherwise (a week, a month). Categories sorted by cases received, most first,
 * then by code; a category with only closes in the period still shows.
 */
export function figureCharts(incidents: readonly ChartIncident[], period: Period, offsetMinutes: number): FigureCharts {
  const from = period.from.getTime()
  const to = period.to.getTime()
  const bucket = to - from <= DAY ? 'hour' : 'day'
  const starts: number[] = []
  if (bucket === 'hour') for (let t = from - (from % HOUR); t < to; t += HOUR) starts.push(t)
  else for (let t = localMidnight(from, offsetMinutes); t < to; t += DAY) starts.push(t)
  const size = bucket === 'hour' ? HOUR : DAY
  const trend = starts.map((t) => ({ from: new Date(t).toISOString(), received: 0, closed: 0 }))
  const indexOf = (ms: number): number => Math.floor((ms - (starts[0] ?? from)) / size)
  const byCategory = new Map<string, CategoryBar>()
  const bar = (code: string): CategoryBar => {
    let b = byCategory.get(code)
    if (!b) byCategory.set(code, (b = { code, received: 0, closed: 0 }))
    return b
  }
  for (const c of incidents) {
    const reported = Date.parse(c.reportedAt)
    if (reported >= from && reported < to) {
      const slot = trend[indexOf(reported)]
      if (slot) slot.received++
      bar(c.categoryCode).received++
    }
    for (const at of closedAt(c, from, to)) {
      const slot = trend[indexOf(at)]
      if (slot) slot.closed++
      bar(c.categoryCode).closed++
    }
  }
  const categories = [...byCategory.values()].sort((a, b) => b.received - a.received || a.code.localeCompare(b.code))
  return { bucket, trend, categories }
}
