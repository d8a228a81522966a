// The one clock rule: what a case's deadline means right now, on the hub's clock. Queue, detail,
// map, wall and figures all ask this; none decides overdue on its own.
//   none      no deadline yet (before dispatch)
//   stopped   the clock no longer runs: finished (closed, rejected, merged) or 待核查 (resolved:
//             the unit reported it done; verification is the hall's own step) — never overdue
//   paused    suspended (挂账): the remainder is frozen at the moment the pause began
//   overdue   running, deadline passed
//   due_soon  running, within DUE_SOON_MS of the deadline
//   on_time   running, more time left than that
import type { Incident, IncidentStatus } from '../protocol'

export type TimeState = 'none' | 'stopped' | 'paused' | 'overdue' | 'due_soon' | 'on_time'

/** "Due soon" (临期): an hour or less before the deadline. */
export const DUE_SOON_MS = 60 * 60 * 1000

const CLOCK_STOPPED: ReadonlySet<IncidentStatus> = new Set<IncidentStatus>(['closed', 'rejected', 'merged', 'resolved'])

export type ClockFields = Pick<Incident, 'status' | 'deadlineAt' | 'pausedAt'>

export type CaseClock = {
  state: TimeState
  /** Ms left before the deadline (negative when overdue; frozen while paused); null when the clock is not shown. */
  leftMs: number | null
  /** The deadline while the clock runs (the instant the case turns overdue), else null. */
  runningDeadlineMs: number | null
}

function parse(iso: string | null): number | null {
  if (iso === null) return null
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

/** The case's clock at hub time `hubNowMs`. */
export function caseClock(incident: ClockFields, hubNowMs: number): CaseClock {
  return clockAt(incident.status, parse(incident.deadlineAt), parse(incident.pausedAt), hubNowMs)
}

/** caseClock on times already parsed to ms (a case's facts, case-facts.ts): the same rule. */
export function clockAt(status: IncidentStatus, deadlineMs: number | null, pausedMs: number | null, hubNowMs: number): CaseClock {
  // An unreadable time (NaN) is no time, as parse() has it.
  const deadline = deadlineMs === null || Number.isNaN(deadlineMs) ? null : deadlineMs
  const paused = pausedMs === null || Number.isNaN(pausedMs) ? null : pausedMs
  if (deadline === null) return { state: 'none', leftMs: null, runningDeadlineMs: null }
  if (CLOCK_STOPPED.has(status)) return { state: 'stopped', leftMs: null, runningDeadlineMs: null }
  if (paused !== null) return { state: 'paused', leftMs: deadline - paused, runningDeadlineMs: null }
  const leftMs = deadline - hubNowMs
  const state: TimeState = leftMs < 0 ? 'overdue' : leftMs <= DUE_SOON_MS ? 'due_soon' : 'on_time'
  return { state, leftMs, runningDeadlineMs: deadline }
}

export const clockStateAt = (status: IncidentStatus, deadline: number | null, paused: number | null, hubNowMs: number): TimeState =>
  clockAt(status, deadline, paused, hubNowMs).state

export function timeState(incident: ClockFields, hubNowMs: number): TimeState {
  return caseClock(incident, hubNowMs).state
}
