// Category mix: which category a report is in, by major share (domain.md §7) then by minor.
// Only categories present in the reference count; shares are renormalised over them.
import { type Category } from '../../src-shared/protocol'
import { WeightedTable } from './prng'

/**
 * Event majors' shares of all reports (Jiangmen, July 2024: street order 56%, advertising 26%,
 * appearance 10%, emergencies 0.7%, construction ~0.2%) plus the street's social-governance
 * majors 06–08 (a few % together) and parts (部件, 2.5%: Tianmen).
 */
export const MAJOR_SHARES: Readonly<Record<string, number>> = {
  '05': 0.56,
  '02': 0.26,
  '01': 0.1,
  '04': 0.007,
  '03': 0.005,
  '06': 0.015,
  '07': 0.015,
  '08': 0.013
}
/** Share of all reports for parts (broken public assets), spread over every part category. */
export const PART_SHARE = 0.025

/** Within a major, some minors dominate (Tianmen's top minors: flyers, piled materials). */
export const MINOR_WEIGHTS: Readonly<Record<string, number>> = {
  '0201': 6,
  '0102': 3,
  '0104': 2,
  '0501': 3,
  '0505': 4,
  '0402': 1.5,
  '0403': 0.7,
  '0405': 1.5,
  '0406': 2,
  '0407': 1.5,
  '0408': 0.3,
  '0601': 2,
  '0701': 2
}

/** Key of a category's major group: event majors by code, all parts together. */
export function groupOf(category: Category): string {
  return category.kind === 'part' ? 'part' : category.major
}

export interface CategoryMix {
  table: WeightedTable<Category>
  /** Expected share per group ('05', ..., 'part') after renormalising over what is present. */
  groupShares: Record<string, number>
}

/**
 * Builds the weighted category table. `factors` multiply weights by major code ('05') or minor
 * code ('0301'). Throws when the reference has no usable category (nothing to report).
 */
export function buildCategoryMix(
  categories: readonly Category[],
  factors: Readonly<Record<string, number>> = {}
): CategoryMix {
  const byGroup = new Map<string, Category[]>()
  for (const c of categories) {
    const g = groupOf(c)
    if (g !== 'part' && MAJOR_SHARES[g] === undefined) continue
    const list = byGroup.get(g) ?? []
    list.push(c)
    byGroup.set(g, list)
  }
  const entries: [Category, number][] = []
  for (const [group, members] of byGroup) {
    const groupShare = group === 'part' ? PART_SHARE : (MAJOR_SHARES[group] as number)
    const minorTotal = members.reduce((s, c) => s + (MINOR_WEIGHTS[c.code] ?? 1), 0)
    for (const c of members) {
      const factor = (factors[c.major] ?? 1) * (factors[c.code] ?? 1)
      entries.push([c, (groupShare * (MINOR_WEIGHTS[c.code] ?? 1) * factor) / minorTotal])
    }
  }
  if (entries.length === 0) {
    throw new Error('reference has no categories in the known majors (01–08 or parts): nothing to report')
  }
  const table = new WeightedTable(entries)
  const groupShares: Record<string, number> = {}
  for (const [c, w] of entries) {
    const g = groupOf(c)
    groupShares[g] = (groupShares[g] ?? 0) + w / table.total
  }
  return { table, groupShares }
}

/** Table for a surge: the listed minors, or any category of their major when none is present. */
export function buildSurgeMix(
  categories: readonly Category[],
  minors: Readonly<Record<string, number>>
): WeightedTable<Category> {
  const present = categories.filter((c) => (minors[c.code] ?? 0) > 0)
  if (present.length > 0) return new WeightedTable(present.map((c) => [c, minors[c.code] as number] as const))
  const majors = new Set(Object.keys(minors).map((code) => code.slice(0, 2)))
  const fallback = categories.filter((c) => c.kind !== 'part' && majors.has(c.major))
  if (fallback.length === 0) {
    throw new Error(`reference has no category of major ${[...majors].join('/')} for the surge`)
  }
  return new WeightedTable(fallback.map((c) => [c, 1] as const))
}
