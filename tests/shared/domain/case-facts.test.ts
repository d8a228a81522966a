// A case's facts (src-shared/domain/case-facts.ts) are what the figures and the case exports read: the
// figures, drill-downs and case records computed from facts equal those computed from the incidents, and
// the reduction keeps exactly the entries that count or name a unit.
import { describe, expect, it } from 'vitest'
import {
  DIMENSIONS,
  FACT,
  caseFactsOf,
  caseRecord,
  casesBehind,
  computeMetricsReport,
  entryCount,
  factKindOf,
  figuresTable,
  kindAt,
  metricFactsOf,
  periodOf,
  periodOfDays,
  timeAt,
  type FigureCount,
  type MetricFacts
} from '../../../src-shared/domain'
import { bj } from './helpers'
import { NOW, Q, S, WEEK, e } from './metrics-timeline'

const FACTS = WEEK.map(caseFactsOf)
const opts = { nowMs: NOW, offsetMinutes: 480 }
const PERIODS = [periodOfDays('2026-11-26', '2026-11-30', 480), periodOf('today', NOW, 480), periodOf('shift', NOW, 480), periodOfDays('2026-11-25', '2026-12-01', 480)]

describe('case facts', () => {
  it('keep the entries that count or name a unit, in log order, with times as ms', () => {
    const q = metricFactsOf(Q)
    const each = <T>(f: MetricFacts, pick: (i: number) => T): T[] => Array.from({ length: entryCount(f) }, (_, i) => pick(i))
    const units = (f: MetricFacts): number[] => each(f, (i) => f.entries[3 * i + 2] ?? -1)
    expect(q.entries.length % 3).toBe(0)
    // report (no unit, counts for nothing) is left out; suspend/resume/feedback name u1 and stay as "other".
    expect(each(q, (i) => kindAt(q, i))).toEqual([
      FACT.accept,
      FACT.dispatch,
      FACT.sign,
      FACT.other,
      FACT.other,
      FACT.other,
      FACT.reworkBack,
      FACT.sign,
      FACT.extend,
      FACT.other,
      FACT.close
    ])
    expect(timeAt(q, 0)).toBe(bj('2026-11-26 09:05').getTime())
    expect(each(q, (i) => timeAt(q, i))).toEqual(each(q, (i) => q.entries[3 * i + 1]))
    expect(q.unitSets).toEqual([['u1']])
    expect(units(q)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(q.reportedMs).toBe(Date.parse(Q.reportedAt))
    const s = metricFactsOf(S)
    expect(s.unitSets).toEqual([['u1', 'u2'], ['u2']])
    expect(units(s)).toEqual([0, 1, 2, 1])
  })

  it('classify verify by where it sent the case', () => {
    expect(factKindOf(e('verify', '11-30 09:00', 'closed'))).toBe(FACT.close)
    expect(factKindOf(e('verify', '11-30 09:00', 'dispatched'))).toBe(FACT.reworkBack)
    expect(factKindOf(e('verify', '11-30 09:00', 'escalated'))).toBe(FACT.reworkUp)
    expect(factKindOf(e('verify', '11-30 09:00', 'resolved'))).toBe(FACT.other)
    expect(factKindOf(e('feedback', '11-30 09:00', 'resolved'))).toBe(FACT.other)
  })

  it('give every figures table of the incidents, by every dimension and period', () => {
    for (const period of PERIODS) {
      for (const by of DIMENSIONS) {
        expect(figuresTable(FACTS, period, by, opts), `${by} ${period.from.toISOString()}`).toEqual(figuresTable(WEEK, period, by, opts))
      }
    }
  })

  it('give the same report and drill-downs', () => {
    const period = PERIODS[0] ?? periodOf('today', NOW, 480)
    expect(computeMetricsReport(FACTS, period, new Date(NOW))).toEqual(computeMetricsReport(WEEK, period, new Date(NOW)))
    const figures: FigureCount[] = ['received', 'accepted', 'dispatched', 'closed', 'closedOnTime', 'dueToClose', 'reworked', 'extended', 'urged', 'escalated', 'overdueNow']
    for (const by of DIMENSIONS) {
      for (const row of figuresTable(WEEK, period, by, opts).rows) {
        for (const figure of figures) expect(casesBehind(FACTS, period, by, row.key, figure, opts)).toEqual(casesBehind(WEEK, period, by, row.key, figure, opts))
      }
    }
  })

  it('give the same case records', () => {
    for (const c of WEEK) expect(caseRecord(caseFactsOf(c))).toEqual(caseRecord(c))
  })
})
