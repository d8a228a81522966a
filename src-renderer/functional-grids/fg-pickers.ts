// The creation form's two lists, without React: the team (units, filtered by Chinese, pinyin and
// initials with the dispatch picker's own rule) and the area (reference communities or streets,
// filtered the same way, with how many unit grids each holds), and the form's first values.
import type { AreaGrid } from '../../src-shared/domain'
import type { ReferenceData, Unit } from '../../src-shared/protocol'
import { filterRows } from '../console/panels/dispatch-model'
import { formatDeadlineInput } from '../console/panels/deadline-field'
import { matchScore, pinyinOf } from '../console/palette/palette-search'
import type { FgForm } from './fg-model'

const KIND_ORDER: Record<Unit['kind'], number> = { street_dept: 0, community: 1, grid_worker: 2, district_dept: 3 }

export type TeamRow = { unit: Unit }

/** Units a team may hold: every unit but district departments (the hub refuses them), departments first. */
export function teamRows(units: Iterable<Unit>): TeamRow[] {
  return [...units]
    .filter((u) => u.kind !== 'district_dept')
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN'))
    .map((unit) => ({ unit }))
}

/** The team rows `query` names: the dispatch picker's filter (one rule for finding a unit by what a hall types). */
export function filterTeam(rows: readonly TeamRow[], query: string, streetName: (code: string) => string | null): TeamRow[] {
  return filterRows(rows, query, streetName)
}

export type AreaOption = { code: string; name: string; streetName: string | null; grids: number }

/** The communities or streets of the reference that hold unit grids, in reference order. */
export function areaOptions(reference: ReferenceData | null, kind: 'community' | 'street', grids: readonly AreaGrid[]): AreaOption[] {
  if (!reference) return []
  const count = new Map<string, number>()
  for (const g of grids) {
    const key = kind === 'community' ? g.communityCode : g.streetCode
    count.set(key, (count.get(key) ?? 0) + 1)
  }
  const streetNames = new Map(reference.streets.map((s) => [s.code, s.name]))
  const list =
    kind === 'community'
      ? reference.communities.map((c) => ({ code: c.code, name: c.name, streetName: streetNames.get(c.streetCode) ?? null }))
      : reference.streets.map((s) => ({ code: s.code, name: s.name, streetName: null }))
  return list.map((o) => ({ ...o, grids: count.get(o.code) ?? 0 })).filter((o) => o.grids > 0)
}

/** The options `query` names: Chinese, full pinyin, initials or code (at least contained, as in the dispatch picker). */
export function filterAreas(options: readonly AreaOption[], query: string): AreaOption[] {
  const q = query.trim().toLowerCase()
  if (q === '') return [...options]
  return options.filter((o) => {
    const py = pinyinOf(o.name)
    const street = o.streetName === null ? [] : [o.streetName, pinyinOf(o.streetName).full, pinyinOf(o.streetName).initials]
    return matchScore({ names: [o.name, py.full, py.initials, o.code], more: street }, q) >= 40
  })
}

const MINUTE = 60_000
const WEEK = 7 * 24 * 60 * MINUTE

/** A new form: from now (to the minute) for a week — a campaign's usual span; the lead changes either. */
export function defaultForm(nowMs: number, offsetMinutes: number): FgForm {
  const from = Math.floor(nowMs / MINUTE) * MINUTE
  return {
    name: '',
    purpose: '',
    from: formatDeadlineInput(from, offsetMinutes),
    to: formatDeadlineInput(from + WEEK, offsetMinutes),
    unitIds: [],
    areaKind: 'community',
    communityCode: null,
    streetCode: null,
    codes: '',
    polygon: null
  }
}
