// The dispatch panel's outside-the-list (清单外) part (issue 14, rev 1.6): whether the units about to be
// sent need a reason (asked of src-shared/domain's rule), and the payload field the hub requires.
import { dutyLookup, OUTSIDE_LIST_REASONS, outsideListUnits } from '../../src-shared/domain'
import type { OutsideListReason, ReferenceData, Unit } from '../../src-shared/protocol'
import type { MessageKey } from '../i18n/messages'

export type OutsideListForm = { reasonCode: OutsideListReason; orderedBy: string; text: string }

export const EMPTY_OUTSIDE_FORM: OutsideListForm = { reasonCode: OUTSIDE_LIST_REASONS[0] ?? 'other', orderedBy: '', text: '' }

/** The names of the target units the case's category is outside the list for; null when none (or no list: an older hub). */
export function outsideListNeed(
  reference: Pick<ReferenceData, 'dutyList'> | null | undefined,
  units: ReadonlyMap<string, Pick<Unit, 'id' | 'kind' | 'name'>>,
  categoryCode: string,
  unitIds: readonly string[]
): string[] | null {
  const known = unitIds.map((id) => units.get(id)).filter((u): u is Pick<Unit, 'id' | 'kind' | 'name'> => u !== undefined)
  const ids = outsideListUnits(dutyLookup(reference?.dutyList), categoryCode, known)
  return ids.length === 0 ? null : ids.map((id) => units.get(id)?.name ?? id)
}

/** The `outsideList` field when needed (ordering body defaulting to `selfName`), or what is missing. */
export function outsideListPayload(
  need: readonly string[] | null,
  form: OutsideListForm,
  selfName: string
): { ok: true; fields: Record<string, unknown> } | { ok: false; error: MessageKey } {
  if (need === null) return { ok: true, fields: {} }
  const reason = form.text.trim()
  const orderedBy = form.orderedBy.trim() || selfName
  if (reason === '' || orderedBy === '') return { ok: false, error: 'outside.missing' }
  return { ok: true, fields: { outsideList: { reasonCode: form.reasonCode, orderedBy, reason } } }
}
