// The dispatch picker's logic without React: the unit list (suggestions first, with reasons, then
// the case's own street, then the other streets grouped by street and marked), filtering by what
// the dispatcher types (Chinese, pinyin, initials: the palette's matcher), highlight movement,
// choosing up to 5 (the first is 主办, the rest 协办), a confirm before a unit of another street,
// and the command.
import type { CommandRequest, IncidentSummary } from '../../../src-shared/api'
import { functionalGridOf, suggestUnitsWithFunctionalGrids, type SuggestionReason } from '../../../src-shared/domain'
import type { FunctionalGrid, Responsibility, Unit } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { buildRequest } from '../commands'
import { matchScore, pinyinOf } from '../palette/palette-search'
import { checkDeadline } from './deadline-field'

export const MAX_UNITS = 5

/**
 * Which part of the list a row is in: the team of the active functional grid the case lies in (rev 1.8),
 * suggested, the case's own street, or another street.
 */
export type PickerGroup = 'team' | 'suggested' | 'street' | 'other'

export type PickerRow = {
  unit: Unit
  suggested: boolean
  reasons: SuggestionReason[]
  distanceM: number | null
  group: PickerGroup
  /** The unit belongs to another street than the case's: choosing it needs a confirm. */
  crossStreet: boolean
  /** Rev 1.8: the name of the active functional grid whose team the unit is on, when the case lies in it. */
  functionalGrid: string | null
}

export type PickerState = {
  query: string
  /** Index into the filtered rows. */
  highlight: number
  /** Chosen unit ids, in the order chosen. */
  chosen: string[]
  /** A message key to show (e.g. the 5-unit limit), cleared by the next action. */
  warning: MessageKey | null
  /** A unit of another street waiting for its confirm (the same key again), or null. */
  crossPending: string | null
  /** Units of other streets the dispatcher confirmed. */
  crossConfirmed: string[]
}

export type PickerAction =
  | { type: 'query'; query: string }
  | { type: 'move'; by: number; rowCount: number }
  | { type: 'toggle'; rows: readonly PickerRow[] }
  /** Enter with nothing added would send the highlighted row: a unit of another street asks first. */
  | { type: 'confirmCross'; unitId: string }

export const initialPicker: PickerState = { query: '', highlight: 0, chosen: [], warning: null, crossPending: null, crossConfirmed: [] }

// Departments and communities are picked by hand far more often than another grid's worker, and a
// street has hundreds of grid workers: list them last.
const KIND_ORDER: Record<Unit['kind'], number> = { street_dept: 0, community: 1, grid_worker: 2, district_dept: 3 }

const byKindThenName = (a: Unit, b: Unit): number => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN')

/** The street a case lies in (its grid code's first 9 digits). */
export const caseStreet = (incident: Pick<IncidentSummary, 'gridCode'>): string => incident.gridCode.slice(0, 9)

/**
 * Every unit the case may be dispatched to: the suggestions first (best first, with reasons), then
 * the case's own street's units, then the other streets' units, street by street (in `streetOrder`,
 * then by code), each group by kind (departments, communities, grid workers) and name. District
 * departments are left out: they are reached by escalation. Inside an active functional grid (rev 1.8)
 * the order is the domain's suggestUnitsWithFunctionalGrids: its team first, each marked with its name.
 */
export function buildPickerRows(
  incident: Pick<IncidentSummary, 'categoryCode' | 'gridCode' | 'location'>,
  units: Iterable<Unit>,
  responsibilities: readonly Responsibility[],
  streetOrder: readonly string[] = [],
  functionalGrids: readonly FunctionalGrid[] = [],
  nowMs: number = Date.now()
): PickerRow[] {
  const home = caseStreet(incident)
  const cross = (u: Unit): boolean => u.streetCode !== null && u.streetCode !== home
  const eligible = [...units].filter((u) => u.kind !== 'district_dept')
  // The plain five, plus room for the whole team when the case lies in an active functional grid.
  const fg = functionalGridOf(incident.gridCode, functionalGrids, nowMs)
  const suggestions = suggestUnitsWithFunctionalGrids(incident, { responsibilities, units: eligible }, functionalGrids, nowMs, 5 + (fg?.unitIds.length ?? 0))
  const byId = new Map(eligible.map((u) => [u.id, u]))
  const rows: PickerRow[] = []
  const taken = new Set<string>()
  // The team's heading covers its leading run; an off-duty member further down keeps only its mark.
  let leading = true
  for (const s of suggestions) {
    const unit = byId.get(s.unitId)
    if (!unit) continue
    const team = s.team && fg !== null
    leading &&= team
    rows.push({
      unit,
      suggested: true,
      reasons: s.reasons,
      distanceM: s.distanceM,
      group: leading ? 'team' : 'suggested',
      crossStreet: cross(unit),
      functionalGrid: team && fg !== null ? fg.name : null
    })
    taken.add(unit.id)
  }
  const rest = eligible.filter((u) => !taken.has(u.id))
  for (const unit of rest.filter((u) => !cross(u)).sort(byKindThenName)) {
    rows.push({ unit, suggested: false, reasons: [], distanceM: null, group: 'street', crossStreet: false, functionalGrid: null })
  }
  const rank = new Map(streetOrder.map((code, i) => [code, i]))
  const streetRank = (code: string): number => rank.get(code) ?? Number.MAX_SAFE_INTEGER
  const others = rest
    .filter(cross)
    .sort((a, b) => {
      const sa = a.streetCode ?? ''
      const sb = b.streetCode ?? ''
      return streetRank(sa) - streetRank(sb) || (sa < sb ? -1 : sa > sb ? 1 : 0) || byKindThenName(a, b)
    })
  for (const unit of others) rows.push({ unit, suggested: false, reasons: [], distanceM: null, group: 'other', crossStreet: true, functionalGrid: null })
  return rows
}

