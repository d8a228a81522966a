// Who may issue which command (docs/protocol.md "Roles"), before any look at the case's state.
import type { CommandType, Role } from '../protocol'
import { COMMAND_TYPES } from '../protocol'

/** Commands the hub handles outside the incident machine but that roles still gate. */
const HANDOVER: readonly CommandType[] = ['handover.submit', 'handover.acknowledge']

/** Rev 1.8: only a shift lead (and admin) lays out or ends a functional grid (功能性网格). */
const FUNCTIONAL_GRID: readonly CommandType[] = ['functionalGrid.create', 'functionalGrid.end']

/** Commands a unit does itself and a dispatcher may do on its behalf (代签收/代反馈). */
export const UNIT_COMMANDS: readonly CommandType[] = ['sign', 'return', 'feedback']

const DISPATCHER: readonly CommandType[] = [
  'report',
  'accept',
  'reject',
  'merge',
  'dispatch',
  'verify',
  'escalate',
  'urge',
  'note',
  'claim',
  'release',
  ...UNIT_COMMANDS
]

const LEAD: readonly CommandType[] = [...DISPATCHER, 'suspend', 'resume', 'extend', 'reopen', ...HANDOVER, ...FUNCTIONAL_GRID]

export const ROLE_COMMANDS: Readonly<Record<Role, readonly CommandType[]>> = {
  viewer: [],
  dispatcher: DISPATCHER,
  lead: LEAD,
  district: ['deescalate', 'note'],
  unit: ['report', ...UNIT_COMMANDS, 'note'],
  admin: COMMAND_TYPES
}

export function roleMayIssue(role: Role, type: CommandType): boolean {
  return ROLE_COMMANDS[role].includes(type)
}
