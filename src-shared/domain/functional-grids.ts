// Functional grids (功能性网格, protocol rev 1.8): which are active when, which one a case falls in,
// the suggestion order inside one, and the hub's checks of a new one. Pure: the hub, the console's
// queue, the panel and the map all ask here. "Active" is computed from the clock on every read, so a
// functional grid ends by itself at its end time — there is no timer that could be missed.
import type { FunctionalGrid } from '../protocol/functional-grid'
import { MAX_FG_PERIOD_MS } from '../protocol/functional-grid'
import type { LngLat } from '../protocol'
import { pointInPolygon } from '../geo/point-in-area'
import type { PolygonCoords } from '../geo/types'
import { suggestUnits, type SuggestionData, type SuggestionIncident, type UnitSuggestion } from './suggestions'

export type FunctionalGridTimes = Pick<FunctionalGrid, 'fromAt' | 'toAt' | 'endedAt'>
export type FunctionalGridState = 'planned' | 'active' | 'ended'

/** When it stops (or stopped): the earlier of its end time and an early end. */
export function functionalGridStopMs(fg: FunctionalGridTimes): number {
  const to = Date.parse(fg.toAt)
  return fg.endedAt === null ? to : Math.min(to, Date.parse(fg.endedAt))
}

/** planned before `fromAt`; active while fromAt ≤ t < stop; ended from then on. */
export function functionalGridState(fg: FunctionalGridTimes, nowMs: number): FunctionalGridState {
  if (nowMs >= functionalGridStopMs(fg)) return 'ended'
  return nowMs < Date.parse(fg.fromAt) ? 'planned' : 'active'
}

export function activeFunctionalGrids<T extends FunctionalGridTimes>(all: readonly T[], nowMs: number): T[] {
  return all.filter((fg) => functionalGridState(fg, nowMs) === 'active')
}

/**
 * The active functional grid a unit grid lies in, or null. The hub refuses overlapping ones (rev 1.8),
 * so there is at most one; should older data hold two, the one that started first wins, then by id,
 * so every view picks the same.
 */
export function functionalGridOf<T extends FunctionalGridTimes & Pick<FunctionalGrid, 'id' | 'gridCodes'>>(
  gridCode: string,
  all: readonly T[],
  nowMs: number
): T | null {
  const hits = activeFunctionalGrids(all, nowMs).filter((fg) => fg.gridCodes.includes(gridCode))
  hits.sort((a, b) => Date.parse(a.fromAt) - Date.parse(b.fromAt) || a.id.localeCompare(b.id))
  return hits[0] ?? null
}

export interface FunctionalGridSuggestion extends UnitSuggestion {
  /** The unit is on the team of the active functional grid the case lies in. */
  team: boolean
}

/**
 * Suggestions for a case, with the team of the active functional grid it lies in first (on-duty team
 * members by their own score, then everyone else as `suggestUnits` ranks them; an off-duty team member
 * keeps its place among the off-duty). A team member the plain rules leave out (another street's
 * department) is still suggested: the lead chose it for this area. Outside any active functional grid
 * the order is exactly `suggestUnits`'s.
 */
export function suggestUnitsWithFunctionalGrids(
  incident: SuggestionIncident,
  data: SuggestionData,
  functionalGrids: readonly FunctionalGrid[],
  nowMs: number,
  limit = 5
): FunctionalGridSuggestion[] {
  const fg = functionalGridOf(incident.gridCode, functionalGrids, nowMs)
  if (fg === null) return suggestUnits(incident, data, limit).map((s) => ({ ...s, team: false }))
  const all = suggestUnits(incident, data, Number.MAX_SAFE_INTEGER)
  const seen = new Set(all.map((s) => s.unitId))
  const teamSet = new Set(fg.unitIds)
  // Team units the street rule dropped: rank them on their own (same street as the case, for scoring).
  const missing = data.units.filter((u) => teamSet.has(u.id) && !seen.has(u.id) && u.kind !== 'district_dept')
  const extra = suggestUnits(incident, { ...data, units: missing.map((u) => ({ ...u, streetCode: null })) }, Number.MAX_SAFE_INTEGER)
  const status = new Map(data.units.map((u) => [u.id, u.status]))
  const onDutyTeam = [...all, ...extra]
    .filter((s) => teamSet.has(s.unitId) && status.get(s.unitId) !== 'off_duty')
    .sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId))
  const firstIds = new Set(onDutyTeam.map((s) => s.unitId))
  const rest = [...all, ...extra.filter((s) => status.get(s.unitId) === 'off_duty')].filter((s) => !firstIds.has(s.unitId))
  return [...onDutyTeam, ...rest].slice(0, Math.max(0, limit)).map((s) => ({ ...s, team: teamSet.has(s.unitId) }))
}

