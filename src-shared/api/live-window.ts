// Which finished cases the renderer is handed: the retention window's schema and its pure math, shared
// by the core (which bounds the live set by it) and the wall's key figures (which count "today" by it).
import { z } from 'zod'
import { isOpenStatus } from '../protocol'
import type { IncidentSummary } from './console-api'

export const DAY_MS = 86_400_000

/**
 * How long a finished case (closed, rejected, merged) stays in the renderer's live set after it
 * finished. 'workday': since the start of the centre's local day (the key figures count today);
 * 'ms': a fixed span, for tests and soak runs.
 */
export const FinishedRetention = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('workday') }),
  z.object({ kind: z.literal('ms'), ms: z.number().int().positive().max(366 * DAY_MS) })
])
export type FinishedRetention = z.infer<typeof FinishedRetention>

export const DEFAULT_FINISHED_RETENTION: FinishedRetention = { kind: 'workday' }

/** Start of the local day containing `nowMs` (the calendar's utcOffsetMinutes), as an epoch instant. */
export function startOfLocalDay(nowMs: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000
  return Math.floor((nowMs + offset) / DAY_MS) * DAY_MS - offset
}

/**
 * The earliest finishing time a finished case may have and still be handed to the renderer, at hub
 * time `hubNowMs`. With the day unknown (no reference data yet) nothing is left out: -Infinity.
 */
export function retentionStart(retention: FinishedRetention, hubNowMs: number, utcOffsetMinutes: number | null): number {
  if (retention.kind === 'ms') return hubNowMs - retention.ms
  return utcOffsetMinutes === null ? -Infinity : startOfLocalDay(hubNowMs, utcOffsetMinutes)
}

/**
 * When a case finished, or null while it is open. A summary carries no timeline; updatedAt of a finished
 * case is its finishing time (any later change to it counts as a new finish: it was touched today).
 */
export function finishedAtMs(incident: Pick<IncidentSummary, 'status' | 'updatedAt'>): number | null {
  if (isOpenStatus(incident.status)) return null
  return Date.parse(incident.updatedAt)
}

/** Open, or finished at or after `startMs`. */
export function inLiveSet(incident: Pick<IncidentSummary, 'status' | 'updatedAt'>, startMs: number): boolean {
  const finished = finishedAtMs(incident)
  // An unparsable time cannot be placed: keep the case rather than hide it.
  return finished === null || Number.isNaN(finished) || finished >= startMs
}
