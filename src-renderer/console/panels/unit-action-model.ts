// Acting for a unit (代签收 / 退回 / 代反馈): which of the case's assignees, and the text the protocol
// requires (a reason to return, a note to report it done). Pure, so the refusals are testable.
import type { CommandRequest, IncidentSummary } from '../../../src-shared/api'
import type { MessageKey } from '../../i18n/messages'
import { buildRequest } from '../commands'

export type UnitCommand = 'sign' | 'return' | 'feedback'

/** Per command: the payload field its text goes in (none for sign), and the panel's words. */
export const UNIT_COMMAND_SPEC: Record<UnitCommand, { field: 'reason' | 'note' | null; title: MessageKey; label: MessageKey | null }> = {
  sign: { field: null, title: 'unitAct.signTitle', label: null },
  return: { field: 'reason', title: 'unitAct.returnTitle', label: 'unitAct.returnLabel' },
  feedback: { field: 'note', title: 'unitAct.feedbackTitle', label: 'unitAct.feedbackLabel' }
}

export type UnitActionDraft = { unitId: string | null; text: string }

/** The unit chosen at first: the only assignee when there is one, else none (the person picks). */
export function initialUnit(assignees: readonly string[]): string | null {
  return assignees.length === 1 ? (assignees[0] ?? null) : null
}

export function unitActionRequest(
  command: UnitCommand,
  incident: Pick<IncidentSummary, 'id' | 'version' | 'assignees'>,
  draft: UnitActionDraft
): { ok: true; request: CommandRequest } | { ok: false; error: MessageKey } {
  if (incident.assignees.length === 0) return { ok: false, error: 'unitAct.noAssignees' }
  if (draft.unitId === null || !incident.assignees.includes(draft.unitId)) return { ok: false, error: 'unitAct.chooseUnit' }
  const payload: Record<string, unknown> = { unitId: draft.unitId }
  const field = UNIT_COMMAND_SPEC[command].field
  if (field !== null) {
    const text = draft.text.trim()
    if (text === '') return { ok: false, error: 'panel.textRequired' }
    payload[field] = text
  }
  return { ok: true, request: buildRequest(command, incident, payload) }
}
