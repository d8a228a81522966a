// The period index of cached incidents (schema 4, issue 10): one row per live incident with its times as
// integer ms, its place, category, status and units as plain columns, and a slim JSON of only what the
// figures and the case exports read (CaseRecordIncident). The report path selects a period by the indexed
// times and parses the slim JSON instead of whole `data` rows (photos, reporter, description, …), which
// was most of the time of a month's figures. Written by ONE call in the store's incident write path, in
// the same transaction as the incident rows; a trigger drops a row when its incident row is deleted.
import type { CaseRecordIncident } from '../../src-shared/domain/case-record'
import type { Change, Incident } from '../../src-shared/protocol'
import { type SqlConnection, type SqlValue } from '../../src-sqlite/sqlite-db'

export const INCIDENT_INDEX_TABLE = 'incident_index'
/** Statuses after which a case no longer changes unless reopened (its last change bounds its figures). */
export const SETTLED_STATUSES = ['closed', 'rejected', 'merged'] as const

/** Exactly the fields of CaseRecordIncident, so figures, CSV and JSON exports read the same thing. */
export function slimOf(c: Incident): CaseRecordIncident {
  return {
    id: c.id,
    code: c.code,
    status: c.status,
    urgency: c.urgency,
    categoryCode: c.categoryCode,
    gridCode: c.gridCode,
    reportedAt: c.reportedAt,
    deadlineAt: c.deadlineAt,
    pausedAt: c.pausedAt,
    assignees: c.assignees,
    timeline: c.timeline
  }
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso))
const lastClose = (c: Incident): number | null => {
  for (let i = c.timeline.length - 1; i >= 0; i--) {
    const e = c.timeline[i]
    if (e && e.action === 'verify' && e.to === 'closed') return Date.parse(e.at)
  }
  return null
}

const COLUMNS = ['id', 'reported_ms', 'updated_ms', 'closed_ms', 'deadline_ms', 'settled', 'street', 'community', 'grid', 'category', 'status', 'units', 'slim'] as const
const CHUNK = 60 // × 13 parameters, far below SQLite's variable limit

/** Index rows of the incident changes (a tombstone removes its row). One call per write, inside its transaction. */
export async function writeIncidentIndex(c: SqlConnection, changes: readonly Change[]): Promise<void> {
  const live: SqlValue[][] = []
  const gone: string[] = []
  for (const ch of changes) {
    if (ch.entity !== 'incident') continue
    if (ch.data === null) {
      gone.push(ch.id)
      continue
    }
    const d = ch.data
    live.push([
      ch.id,
      ms(d.reportedAt),
      ms(d.updatedAt),
      lastClose(d),
      ms(d.deadlineAt),
      (SETTLED_STATUSES as readonly string[]).includes(d.status) ? 1 : 0,
      d.gridCode.slice(0, 9),
      d.gridCode.slice(0, 12),
      d.gridCode,
      d.categoryCode,
      d.status,
      d.assignees.join(';'),
      JSON.stringify(slimOf(d))
    ])
  }
  for (let i = 0; i < gone.length; i += 500) {
    const part = gone.slice(i, i + 500)
    await c.run(`DELETE FROM ${INCIDENT_INDEX_TABLE} WHERE id IN (${part.map(() => '?').join(', ')})`, part)
  }
  const row = `(${COLUMNS.map(() => '?').join(', ')})`
  const update = COLUMNS.filter((k) => k !== 'id').map((k) => `${k} = excluded.${k}`).join(', ')
  for (let i = 0; i < live.length; i += CHUNK) {
    const part = live.slice(i, i + CHUNK)
    await c.run(`INSERT INTO ${INCIDENT_INDEX_TABLE} (${COLUMNS.join(', ')}) VALUES ${part.map(() => row).join(', ')} ON CONFLICT(id) DO UPDATE SET ${update}`, part.flat())
  }
}
