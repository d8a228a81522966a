// The shift soak's arithmetic, kept pure for tests: the least-squares slope, the compression of
// shift time into real time, and the exactly-once verdict of each command the scripted seat sent.

/** Least-squares slope of y over x (NaN for fewer than 2 points or one x). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length
  if (n < 2) return NaN
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0)
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0)
  return den === 0 ? NaN : num / den
}

export type ShiftPlan = {
  shiftHours: number
  realMinutes: number
  /** Shift seconds per real second. */
  compression: number
  /** Reports/s the simulator runs at: the scenario's daily rate × compression. */
  simRate: number
  /** Real milliseconds between link drops, and how long each drop lasts. */
  dropEveryMs: number
  dropForMs: number
}

/** The real-time plan of a shift: `baseRate` is the scenario's reports/s on the shift's own clock. */
export function planShift(o: { shiftHours: number; realMinutes: number; baseRate: number; dropEveryShiftMin: number; dropForShiftMin: number }): ShiftPlan {
  for (const [k, v] of Object.entries(o)) if (!(Number.isFinite(v) && v > 0)) throw new Error(`shift plan: ${k} must be > 0, got ${v}`)
  const compression = (o.shiftHours * 60) / o.realMinutes
  return {
    shiftHours: o.shiftHours,
    realMinutes: o.realMinutes,
    compression,
    simRate: o.baseRate * compression,
    dropEveryMs: (o.dropEveryShiftMin * 60_000) / compression,
    dropForMs: (o.dropForShiftMin * 60_000) / compression
  }
}

/** What the hub holds for one command: its stored answer (if any) and the timeline entries carrying its id. */
export type HubRecord = { answered: boolean; answerOk: boolean | null; timelineEntries: number }
export type CommandVerdict = 'applied-once' | 'refused' | 'lost' | 'doubled'

/**
 * applied once: exactly one timeline entry; doubled: more than one; refused: no entry and the hub
 * (or the console's outbox) answered no, e.g. a conflict with the simulated hall; lost: no entry and no refusal.
 */
export function verdict(rec: HubRecord | undefined, refusedLocally: boolean): CommandVerdict {
  const n = rec?.timelineEntries ?? 0
  if (n > 1) return 'doubled'
  if (n === 1) return 'applied-once'
  return refusedLocally || rec?.answerOk === false ? 'refused' : 'lost'
}

export function tally(verdicts: readonly CommandVerdict[]): Record<CommandVerdict, number> {
  const t: Record<CommandVerdict, number> = { 'applied-once': 0, refused: 0, lost: 0, doubled: 0 }
  for (const v of verdicts) t[v] += 1
  return t
}
