// The command table of docs/protocol.md as data: from which states each incident command may be issued.
// Where it goes (the to-state) depends on the payload and history and lives in the machine itself.
import type { CommandType, IncidentStatus } from '../protocol'
import { IncidentStatus as IncidentStatusSchema, isOpenStatus } from '../protocol'

const ALL: readonly IncidentStatus[] = IncidentStatusSchema.options
const OPEN: readonly IncidentStatus[] = ALL.filter(isOpenStatus)

/** The incident commands: every type except report and handover.*. */
export type IncidentCommandType = Exclude<CommandType, 'report' | 'handover.submit' | 'handover.acknowledge'>

export const FROM_STATES: Readonly<Record<IncidentCommandType, readonly IncidentStatus[]>> = {
  accept: ['reported'],
  reject: ['reported'],
  merge: ['reported', 'accepted'],
  dispatch: ['accepted'],
  sign: ['dispatched'],
  return: ['dispatched', 'in_progress'],
  feedback: ['in_progress'],
  verify: ['resolved'],
  escalate: OPEN.filter((s) => s !== 'escalated'),
  deescalate: ['escalated'],
  suspend: OPEN.filter((s) => s !== 'suspended'),
  resume: ['suspended'],
  // Extending needs a running deadline: only a dispatched or signed-for case has one (the machine also
  // checks deadlineAt is set).
  extend: ['dispatched', 'in_progress'],
  urge: OPEN,
  reopen: ['closed', 'rejected'],
  // A note is a record comment; it is allowed on closed cases too (e.g. a later call about the case).
  note: ALL,
  // Claiming a finished case makes no sense; releasing must always work so a stale claim can be cleared.
  claim: OPEN,
  release: ALL
}

export const INCIDENT_COMMAND_TYPES = Object.keys(FROM_STATES) as IncidentCommandType[]

export function isIncidentCommandType(type: CommandType): type is IncidentCommandType {
  return type in FROM_STATES
}

export function isLegalFrom(type: IncidentCommandType, status: IncidentStatus): boolean {
  return FROM_STATES[type].includes(status)
}
