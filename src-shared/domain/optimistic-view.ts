// The optimistic view (issue 16): a case as it will be once this console's pending commands land.
// The commands still waiting in the outbox are applied to the hub's version in outbox order through
// the one incident machine, so a queued 立案 shows the case accepted and lets 派遣 follow it offline.
// A command the hub refused (held) is not applied: the view falls back to what the hub holds, and
// the caller says so. Pure: the caller gives the clock and the lookups (MachineContext).
import type { Command, CommandType, Incident } from '../protocol'
import { applyIncidentCommand, type MachineContext, type MachineErrorCode } from './incident-machine'
import { isIncidentCommandType } from './transitions'

/** What the view needs of an outbox entry (the console's OutboxEntry fits). */
export type PendingLike = {
  command: Command
  state: 'queued' | 'sending' | 'failed' | 'conflict'
}

/** A pending command the machine would refuse on the projected case (it will be refused by the hub too). */
export type Unprojected = { command: Command; code: MachineErrorCode; message: string }

export type Projection = {
  /** The case with every projectable pending command applied; `base` itself when none applied. */
  incident: Incident
  /** The pending commands applied, in outbox order. */
  applied: Command[]
  /** Pending commands the machine refused on the projected case, in outbox order. */
  refused: Unprojected[]
}

/** Still on its way (queued or in flight): applied to the view. Held ones (failed, conflict) are not. */
export function isPendingState(state: PendingLike['state']): boolean {
  return state === 'queued' || state === 'sending'
}

/**
 * Applies the pending commands on `base` in outbox order. Each is applied as of its own issued time
 * (its timeline entry, a dispatch deadline), so the view matches what the hub will record for a
 * command issued then. Commands on other cases, held ones and non-incident ones are passed over.
 */
export function projectPending(base: Incident, entries: readonly PendingLike[], ctx: MachineContext): Projection {
  let incident = base
  const applied: Command[] = []
  const refused: Unprojected[] = []
  for (const entry of entries) {
    const command = entry.command
    if (!isPendingState(entry.state) || command.incidentId !== base.id || !isIncidentCommandType(command.type)) continue
    const issued = Date.parse(command.issuedAt)
    const outcome = applyIncidentCommand(incident, command, { ...ctx, now: Number.isFinite(issued) ? new Date(issued) : ctx.now })
    if (outcome.ok) {
      incident = outcome.incident
      applied.push(command)
    } else {
      refused.push({ command, code: outcome.code, message: outcome.message })
    }
  }
  return { incident, applied, refused }
}

/** What makes two commands "the same act" on a case: type, case and payload (not id, version or time). */
export type CommandShape = { type: CommandType; incidentId?: string; handoverId?: string; payload: Record<string, unknown> }

/** A JSON text with object keys sorted, so two payloads compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/**
 * The pending command (queued or in flight) that is identical to `request` on the same case, if any:
 * sending it again could only be refused by the hub (a second 立案) or do the act twice (a second
 * 催办). Reports name no case yet and are never duplicates of each other here.
 */
export function identicalPending<E extends PendingLike>(entries: readonly E[], request: CommandShape): E | null {
  if (request.incidentId === undefined && request.handoverId === undefined) return null
  const wanted = canonical(request.payload)
  for (const entry of entries) {
    const c = entry.command
    if (!isPendingState(entry.state)) continue
    if (c.type !== request.type || c.incidentId !== request.incidentId || c.handoverId !== request.handoverId) continue
    if (canonical(c.payload) === wanted) return entry
  }
  return null
}
