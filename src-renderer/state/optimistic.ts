// The optimistic view in the renderer (issue 16): a case as shown = the domain's projection
// (src-shared/domain/optimistic-view.ts) of this console's pending outbox commands over the cached
// case, in outbox order. The queue's detail, the allowed keys and the controller read this view, so a
// queued 立案 shows the case accepted and lets 派遣 (`d`) follow offline. Held commands (failed,
// conflict) are not projected: the case falls back to what the hub holds.
import type { IncidentSummary, OutboxEntry } from '../../src-shared/api'
import { summarize } from '../../src-shared/api'
import { projectPending, isPendingState, type MachineContext } from '../../src-shared/domain'
import type { Incident, ReferenceData, Unit, User } from '../../src-shared/protocol'
import type { ConsoleState } from './console-store'

/**
 * The cache holds summaries, the machine works on whole cases: the fields a summary lacks are ones
 * no incident command reads to decide (description, reporter, photos) or are carried back unchanged.
 * The timeline starts empty: the projection's own entries are the pending acts.
 */
export function incidentFromSummary(summary: IncidentSummary): Incident {
  return {
    ...summary,
    seq: 0,
    description: '',
    reporter: {},
    photos: [],
    escalation: null,
    timeline: []
  }
}

/** The machine's context as this seat: null when the seat or the reference is not known yet (nothing is projected then). */
export function seatContext(
  user: User | null,
  consoleId: string | null,
  reference: ReferenceData | null,
  units: ReadonlyMap<string, Unit>,
  now: Date
): MachineContext | null {
  if (user === null || reference === null) return null
  return {
    now,
    actor: { id: user.id, name: user.name, role: user.role },
    actorUnitId: null,
    consoleId,
    categories: new Map(reference.categories.map((c) => [c.code, c])),
    calendar: reference.calendar,
    getUnit: (id) => units.get(id),
    getIncident: () => undefined
  }
}

export type ProjectedCase = {
  /** The case as shown: the cached summary with the pending commands applied (the summary itself when none). */
  summary: IncidentSummary
  /** Pending commands shown as done (in outbox order), for 已立案（待发送） and the like. */
  pending: OutboxEntry[]
}

/**
 * Projects the pending entries of `summary`'s case over it. The summary keeps its escalation level
 * (the machine's stand-in case has none), and its version becomes the projected one, so a command
 * built on the view (派遣 after a queued 立案) expects the version the hub will hold by then.
 */
export function projectSummary(summary: IncidentSummary, outbox: readonly OutboxEntry[], ctx: MachineContext | null): ProjectedCase {
  const mine = outbox.filter((e) => e.command.incidentId === summary.id && isPendingState(e.state))
  if (ctx === null || mine.length === 0) return { summary, pending: [] }
  const view = projectPending(incidentFromSummary(summary), mine, ctx)
  if (view.applied.length === 0) return { summary, pending: [] }
  const applied = new Set(view.applied.map((c) => c.commandId))
  return {
    summary: { ...summarize(view.incident), escalationLevel: summary.escalationLevel },
    pending: mine.filter((e) => applied.has(e.command.commandId))
  }
}

type SeatInputs = { user: User | null; consoleId: string | null; reference: ReferenceData | null; units: ReadonlyMap<string, Unit> }
type Memo = { base: IncidentSummary; outbox: readonly OutboxEntry[]; seat: SeatInputs; result: ProjectedCase }
const memo = new Map<string, Memo>()

const sameSeat = (a: SeatInputs, b: SeatInputs): boolean =>
  a.user === b.user && a.consoleId === b.consoleId && a.reference === b.reference && a.units === b.units

/**
 * The projected case `id` (or null when not cached). Memoised per case on the cached summary, the
 * outbox array and the seat's context (all replaced, never mutated, when they change), so selectors
 * stay referentially stable. The seat is part of the key: after a reload the outbox and the cases come
 * before the reference, and a view memoised then (nothing projected) must not outlive its arrival.
 */
export function selectProjectedCase(
  state: Pick<ConsoleState, 'incidents' | 'outbox' | 'status' | 'reference' | 'units'>,
  id: string | null,
  now: Date = new Date()
): ProjectedCase | null {
  if (id === null) return null
  const base = state.incidents.get(id)
  if (!base) return null
  const seat: SeatInputs = { user: state.status?.user ?? null, consoleId: state.status?.consoleId ?? null, reference: state.reference, units: state.units }
  const held = memo.get(id)
  if (held && held.base === base && held.outbox === state.outbox && sameSeat(held.seat, seat)) return held.result
  const ctx = seatContext(seat.user, seat.consoleId, seat.reference, seat.units, now)
  const result = projectSummary(base, state.outbox, ctx)
  if (memo.size > 256) memo.clear()
  memo.set(id, { base, outbox: state.outbox, seat, result })
  return result
}
