// The cases CSV is built straight into text, line by line (a month is 100,000 lines): it must be the very
// bytes of the plain toCsv over the JSON rows, for incidents and for their facts, with cells that need
// quoting or defusing.
import { describe, expect, it } from 'vitest'
import { CASES_CSV_HEADER, casesCsv, casesJson, casesReceivedIn } from '../../../../src-main/core/report/case-exports'
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

describe('casesReceivedIn', () => {
  const at = (code: string, reportedMs: number): { code: string; reportedMs: number } => ({ code, reportedMs })
  const inOrder = [at('A', 5), at('B', 10), at('C', 10), at('A', 20), at('Z', 29)]
  const codes = (xs: readonly { code: string; reportedMs: number }[]): string => xs.map((x) => `${x.code}${x.reportedMs}`).join(' ')

  it('keeps cases in report order (ties by code) within [from, to), whatever order they come in', () => {
    expect(codes(casesReceivedIn(inOrder, 10, 29))).toBe('B10 C10 A20')
    for (const shuffled of [[...inOrder].reverse(), [inOrder[2], inOrder[0], inOrder[4], inOrder[1], inOrder[3]]]) {
      expect(codes(casesReceivedIn(shuffled as typeof inOrder, 0, 100))).toBe('A5 B10 C10 A20 Z29')
    }
    // A tie out of code order is sorted too.
    expect(codes(casesReceivedIn([at('C', 10), at('B', 10)], 0, 100))).toBe('B10 C10')
  })
})
