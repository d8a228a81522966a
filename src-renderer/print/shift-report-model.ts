// 交接班记录 without React: the rows of one handover as printed (overdue first by the domain's clock
// rule, then by time left), with each case's code/urgency/status now, the lead's note, whether it was
// acknowledged, and the commands on the packet's cases still waiting in the outbox.
import type { IncidentSummary, OutboxEntry } from '../../src-shared/api'
import { caseClock } from '../../src-shared/domain/time-state'
import type { Handover, IncidentStatus, Urgency } from '../../src-shared/protocol'

export type ShiftReportRow = {
  code: string
  urgency: Urgency | null
  status: IncidentStatus
  deadlineAt: string | null
  overdue: boolean
  note: string
  acknowledged: boolean
}

export type ShiftReport = { handover: Handover; rows: ShiftReportRow[]; overdue: number; pending: number }

export function shiftReport(
  handover: Handover,
  incidents: ReadonlyMap<string, IncidentSummary>,
  outbox: readonly OutboxEntry[],
  hubNowMs: number
): ShiftReport {
  const rows = handover.items.map((item) => {
    const now = incidents.get(item.incidentId)
    const status = now?.status ?? item.statusAtHandover
    const deadlineAt = now?.deadlineAt ?? item.deadlineAt ?? null
    const clock = now ? caseClock(now, hubNowMs) : null
    return {
      row: {
        code: now?.code ?? item.incidentId,
        urgency: now?.urgency ?? item.urgency ?? null,
        status,
        deadlineAt,
        overdue: clock ? clock.state === 'overdue' : (item.overdue ?? false),
        note: item.note,
        acknowledged: item.acknowledged
      },
      leftMs: clock?.leftMs ?? null
    }
  })
  rows.sort(
    (a, b) =>
      Number(b.row.overdue) - Number(a.row.overdue) ||
      (a.leftMs ?? Infinity) - (b.leftMs ?? Infinity) ||
      (a.row.code < b.row.code ? -1 : a.row.code > b.row.code ? 1 : 0)
  )
  // Only the packet's cases: a command queued on a case outside this handover is not this shift's record.
  const inPacket = new Set(handover.items.map((i) => i.incidentId))
  const pending = outbox.filter((e) => (e.state === 'queued' || e.state === 'sending') && e.command.incidentId !== undefined && inPacket.has(e.command.incidentId)).length
  return { handover, rows: rows.map((r) => r.row), overdue: rows.filter((r) => r.row.overdue).length, pending }
}
