// The incident state machine: applies one command to a case and returns its next version, or a refusal.
// Pure: no clock (ctx.now), no store (ctx lookups); never mutates its inputs.
// Its parts: which command is legal from which state and role is the table in transitions.ts; what each
// command checks and does is incident-steps.ts; the 'report' command is incident-report.ts; the
// context, refusal codes and the final schema check are machine-outcome.ts. All are re-exported here.
import type { Command, CommandType, Incident, IncidentStatus, Role, TimelineEntry } from '../protocol'
import { MAX_NOTE } from '../protocol'
import { plan, type StepResult } from './incident-steps'
import { fail, finish, type MachineContext, type MachineOutcome } from './machine-outcome'
import { roleMayIssue, UNIT_COMMANDS } from './roles'
import { appendTimeline } from './timeline'
import { FROM_STATES, INCIDENT_COMMAND_TYPES, isIncidentCommandType, isLegalFrom, roleMayIssueFrom } from './transitions'
import { CalendarError } from './working-calendar'

export type { MachineContext, MachineErrorCode, MachineOutcome } from './machine-outcome'
export { createIncidentFromReport, maskPhone } from './incident-report'
export { isSettledAbove, stateBeforeSuspension } from './incident-steps'

/** What a role may issue on a case in a given status (for the UI's action list). */
export function allowedCommands(status: IncidentStatus, role: Role): CommandType[] {
  return INCIDENT_COMMAND_TYPES.filter(
    (type) => roleMayIssue(role, type) && isLegalFrom(type, status) && roleMayIssueFrom(type, status, role)
  )
}

function clip(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined
  return text.length > MAX_NOTE ? text.slice(0, MAX_NOTE) : text
}

/**
 * Apply one incident command (all types except report and handover.*) to the current record.
 * Returns the next record: version+1, updatedAt=now, timeline entry appended (actor, action=type, from,
 * to, note, commandId, unitIds). `seq` is left as in `current` (the hub sets it). Never mutates `current`.
 * Checks, in order: the command fits the case, the role may issue it, the state allows it, the role may
 * issue it from that state (ROLES_FROM), then the payload's cross-field rules.
 */
export function applyIncidentCommand(current: Incident, command: Command, ctx: MachineContext): MachineOutcome {
  if (!isIncidentCommandType(command.type)) return fail('invalid', `${command.type} is not an incident command`)
  if (command.incidentId !== undefined && command.incidentId !== current.id) {
    return fail('invalid', `command names case ${command.incidentId} but was applied to ${current.id}`)
  }
  if (!roleMayIssue(ctx.actor.role, command.type)) {
    return fail('forbidden', `role ${ctx.actor.role} may not ${command.type}`)
  }
  if (ctx.actor.role === 'unit' && UNIT_COMMANDS.includes(command.type) && ctx.actorUnitId === null) {
    return fail('forbidden', 'a unit caller must say which unit it is')
  }
  if (!isLegalFrom(command.type, current.status)) {
    return fail(
      'illegal_transition',
      `${command.type} is not allowed on a ${current.status} case (allowed from: ${FROM_STATES[command.type].join(', ')})`
    )
  }
  if (!roleMayIssueFrom(command.type, current.status, ctx.actor.role)) {
    return fail('forbidden', `role ${ctx.actor.role} may not ${command.type} on a ${current.status} case`)
  }
  let planned: StepResult
  try {
    planned = plan(current, command, ctx)
  } catch (error) {
    // A broken calendar must refuse the command, never corrupt the case or crash the hub.
    if (error instanceof CalendarError) return fail('invalid', `working calendar: ${error.message}`)
    throw error
  }
  if (!planned.ok) return fail(planned.code, planned.message)
  const { to, patch, note, unitIds } = planned.step
  const at = ctx.now.toISOString()
  const clipped = clip(note)
  const entry: TimelineEntry = {
    at,
    actor: { ...ctx.actor },
    action: command.type,
    from: current.status,
    to,
    ...(clipped !== undefined ? { note: clipped } : {}),
    commandId: command.commandId,
    ...(unitIds !== undefined && unitIds.length > 0 ? { unitIds } : {}),
    // Rev 1.7: when the person issued it, next to `at` (when it was applied).
    issuedAt: command.issuedAt
  }
  const next: Incident = {
    ...current,
    ...patch,
    status: to,
    version: current.version + 1,
    updatedAt: at,
    timeline: appendTimeline(current.timeline, entry)
  }
  return finish(next)
}
