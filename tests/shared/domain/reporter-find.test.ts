// The find rule for a case's reporter (issue 16): which typed text is a phone, and what part matched.
import { describe, expect, it } from 'vitest'
import { phoneMatches, phoneQuery, reporterMatch } from '../../../src-shared/domain/reporter-find'

describe('phoneQuery', () => {
  it.each([
    ['5678', { last4: '5678', prefix: null }],
    ['45678', { last4: '5678', prefix: null }],
    ['13912345678', { last4: '5678', prefix: '139' }],
    ['139 1234 5678', { last4: '5678', prefix: '139' }],
    ['139-1234-5678', { last4: '5678', prefix: '139' }],
    ['+86 139 1234 5678', { last4: '5678', prefix: '139' }],
    ['8613912345678', { last4: '5678', prefix: '139' }],
    ['(010) 6512-4321', { last4: '4321', prefix: '010' }]
  ])('reads %s', (text, want) => {
    expect(phoneQuery(text)).toEqual(want)
  })

  it.each(['678', '王秀英', '13a45678', '', '%_12', '12-3'])('is not a phone: %s', (text) => {
    expect(phoneQuery(text)).toBeNull()
  })
})

describe('reporterMatch', () => {
  const reporter = { name: '王秀英', phone: '139****5678' }
  it('says the name matched and where', () => {
    expect(reporterMatch(reporter, '秀英')).toEqual({ field: 'reporter', text: '王秀英', ranges: [[1, 3]] })
  })
  it('says the phone matched, showing only the stored masked digits', () => {
    expect(reporterMatch(reporter, '5678')).toEqual({ field: 'phone', text: '139****5678', ranges: [[7, 11]] })
    expect(reporterMatch(reporter, '139 1234 5678')).toEqual({ field: 'phone', text: '139****5678', ranges: [[0, 3], [7, 11]] })
  })
  it('matches nothing for one character, other digits or no reporter data', () => {
    expect(reporterMatch(reporter, '王')).toBeNull()
    expect(reporterMatch(reporter, '1234')).toBeNull()
    expect(reporterMatch({}, '5678')).toBeNull()
    expect(phoneMatches('138****1234', { last4: '1234', prefix: '139' })).toBe(false)
  })
})
