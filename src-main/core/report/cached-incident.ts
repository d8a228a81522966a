// A light structural check for incidents read back from the console's own cache on the read-only
// report path. The cache only stores changes screened by validate-changes (a full zod parse) when they
// were written, so re-running the full Incident schema on every row for every figure is pure cost (it
// was most of the time of a month's figures). This check still refuses a row that is not shaped like an
// incident in the fields the figures, exports and summaries read: a corrupt row is skipped and counted,
// never trusted. Anything that reaches the wire from here still goes through the API's own schemas.
import type { CaseRecordIncident } from '../../../src-shared/domain/case-record'
import { IncidentStatus, Urgency, type Incident } from '../../../src-shared/protocol'

const STATUSES: ReadonlySet<unknown> = new Set(IncidentStatus.options)
const URGENCIES: ReadonlySet<unknown> = new Set(Urgency.options)
const GRID = /^\d{15}$/
const CATEGORY = /^\d{4}$/

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isTime = (v: unknown): boolean => isStr(v) && !Number.isNaN(Date.parse(v))
const isTimeOrNull = (v: unknown): boolean => v === null || isTime(v)
const isNum = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v)
const isStrArray = (v: unknown): boolean => Array.isArray(v) && v.every(isStr)

function isTimelineEntry(e: unknown): boolean {
  if (!isObj(e)) return false
  if (!isTime(e.at) || !isStr(e.action) || !isObj(e.actor)) return false
  if (e.to !== undefined && !STATUSES.has(e.to)) return false
  if (e.unitIds !== undefined && !isStrArray(e.unitIds)) return false
  if (e.note !== undefined && e.note !== null && !isStr(e.note)) return false
  return true
}

function hasCounters(v: unknown): boolean {
  return isObj(v) && isNum(v.returns) && isNum(v.reworks) && isNum(v.urges) && isNum(v.extensions)
}

/** True when `v` has every field the report path reads with the right type (see the file comment). */
export function looksLikeCachedIncident(v: unknown): v is Incident {
  if (!isObj(v)) return false
  if (!isStr(v.id) || !isStr(v.code) || !STATUSES.has(v.status) || !URGENCIES.has(v.urgency)) return false
  if (!isStr(v.categoryCode) || !CATEGORY.test(v.categoryCode) || !isStr(v.gridCode) || !GRID.test(v.gridCode)) return false
  if (!isStr(v.title) || !isStr(v.address) || !isStr(v.source)) return false
  if (v.description !== undefined && v.description !== null && !isStr(v.description)) return false
  if (!isNum(v.version) || !isNum(v.seq)) return false
  if (!isTime(v.reportedAt) || !isTime(v.updatedAt) || !isTimeOrNull(v.deadlineAt) || !isTimeOrNull(v.pausedAt)) return false
  if (!isObj(v.location) || !isNum(v.location.lng) || !isNum(v.location.lat)) return false
  if (!isStrArray(v.assignees) || !hasCounters(v.counters)) return false
  if (v.escalation !== null && !(isObj(v.escalation) && isStr(v.escalation.level))) return false
  if (v.claimedBy !== null && !isObj(v.claimedBy)) return false
  if (v.mergedInto !== null && !isStr(v.mergedInto)) return false
  if (!Array.isArray(v.timeline) || !v.timeline.every(isTimelineEntry)) return false
  return true
}

/** Parses one JSON column of each row with `check`; a row that is not JSON or fails the check is skipped and counted. */
function parseRows<T>(rows: readonly Record<string, unknown>[], column: string, check: (v: unknown) => v is T): { incidents: T[]; skipped: number } {
  const incidents: T[] = []
  let skipped = 0
  for (const row of rows) {
    let value: unknown
    try {
      value = JSON.parse(String(row[column]))
    } catch {
      skipped++
      continue
    }
    if (check(value)) incidents.push(value)
    else skipped++
  }
  return { incidents, skipped }
}

/** Parses cached incident rows ({ data: JSON text }); a row that is not JSON or not incident-shaped is skipped and counted. */
export function parseCachedIncidents(rows: readonly Record<string, unknown>[]): { incidents: Incident[]; skipped: number } {
  return parseRows(rows, 'data', looksLikeCachedIncident)
}

/** The same check for a slim row of the schema 4–5 period index (read only in an unmigrated cache opened read-only). */
export function looksLikeSlimIncident(v: unknown): v is CaseRecordIncident {
  if (!isObj(v)) return false
  if (!isStr(v.id) || !isStr(v.code) || !STATUSES.has(v.status) || !URGENCIES.has(v.urgency)) return false
  if (!isStr(v.categoryCode) || !CATEGORY.test(v.categoryCode) || !isStr(v.gridCode) || !GRID.test(v.gridCode)) return false
  if (!isTime(v.reportedAt) || !isTimeOrNull(v.deadlineAt) || !isTimeOrNull(v.pausedAt) || !isStrArray(v.assignees)) return false
  return Array.isArray(v.timeline) && v.timeline.every(isTimelineEntry)
}

/** Parses slim index rows ({ slim: JSON text }); a bad row is skipped and counted. */
export function parseSlimIncidents(rows: readonly Record<string, unknown>[]): { incidents: CaseRecordIncident[]; skipped: number } {
  return parseRows(rows, 'slim', looksLikeSlimIncident)
}
