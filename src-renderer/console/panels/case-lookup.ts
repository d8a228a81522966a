// Finding a case by the code people read aloud ("DC20261122-0042", or just "0042"): exact match first,
// then the cases whose code contains what was typed. Used by merge (pick the target) and find (/).
import type { IncidentSummary } from '../../../src-shared/api'
import { isOpenStatus } from '../../../src-shared/protocol'
import type { MessageKey } from '../../i18n/messages'

const norm = (code: string): string => code.trim().toUpperCase()

/** The case with exactly this code (case and surrounding spaces ignored), if the store holds it. */
export function caseByCode(incidents: Iterable<IncidentSummary>, code: string): IncidentSummary | null {
  const wanted = norm(code)
  if (wanted === '') return null
  for (const incident of incidents) if (norm(incident.code) === wanted) return incident
  return null
}

/**
 * Up to `limit` cases whose code contains the query, exact match first, then codes ending in it (people
 * type the serial), then the rest, each part newest code first. One pass over the store: fine for 50,000.
 */
export function matchCodes(
  incidents: Iterable<IncidentSummary>,
  query: string,
  limit: number,
  keep: (incident: IncidentSummary) => boolean = () => true
): IncidentSummary[] {
  const q = norm(query)
  if (q === '') return []
  const exact: IncidentSummary[] = []
  const suffix: IncidentSummary[] = []
  const inner: IncidentSummary[] = []
  for (const incident of incidents) {
    const code = norm(incident.code)
    if (!code.includes(q) || !keep(incident)) continue
    if (code === q) exact.push(incident)
    else if (code.endsWith(q)) suffix.push(incident)
    else inner.push(incident)
  }
  const newest = (a: IncidentSummary, b: IncidentSummary): number => (a.code < b.code ? 1 : a.code > b.code ? -1 : 0)
  return [...exact, ...suffix.sort(newest), ...inner.sort(newest)].slice(0, limit)
}

export type MergeCheck = { ok: true; target: IncidentSummary } | { ok: false; error: MessageKey; code?: string }

/** May `source` be merged into `target`? Only into another case that is still open. */
export function checkMergeTarget(source: Pick<IncidentSummary, 'id'>, target: IncidentSummary | null, typed: string): MergeCheck {
  if (typed.trim() === '') return { ok: false, error: 'merge.typeCode' }
  if (target === null) return { ok: false, error: 'merge.unknown', code: typed.trim() }
  if (target.id === source.id) return { ok: false, error: 'merge.self' }
  if (!isOpenStatus(target.status)) return { ok: false, error: 'merge.notOpen', code: target.code }
  return { ok: true, target }
}

/** A merge target may be any other open case. */
export function isMergeCandidate(source: Pick<IncidentSummary, 'id'>, incident: IncidentSummary): boolean {
  return incident.id !== source.id && isOpenStatus(incident.status)
}
