// 交接班 without React: which shift is being handed over, the open cases to hand over (grouped by
// overdue and urgency), the one handover.submit request per shift change (rev 1.5: the hub takes cases
// of several streets in one packet and refuses a second for the same shift), the handovers waiting for
// this lead, this shift's own handover (已交班 / 已接班) and handover commands the hub refused.
import type { CommandRequest, IncidentSummary, OutboxEntry } from '../../../src-shared/api'
import { isOpenStatus, type Handover, type Urgency } from '../../../src-shared/protocol'
import type { MessageKey } from '../../i18n/messages'
import { timeLeftMs } from '../../state/selectors'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** The protocol's bound on items per handover.submit. */
export const MAX_HANDOVER_ITEMS = 2000

/**
 * Shifts are the day's three 8-hour blocks in the hall's zone: 1 夜班 00–08, 2 早班 08–16, 3 中班 16–24.
 * A lead hands over at the end of a shift, often a little after the change: the shift handed over is the
 * block that held the moment one hour ago. Id: "2026-11-22-S2".
 */
export type Shift = { id: string; date: string; index: 1 | 2 | 3 }

export const SHIFT_GRACE_MS = HOUR

export function shiftOf(nowMs: number, offsetMinutes: number): Shift {
  const local = new Date(nowMs - SHIFT_GRACE_MS + offsetMinutes * MINUTE)
  const date = local.toISOString().slice(0, 10)
  const index = (Math.floor(local.getUTCHours() / 8) + 1) as 1 | 2 | 3
  return { id: `${date}-S${index}`, date, index }
}

export type HandoverGroup = 'overdue' | Urgency
export const GROUP_ORDER: readonly HandoverGroup[] = ['overdue', 'urgent', 'important', 'normal']
export type HandoverSort = 'group' | 'deadline'

export type HandoverRow = { incident: IncidentSummary; group: HandoverGroup; leftMs: number | null }

const streetOf = (incident: Pick<IncidentSummary, 'gridCode'>): string => incident.gridCode.slice(0, 9)

/**
 * Every open case in the store (the hub sends only this lead's streets), as rows to hand over.
 * 'group': overdue first, then urgent, important, normal; inside a group the least time left first.
 * 'deadline': by time left only. Cases without a running clock go last, by code. O(n log n).
 */
export function handoverRows(incidents: Iterable<IncidentSummary>, hubNowMs: number, sort: HandoverSort): HandoverRow[] {
  const rows: HandoverRow[] = []
  for (const incident of incidents) {
    if (!isOpenStatus(incident.status)) continue
    const leftMs = timeLeftMs(incident, hubNowMs)
    rows.push({ incident, leftMs, group: leftMs !== null && leftMs < 0 ? 'overdue' : incident.urgency })
  }
  const rank = (g: HandoverGroup): number => GROUP_ORDER.indexOf(g)
  rows.sort(
    (a, b) =>
      (sort === 'group' ? rank(a.group) - rank(b.group) : 0) ||
      (a.leftMs ?? Infinity) - (b.leftMs ?? Infinity) ||
      (a.incident.code < b.incident.code ? -1 : a.incident.code > b.incident.code ? 1 : 0)
  )
  return rows
}

/** How many rows each group has (for the headings). */
export function groupCounts(rows: readonly HandoverRow[]): Record<HandoverGroup, number> {
  const counts: Record<HandoverGroup, number> = { overdue: 0, urgent: 0, important: 0, normal: 0 }
  for (const row of rows) counts[row.group] += 1
  return counts
}

export type HandoverDraft = {
  shiftId: string
  summary: string
  toUserId: string | null
  /** Notes by incident id; cases without one are handed over with an empty note. */
  notes: ReadonlyMap<string, string>
}

/**
 * The one handover.submit request for these rows: every row, once, with its note, whatever street it
 * lies in (rev 1.5). An empty summary is refused (the next lead reads it first), and so are more cases
 * than one handover holds: a second handover of the same shift would be refused by the hub.
 */
