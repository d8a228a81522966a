// What the wall lists beside the map (issue 16 item 5): the open cases overdue the longest, the open
// urgent cases, and the streets ranked by 按期结案率. Cases come from the store's summaries (code,
// title, address, street: never the reporter, which a viewer may not read); the clock is the domain's
// caseClock on the hub's time; the ranking reorders the rows of the domain's figures table (getFigures
// by street), never computes a rate of its own. Pure.
import type { IncidentSummary } from '../../src-shared/api'
import { caseClock, type FigureRow } from '../../src-shared/domain'
import { isOpenStatus } from '../../src-shared/protocol'

export type WallCase = {
  id: string
  code: string
  title: string
  streetCode: string
  /** Overdue by this long (overdue list), or time left (urgent list; negative when overdue); null without a running deadline. */
  leftMs: number | null
  reportedAt: string
}

const streetOf = (incident: Pick<IncidentSummary, 'gridCode'>): string => incident.gridCode.slice(0, 9)

function toWallCase(incident: IncidentSummary, leftMs: number | null): WallCase {
  return { id: incident.id, code: incident.code, title: incident.title, streetCode: streetOf(incident), leftMs, reportedAt: incident.reportedAt }
}

const byCode = (a: WallCase, b: WallCase): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)

/**
 * The open cases past their deadline (clock running), the longest overdue first, at most `limit`,
 * and how many there are in all. One pass; the sort touches only the overdue ones.
 */
export function oldestOverdue(incidents: Iterable<IncidentSummary>, hubNowMs: number, limit: number): { cases: WallCase[]; total: number } {
  const found: WallCase[] = []
  for (const incident of incidents) {
    if (!isOpenStatus(incident.status)) continue
    const clock = caseClock(incident, hubNowMs)
    if (clock.state === 'overdue') found.push(toWallCase(incident, clock.leftMs))
  }
  found.sort((a, b) => (a.leftMs ?? 0) - (b.leftMs ?? 0) || byCode(a, b))
  return { cases: found.slice(0, Math.max(0, limit)), total: found.length }
}

/**
 * The open urgent cases: the least time left first (overdue ones lead), cases without a running
 * deadline (待受理, paused) after them by how long they have waited since reported.
 */
export function urgentOpen(incidents: Iterable<IncidentSummary>, hubNowMs: number, limit: number): { cases: WallCase[]; total: number } {
  const found: WallCase[] = []
  for (const incident of incidents) {
    if (!isOpenStatus(incident.status) || incident.urgency !== 'urgent') continue
    const clock = caseClock(incident, hubNowMs)
    found.push(toWallCase(incident, clock.state === 'paused' ? null : clock.leftMs))
  }
  found.sort(
    (a, b) =>
      (a.leftMs ?? Infinity) - (b.leftMs ?? Infinity) ||
      Date.parse(a.reportedAt) - Date.parse(b.reportedAt) ||
      byCode(a, b)
  )
  return { cases: found.slice(0, Math.max(0, limit)), total: found.length }
}

export type RankedStreet = { rank: number; key: string; name: string; onTime: number; closedOnTime: number; dueToClose: number }

/**
 * Streets by today's 按期结案率 as the domain's table gives it (FigureRow.rates.onTime, percent), the
 * best first; equal rates share a rank (1, 2, 2, 4). Streets with nothing due yet have no rate and
 * are not ranked: `unranked` says how many.
 */
export function streetRanking(rows: readonly FigureRow[]): { ranked: RankedStreet[]; unranked: number } {
  const withRate = rows.filter((r) => r.rates.onTime !== null)
  const sorted = withRate
    .map((r) => ({ key: r.key, name: r.name, onTime: r.rates.onTime as number, closedOnTime: r.counts.closedOnTime, dueToClose: r.counts.dueToClose }))
    .sort((a, b) => b.onTime - a.onTime || b.dueToClose - a.dueToClose || a.key.localeCompare(b.key))
  const ranked: RankedStreet[] = []
  sorted.forEach((s, i) => {
    const prev = ranked[i - 1]
    ranked.push({ ...s, rank: prev && prev.onTime === s.onTime ? prev.rank : i + 1 })
  })
  return { ranked, unranked: rows.length - withRate.length }
}
