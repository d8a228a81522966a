// The responsibility list (权责清单, protocol rev 1.6): for each category and unit kind, whether the
// matter is a duty under law (依法履职), assisting government (协助政府) or outside the list (清单外).
// Pushing an outside-the-list matter onto a grid worker or a community committee ("上级点菜，网格买单")
// needs a reason on the record; this is the one place that rule is written.
import type { Duty, DutyRow, Incident, OutsideListDispatch, OutsideListReason, UnitKind } from '../protocol'

/** Unit kinds the list guards: the community's own grid workers and committee. */
export const GUARDED_KINDS: readonly UnitKind[] = ['grid_worker', 'community']

/** Reason codes in the order the dispatch panel offers them. */
export const OUTSIDE_LIST_REASONS: readonly OutsideListReason[] = ['emergency', 'superior_order', 'service_purchase', 'transition', 'other']

export interface DutyLookup {
  /** The list's verdict for a category and unit kind; null when the list does not say (no list, unknown category). */
  duty(categoryCode: string, kind: UnitKind): Duty | null
}

export function dutyOf(row: DutyRow | undefined, kind: UnitKind): Duty | null {
  return row ? row[kind] : null
}

/** A lookup over the reference's dutyList (absent on an older hub: every answer null). */
export function dutyLookup(list: readonly DutyRow[] | undefined): DutyLookup {
  const rows = new Map((list ?? []).map((r) => [r.categoryCode, r]))
  return { duty: (categoryCode, kind) => dutyOf(rows.get(categoryCode), kind) }
}

/** Whether dispatching this category to a unit of this kind needs a reason: outside the list, for a guarded kind. */
export function needsOutsideListReason(lookup: DutyLookup, categoryCode: string, kind: UnitKind): boolean {
  return GUARDED_KINDS.includes(kind) && lookup.duty(categoryCode, kind) === 'outside'
}

/** The named units the category is outside the list for (in the order named). */
export function outsideListUnits(lookup: DutyLookup, categoryCode: string, units: readonly { id: string; kind: UnitKind }[]): string[] {
  return units.filter((u) => needsOutsideListReason(lookup, categoryCode, u.kind)).map((u) => u.id)
}

export type OutsideListCheck =
  | { ok: true; record: { unitIds: string[] } | null }
  | { ok: false; message: string }

/**
 * The dispatch rule: a dispatch naming a guarded unit for an outside-the-list category must give a
 * reason; then the case records which units it concerns. Within the list nothing is recorded.
 */
export function checkOutsideListDispatch(
  lookup: DutyLookup,
  categoryCode: string,
  units: readonly { id: string; kind: UnitKind }[],
  reason: { reasonCode: OutsideListReason; reason: string; orderedBy: string } | undefined
): OutsideListCheck {
  const unitIds = outsideListUnits(lookup, categoryCode, units)
  if (unitIds.length === 0) return { ok: true, record: null }
  if (reason === undefined) {
    return {
      ok: false,
      message: `category ${categoryCode} is outside the responsibility list (权责清单) for ${unitIds.join(', ')}: give a reason code, the ordering body and a reason (protocol 1.6)`
    }
  }
  return { ok: true, record: { unitIds } }
}

export interface OutsideListLine {
  orderedBy: string
  categoryCode: string
  count: number
  /** Case codes, newest first. */
  codes: string[]
  reasons: Partial<Record<OutsideListReason, number>>
}

/**
 * Outside-the-list dispatches recorded in [from, to), grouped by the ordering body and category, most
 * first: the evidence a street brings to refuse the work or buy it as a service.
 */
export function outsideListDispatches(
  incidents: readonly Pick<Incident, 'code' | 'outsideList'>[],
  from: number,
  to: number
): OutsideListLine[] {
  const lines = new Map<string, OutsideListLine & { latest: number[] }>()
  for (const c of incidents) {
    const rec: OutsideListDispatch | null | undefined = c.outsideList
    if (!rec) continue
    const at = Date.parse(rec.at)
    if (!(at >= from && at < to)) continue
    const key = `${rec.orderedBy}\u0000${rec.categoryCode}`
    const line = lines.get(key) ?? { orderedBy: rec.orderedBy, categoryCode: rec.categoryCode, count: 0, codes: [], reasons: {}, latest: [] }
    line.count++
    line.codes.push(c.code)
    line.latest.push(at)
    line.reasons[rec.reasonCode] = (line.reasons[rec.reasonCode] ?? 0) + 1
    lines.set(key, line)
  }
  return [...lines.values()]
    .map(({ latest, codes, ...line }) => ({
      ...line,
      codes: codes.map((code, i) => ({ code, at: latest[i] as number })).sort((a, b) => b.at - a.at || a.code.localeCompare(b.code)).map((x) => x.code)
    }))
    .sort((a, b) => b.count - a.count || a.orderedBy.localeCompare(b.orderedBy) || a.categoryCode.localeCompare(b.categoryCode))
}