export function handoverRequests(
  rows: readonly HandoverRow[],
  draft: HandoverDraft
): { ok: true; requests: CommandRequest[] } | { ok: false; error: MessageKey } {
  const summary = draft.summary.trim()
  if (summary === '') return { ok: false, error: 'handover.summaryRequired' }
  if (rows.length > MAX_HANDOVER_ITEMS) return { ok: false, error: 'handover.tooMany' }
  const items = rows.map(({ incident }) => ({ incidentId: incident.id, note: (draft.notes.get(incident.id) ?? '').trim() }))
  const payload: Record<string, unknown> = { shiftId: draft.shiftId, summary, items }
  if (draft.toUserId !== null) payload.toUserId = draft.toUserId
  return { ok: true, requests: [{ type: 'handover.submit', payload }] }
}

/** The streets the rows lie in (for the heading: one packet covers them all). */
export function streetsOf(rows: readonly HandoverRow[]): string[] {
  return [...new Set(rows.map((r) => streetOf(r.incident)))].sort()
}

/** This shift's handover by this lead, if there is one: 已交班 while submitted, 已接班 once acknowledged. */
export function ownShiftHandover(handovers: Iterable<Handover>, shiftId: string, userId: string | null): Handover | null {
  if (userId === null) return null
  let found: Handover | null = null
  for (const h of handovers) {
    if (h.shiftId !== shiftId || h.from.userId !== userId) continue
    if (found === null || h.submittedAt > found.submittedAt) found = h
  }
  return found
}

/** Handover commands the hub refused with a final error (held in the outbox), newest first, with the hub's reason. */
export function handoverRefusals(outbox: readonly OutboxEntry[]): { commandId: string; type: string; code: string; reason: string }[] {
  return outbox
    .filter((e) => (e.state === 'failed' || e.state === 'conflict') && e.error !== null && e.command.type.startsWith('handover.'))
    .sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : a.queuedAt > b.queuedAt ? -1 : 0))
    .map((e) => ({ commandId: e.command.commandId, type: e.command.type, code: e.error?.code ?? '', reason: e.error?.message ?? '' }))
}

/** Handovers this lead should acknowledge: submitted, not their own, addressed to them or to nobody. Oldest first. */
export function awaitingHandovers(handovers: Iterable<Handover>, userId: string | null): Handover[] {
  if (userId === null) return []
  const out: Handover[] = []
  for (const h of handovers) {
    if (h.state !== 'submitted' || h.from.userId === userId) continue
    if (h.to !== null && h.to.userId !== userId) continue
    out.push(h)
  }
  return out.sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : 1))
}

/**
 * Acknowledge the chosen items; refuses an empty choice or items already acknowledged or unknown.
 * A handover of no cases (a quiet shift: summary only) is acknowledged as a whole.
 */
export function acknowledgeRequest(
  handover: Pick<Handover, 'id' | 'items'>,
  itemIds: readonly string[]
): { ok: true; request: CommandRequest } | { ok: false; error: MessageKey } {
  if (handover.items.length === 0) return { ok: true, request: { type: 'handover.acknowledge', handoverId: handover.id, payload: {} } }
  const open = new Set(handover.items.filter((i) => !i.acknowledged).map((i) => i.id))
  const chosen = itemIds.filter((id) => open.has(id))
  if (chosen.length === 0) return { ok: false, error: 'handover.chooseItems' }
  return { ok: true, request: { type: 'handover.acknowledge', handoverId: handover.id, payload: { itemIds: chosen } } }
}

/** Other leads on line now (from presence), each once: the people a handover may be addressed to. */
export function leadRecipients(
  consoles: readonly { user: { id: string; name: string }; role: string }[],
  myUserId: string | null
): { id: string; name: string }[] {
  const byId = new Map<string, string>()
  for (const c of consoles) if (c.role === 'lead' && c.user.id !== myUserId) byId.set(c.user.id, c.user.name)
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}