/** A heading goes above a row when its group (or, among other streets, its street) differs from the row before. */
export function startsGroup(rows: readonly PickerRow[], i: number): boolean {
  const row = rows[i]
  const before = rows[i - 1]
  if (!row) return false
  if (!before) return true
  return before.group !== row.group || (row.group === 'other' && before.unit.streetCode !== row.unit.streetCode)
}

/**
 * What the dispatcher may type for a unit: its name (Chinese, full pinyin, initials), its id, its kind
 * in both languages and its street's name (with pinyin). Matched by the palette's matcher (one place).
 */
function unitFields(unit: Unit, streetName: (code: string) => string | null): { names: string[]; more: string[] } {
  const py = pinyinOf(unit.name)
  const kindKey = `unitKind.${unit.kind}` as const
  const street = unit.streetCode === null ? null : streetName(unit.streetCode)
  const streetPy = street === null ? null : pinyinOf(street)
  return {
    names: [unit.name.toLowerCase(), py.full, py.initials, unit.id.toLowerCase()],
    more: [
      t(kindKey, undefined, 'zh-CN'),
      t(kindKey, undefined, 'en-US').toLowerCase(),
      ...(street === null || streetPy === null ? [] : [street, streetPy.full, streetPy.initials])
    ]
  }
}

/**
 * The rows whose unit `query` names (Chinese, pinyin, initials, id, kind or street), in list order.
 * Any row carrying a unit: the functional-grid team picker filters with the same rule.
 */
export function filterRows<R extends { unit: Unit }>(rows: readonly R[], query: string, streetName: (code: string) => string | null = () => null): R[] {
  const q = query.trim().toLowerCase()
  if (q === '') return [...rows]
  // Above the matcher's loose in-order letters (20): a unit must contain what was typed, not merely its letters.
  return rows.filter(({ unit }) => matchScore(unitFields(unit, streetName), q) >= 40)
}

/** The role of each chosen unit: the first is 主办 (lead), the rest 协办 (assisting). */
export function roleOf(chosen: readonly string[], unitId: string): 'lead' | 'assist' | null {
  const at = chosen.indexOf(unitId)
  return at === -1 ? null : at === 0 ? 'lead' : 'assist'
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'query':
      return { ...state, query: action.query, highlight: 0, warning: null, crossPending: null }
    case 'move': {
      const from = clampHighlight(state, action.rowCount)
      return { ...state, highlight: Math.max(0, Math.min(action.rowCount - 1, from + action.by)), warning: null, crossPending: null }
    }
    case 'toggle': {
      const row = action.rows[Math.min(state.highlight, action.rows.length - 1)]
      if (!row) return state
      const id = row.unit.id
      if (state.chosen.includes(id)) return { ...state, chosen: state.chosen.filter((c) => c !== id), warning: null, crossPending: null }
      if (state.chosen.length >= MAX_UNITS) return { ...state, warning: 'dispatch.max', crossPending: null }
      // Another street's unit: the first press asks, the same press again confirms.
      if (row.crossStreet && !state.crossConfirmed.includes(id)) {
        if (state.crossPending !== id) return { ...state, warning: null, crossPending: id }
        return { ...state, chosen: [...state.chosen, id], warning: null, crossPending: null, crossConfirmed: [...state.crossConfirmed, id] }
      }
      return { ...state, chosen: [...state.chosen, id], warning: null, crossPending: null }
    }
    case 'confirmCross':
      if (state.crossConfirmed.includes(action.unitId)) return state
      return state.crossPending === action.unitId
        ? { ...state, crossPending: null, crossConfirmed: [...state.crossConfirmed, action.unitId] }
        : { ...state, warning: null, crossPending: action.unitId }
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

/**
 * Enter with nothing added sends the highlighted unit: when that is another street's unit not yet
 * confirmed, its id (the picker asks first); else null.
 */
export function unconfirmedTarget(state: PickerState, rows: readonly PickerRow[]): string | null {
  if (state.chosen.length > 0) return null
  const row = rows[clampHighlight(state, rows.length)]
  return row && row.crossStreet && !state.crossConfirmed.includes(row.unit.id) ? row.unit.id : null
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
