// A case record's on-time flag (按期结案) comes from the figures' own rule (metrics.ts closeCountsOnTime)
// applied to the close that holds, without a computeMetrics call per case: it must agree with what
// computeMetrics says of the case alone over its whole life, for every shape of log that can change it —
// on time, late, no deadline, reopened after the close, reopened and closed again, closed twice, a
// status that is not closed, a close exactly at the deadline.
import { describe, expect, it } from 'vitest'
import { caseFactsOf, caseRecord, computeMetrics, type CaseFacts } from '../../../src-shared/domain'
import type { IncidentStatus, TimelineEntry } from '../../../src-shared/protocol'
import { WEEK, e } from './metrics-timeline'

const ALL_TIME = { from: new Date(-8.64e15), to: new Date(8.64e15) }
const byMetrics = (f: CaseFacts): boolean | null => (f.status === 'closed' ? computeMetrics([f], ALL_TIME, ALL_TIME.to).counts.closedOnTime === 1 : null)

function kase(status: IncidentStatus, deadline: string | null, timeline: TimelineEntry[]): CaseFacts {
  return caseFactsOf({
    id: 'X',
    code: 'X1',
    urgency: 'normal',
    categoryCode: '0102',
    status,
    gridCode: '110101006001007',
    reportedAt: new Date(Date.parse(timeline[0]?.at ?? '2026-11-26T00:00:00Z')).toISOString(),
    deadlineAt: deadline === null ? null : new Date(Date.parse(`2026-${deadline}:00+08:00`.replace(' ', 'T'))).toISOString(),
    pausedAt: null,
    assignees: ['u1'],
    timeline
  })
}

const report = e('report', '11-26 09:00', 'reported')
const close = (when: string): TimelineEntry => e('verify', when, 'closed', ['u1'])
const reopen = (when: string): TimelineEntry => e('reopen', when, 'dispatched', ['u1'])
const SHAPES: [string, CaseFacts, boolean | null][] = [
  ['closed on time', kase('closed', '11-26 17:00', [report, close('11-26 16:00')]), true],
  ['closed at the deadline', kase('closed', '11-26 17:00', [report, close('11-26 17:00')]), true],
  ['closed late', kase('closed', '11-26 17:00', [report, close('11-26 17:01')]), false],
  ['no deadline', kase('closed', null, [report, close('11-27 10:00')]), true],
  ['reopened after the close, closed again late', kase('closed', '11-26 17:00', [report, close('11-26 16:00'), reopen('11-26 16:30'), close('11-26 18:00')]), false],
  ['reopened after a late close, closed again on time', kase('closed', '11-26 17:00', [report, close('11-26 16:00'), reopen('11-26 16:10'), close('11-26 16:50')]), true],
  ['status closed, yet reopened after its last close', kase('closed', '11-26 17:00', [report, close('11-26 16:00'), reopen('11-26 16:30')]), false],
  ['closed with no close in its log', kase('closed', '11-26 17:00', [report]), false],
  ['reopened and not closed since', kase('dispatched', '11-26 17:00', [report, close('11-26 16:00'), reopen('11-26 16:30')]), null],
  ['rejected', kase('rejected', '11-26 17:00', [report]), null]
]

describe('the case record on-time flag', () => {
  it('is what the figures say of the case alone over its whole life', () => {
    for (const [name, f, want] of SHAPES) {
      expect(byMetrics(f), name).toBe(want)
      expect(caseRecord(f).onTime, name).toBe(want)
    }
    for (const c of WEEK) expect(caseRecord(caseFactsOf(c)).onTime, c.id).toBe(byMetrics(caseFactsOf(c)))
  })
})