/** A unit grid as the area resolver needs it. */
export interface AreaGrid {
  code: string
  communityCode: string
  streetCode: string
  /** A point inside the grid (its interior point). */
  point: LngLat
}

export type AreaInput =
  | { gridCodes: readonly string[] }
  | { communityCode: string }
  | { streetCode: string }
  | { polygon: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } }

export type Refusal = { code: 'invalid' | 'conflict'; message: string; current?: FunctionalGrid }

/** The unit grids an area covers (sorted, unique), or why it names none. A polygon covers a grid when the grid's interior point lies in it. */
export function resolveArea(area: AreaInput, grids: readonly AreaGrid[]): { gridCodes: string[] } | Refusal {
  let codes: string[]
  if ('gridCodes' in area) {
    const known = new Set(grids.map((g) => g.code))
    const unknown = [...new Set(area.gridCodes)].filter((c) => !known.has(c))
    if (unknown.length > 0) return { code: 'invalid', message: `unknown grid code(s): ${unknown.slice(0, 10).join(', ')}` }
    codes = [...area.gridCodes]
  } else if ('communityCode' in area) {
    codes = grids.filter((g) => g.communityCode === area.communityCode).map((g) => g.code)
    if (codes.length === 0) return { code: 'invalid', message: `community ${area.communityCode} has no unit grids` }
  } else if ('streetCode' in area) {
    codes = grids.filter((g) => g.streetCode === area.streetCode).map((g) => g.code)
    if (codes.length === 0) return { code: 'invalid', message: `street ${area.streetCode} has no unit grids` }
  } else {
    const polygons = (area.polygon.type === 'Polygon' ? [area.polygon.coordinates] : area.polygon.coordinates) as PolygonCoords[]
    codes = grids.filter((g) => polygons.some((p) => pointInPolygon(g.point.lng, g.point.lat, p))).map((g) => g.code)
    if (codes.length === 0) return { code: 'invalid', message: 'the polygon covers no unit grid (a grid is covered when its interior point lies inside)' }
  }
  if (codes.length === 0) return { code: 'invalid', message: 'the area names no grid' }
  return { gridCodes: [...new Set(codes)].sort() }
}

/** The period checks of rev 1.8: to after from, not wholly past, at most 366 days. */
export function checkPeriod(fromAt: string, toAt: string, nowMs: number): Refusal | null {
  const from = Date.parse(fromAt)
  const to = Date.parse(toAt)
  if (!(to > from)) return { code: 'invalid', message: `the period ends (${toAt}) at or before it starts (${fromAt})` }
  if (to <= nowMs) return { code: 'invalid', message: `the period ends (${toAt}) in the past` }
  if (to - from > MAX_FG_PERIOD_MS) return { code: 'invalid', message: 'the period is longer than 366 days' }
  return null
}

/** The overlap rule of rev 1.8: a unit grid belongs to at most one not-ended functional grid at any time. */
export function findOverlap(
  candidate: { fromAt: string; toAt: string; gridCodes: readonly string[] },
  existing: readonly FunctionalGrid[],
  nowMs: number
): Refusal | null {
  const from = Date.parse(candidate.fromAt)
  const to = Date.parse(candidate.toAt)
  const mine = new Set(candidate.gridCodes)
  for (const fg of existing) {
    if (functionalGridState(fg, nowMs) === 'ended') continue
    const overlapsInTime = from < functionalGridStopMs(fg) && Date.parse(fg.fromAt) < to
    const shared = fg.gridCodes.filter((c) => mine.has(c))
    if (overlapsInTime && shared.length > 0) {
      return {
        code: 'conflict',
        message: `functional grid "${fg.name}" already covers ${shared.length} of these unit grids (e.g. ${shared[0]}) from ${fg.fromAt} to ${fg.toAt}`,
        current: fg
      }
    }
  }
  return null
}

/** Why the console hides functional grids, or null when the hub speaks rev 1.8 (its welcome lists the feature). */
export function functionalGridsUnavailable(welcome: { features?: readonly string[] | undefined } | null): 'no_hub' | 'hub_predates_1_8' | null {
  if (welcome === null) return 'no_hub'
  return welcome.features?.includes('functionalGrid') ? null : 'hub_predates_1_8'
}
