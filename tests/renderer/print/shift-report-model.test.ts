// The printed 交接班记录's rows: overdue first by the domain's clock, then by time left; notes and
// acknowledgements kept; cases not held locally fall back to the handover's snapshot; pending commands on
// the packet's cases counted, none from outside it.
import { describe, expect, it } from 'vitest'
import { shiftReport } from '../../../src-renderer/print/shift-report-model'
import type { IncidentSummary, OutboxEntry } from '../../../src-shared/api'
import type { Handover } from '../../../src-shared/protocol'
import { makeSummary } from '../fixtures'

describe('shift report', () => {
  it('orders overdue first, keeps notes and acks, falls back to the snapshot and counts pending commands', () => {
    const now = Date.parse('2026-11-23T02:00:00Z')
    const late = makeSummary({ id: 'late', code: 'C-1', status: 'dispatched', urgency: 'normal', deadlineAt: '2026-11-23T01:00:00Z' })
    const soon = makeSummary({ id: 'soon', code: 'C-2', status: 'in_progress', urgency: 'urgent', deadlineAt: '2026-11-23T03:00:00Z' })
    const incidents = new Map<string, IncidentSummary>([
      ['late', late],
      ['soon', soon]
    ])
    const handover: Handover = {
      id: 'h', version: 1, seq: 1, shiftId: '2026-11-23-S1', streetCode: '110101001',
      from: { userId: 'a', name: '王值班长' }, to: null, state: 'submitted', submittedAt: '2026-11-23T00:05:00Z',
      acknowledgedAt: null, summary: '平稳',
      items: [
        { id: 'h-1', incidentId: 'soon', statusAtHandover: 'dispatched', note: '物业已到场', acknowledged: true },
        { id: 'h-2', incidentId: 'gone', statusAtHandover: 'accepted', note: '', acknowledged: false, urgency: 'important', deadlineAt: null, overdue: false },
        { id: 'h-3', incidentId: 'late', statusAtHandover: 'dispatched', note: '催办', acknowledged: false }
      ]
    }
    const pending = { state: 'queued', command: { incidentId: 'soon' } } as OutboxEntry
    const held = { state: 'failed', command: { incidentId: 'late' } } as OutboxEntry
    // Queued, but on a case outside the packet (or on no case): not in this shift's record.
    const elsewhere = { state: 'sending', command: { incidentId: 'other-street' } } as OutboxEntry
    const noCase = { state: 'queued', command: {} } as OutboxEntry
    const report = shiftReport(handover, incidents, [pending, held, elsewhere, noCase], now)
    expect(report.rows.map((r) => r.code)).toEqual(['C-1', 'C-2', 'gone'])
    expect(report.rows[0]).toMatchObject({ overdue: true, note: '催办', acknowledged: false, status: 'dispatched' })
    expect(report.rows[1]).toMatchObject({ overdue: false, urgency: 'urgent', status: 'in_progress', acknowledged: true })
    expect(report.rows[2]).toMatchObject({ urgency: 'important', status: 'accepted', deadlineAt: null })
    expect(report.overdue).toBe(1)
    expect(report.pending).toBe(1)
  })
})
