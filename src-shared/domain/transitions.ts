// The command table of docs/protocol.md as data: from which states each incident command may be issued.
// Where it goes (the to-state) depends on the payload and history and lives in the machine itself.
import type { CommandType, IncidentStatus, Role } from '../protocol'
import { IncidentStatus as IncidentStatusSchema, isOpenStatus } from '../protocol'

const ALL: readonly IncidentStatus[] = IncidentStatusSchema.options
const OPEN: readonly IncidentStatus[] = ALL.filter(isOpenStatus)

/** The incident commands: every type except report, handover.* and functionalGrid.*. */
export type IncidentCommandType = Exclude<
  CommandType,
  'report' | 'handover.submit' | 'handover.acknowledge' | 'functionalGrid.create' | 'functionalGrid.end'
>

export const FROM_STATES: Readonly<Record<IncidentCommandType, readonly IncidentStatus[]>> = {
  accept: ['reported'],
  reject: ['reported'],
  merge: ['reported', 'accepted'],
  dispatch: ['accepted'],
  sign: ['dispatched'],
  return: ['dispatched', 'in_progress'],
  // Rev 1.3: from escalated too, when the district department the case went to reports its result.
  feedback: ['in_progress', 'escalated'],
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

/**
 * Rows of the table open to fewer roles than the command's role column (docs/protocol.md rev 1.3).
 * Feedback on an escalated case is the district department's own result, sent by a unit-role caller
 * acting as the department the escalation names: no street seat feeds back on its behalf (代反馈 is
 * for the street's own units), so the console never offers it there.
 */
export const ROLES_FROM: Readonly<Partial<Record<IncidentCommandType, Partial<Record<IncidentStatus, readonly Role[]>>>>> = {
  feedback: { escalated: ['unit'] }
}

export const INCIDENT_COMMAND_TYPES = Object.keys(FROM_STATES) as IncidentCommandType[]

export function isIncidentCommandType(type: CommandType): type is IncidentCommandType {
  return type in FROM_STATES
}

export function isLegalFrom(type: IncidentCommandType, status: IncidentStatus): boolean {
  return FROM_STATES[type].includes(status)
}

/** Whether `role` may issue `type` on a case in `status`, beyond the role column (see ROLES_FROM). */
export function roleMayIssueFrom(type: IncidentCommandType, status: IncidentStatus, role: Role): boolean {
  const only = ROLES_FROM[type]?.[status]
  return only === undefined || only.includes(role)
}
