// The cases CSV is built straight into text, line by line (a month is 100,000 lines): it must be the very
// bytes of the plain toCsv over the JSON rows, for incidents and for their facts, with cells that need
// quoting or defusing.
import { describe, expect, it } from 'vitest'
import { CASES_CSV_HEADER, casesCsv, casesJson } from '../../../../src-main/core/report/case-exports'
import { toCsv } from '../../../../src-main/core/report/csv'
import { CASE_RECORD_KEYS, caseFactsOf } from '../../../../src-shared/domain'
import { WEEK } from '../../../shared/domain/metrics-timeline'
import { weekIncident } from './cache-fixture'

const plain = (xs: Parameters<typeof casesJson>[0], offset: number): string =>
  toCsv(
    CASE_RECORD_KEYS.map((k) => CASES_CSV_HEADER[k]),
    casesJson(xs, offset).map((r) => CASE_RECORD_KEYS.map((k) => r[k]))
  )

describe('casesCsv', () => {
  const incidents = WEEK.map((c, i) => weekIncident(c, i + 1))
  // Unit ids and codes are text from the hub: a comma, a quote, a formula start.
  const odd = incidents.map((c, i) => (i === 0 ? { ...c, code: '=HYPERLINK("x")', assignees: ['u,1', '@u2'] } : i === 1 ? { ...c, code: '+86"1' } : c))

  it('equals toCsv over the JSON rows, from incidents and from facts, in any zone', () => {
    for (const offset of [480, 0, -300]) {
      for (const xs of [incidents, odd]) {
        expect(casesCsv(xs, offset)).toBe(plain(xs, offset))
        expect(casesCsv(xs.map(caseFactsOf), offset)).toBe(plain(xs, offset))
      }
    }
  })

  it('quotes and defuses what needs it', () => {
    const lines = casesCsv(odd, 480).split('\r\n')
    expect(lines[1]?.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true)
    expect(lines[1]).toContain(`"u,1;@u2"`)
    expect(lines[2]?.startsWith(`"'+86""1"`)).toBe(true)
  })
})
