// The dispatch picker's logic without React: the unit list (suggestions first, with reasons),
// filtering by what the dispatcher types, highlight movement, choosing up to 5, and the command.
import type { CommandRequest, IncidentSummary } from '../../../src-shared/api'
import { suggestUnits, type SuggestionReason } from '../../../src-shared/domain'
import type { Responsibility, Unit } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { buildRequest } from '../commands'
import { checkDeadline } from './deadline-field'

export const MAX_UNITS = 5

export type PickerRow = { unit: Unit; suggested: boolean; reasons: SuggestionReason[]; distanceM: number | null }

export type PickerState = {
  query: string
  /** Index into the filtered rows. */
  highlight: number
  /** Chosen unit ids, in the order chosen. */
  chosen: string[]
  /** A message key to show (e.g. the 5-unit limit), cleared by the next action. */
  warning: MessageKey | null
}

export type PickerAction =
  | { type: 'query'; query: string }
  | { type: 'move'; by: number; rowCount: number }
  | { type: 'toggle'; rows: readonly PickerRow[] }

export const initialPicker: PickerState = { query: '', highlight: 0, chosen: [], warning: null }

// Departments and communities are picked by hand far more often than another grid's worker, and a
// street has hundreds of grid workers: list them last.
const KIND_ORDER: Record<Unit['kind'], number> = { street_dept: 0, community: 1, grid_worker: 2, district_dept: 3 }

/**
 * Every unit the case may be dispatched to: the suggestions first (best first, with reasons), then
 * the rest by kind (departments, communities, grid workers) and name. District departments are left out: they are reached by escalation.
 */
export function buildPickerRows(
  incident: Pick<IncidentSummary, 'categoryCode' | 'gridCode' | 'location'>,
  units: Iterable<Unit>,
  responsibilities: readonly Responsibility[]
): PickerRow[] {
  const eligible = [...units].filter((u) => u.kind !== 'district_dept')
  const suggestions = suggestUnits(incident, { responsibilities, units: eligible })
  const byId = new Map(eligible.map((u) => [u.id, u]))
  const rows: PickerRow[] = []
  const taken = new Set<string>()
  for (const s of suggestions) {
    const unit = byId.get(s.unitId)
    if (!unit) continue
    rows.push({ unit, suggested: true, reasons: s.reasons, distanceM: s.distanceM })
    taken.add(unit.id)
  }
  const rest = eligible
    .filter((u) => !taken.has(u.id))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN'))
  for (const unit of rest) rows.push({ unit, suggested: false, reasons: [], distanceM: null })
  return rows
}

/** Substring match on the unit's name, id and kind label (in both languages: people mix them). */
export function filterRows(rows: readonly PickerRow[], query: string): PickerRow[] {
  const q = query.trim().toLowerCase()
  if (q === '') return [...rows]
  return rows.filter(({ unit }) => {
    const kindKey = `unitKind.${unit.kind}` as const
    const haystack = [unit.name, unit.id, t(kindKey, undefined, 'zh-CN'), t(kindKey, undefined, 'en-US')]
    return haystack.some((text) => text.toLowerCase().includes(q))
  })
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.query, highlight: 0, warning: null }
    case 'move': {
      const from = clampHighlight(state, action.rowCount)
      return { ...state, highlight: Math.max(0, Math.min(action.rowCount - 1, from + action.by)), warning: null }
    }
    case 'toggle': {
      const row = action.rows[Math.min(state.highlight, action.rows.length - 1)]
      if (!row) return state
      const id = row.unit.id
      if (state.chosen.includes(id)) return { ...state, chosen: state.chosen.filter((c) => c !== id), warning: null }
      if (state.chosen.length >= MAX_UNITS) return { ...state, warning: 'dispatch.max' }
      return { ...state, chosen: [...state.chosen, id], warning: null }
    }
  }
}

/** The highlight kept inside the filtered list (the list shrinks as the dispatcher types). */
export function clampHighlight(state: PickerState, rowCount: number): number {
  return rowCount === 0 ? -1 : Math.min(state.highlight, rowCount - 1)
}

/** The optional part of a dispatch: instructions (派遣说明) and a deadline instead of the category's. */
export type DispatchExtras = { instructions: string; deadline: string }

export const NO_EXTRAS: DispatchExtras = { instructions: '', deadline: '' }

/** The extras as payload fields (blank ones left out), or the message key of what is wrong with the deadline. */
export function extrasPayload(
  extras: DispatchExtras,
  nowMs: number,
  offsetMinutes: number
): { ok: true; fields: Record<string, unknown> } | { ok: false; error: MessageKey } {
  const fields: Record<string, unknown> = {}
  const instructions = extras.instructions.trim()
  if (instructions !== '') fields.instructions = instructions
  if (extras.deadline.trim() !== '') {
    const deadline = checkDeadline(extras.deadline, nowMs, offsetMinutes)
    if (!deadline.ok) return deadline
    fields.deadlineAt = deadline.iso
  }
  return { ok: true, fields }
}

/** Enter: the chosen units, or the highlighted one when none was added; null when there is nothing. */
export function dispatchRequest(
  state: PickerState,
  rows: readonly PickerRow[],
  incident: Pick<IncidentSummary, 'id' | 'version'>,
  extraFields: Record<string, unknown> = {}
): CommandRequest | null {
  let unitIds = state.chosen
  if (unitIds.length === 0) {
    const row = rows[clampHighlight(state, rows.length)]
    if (!row) return null
    unitIds = [row.unit.id]
  }
  return buildRequest('dispatch', incident, { unitIds, ...extraFields })
}
