import { describe, expect, it } from 'vitest'
import { advanceLastSeq, decide } from '../../../src-main/core/apply-rules'

const live = (seq: number, version: number) => ({ seq, version, live: true })

describe('decide', () => {
  const cached = { version: 5, seq: 50, live: true }
  it('applies anything new, and a higher version at a later seq', () => {
    expect(decide(live(1, 1), undefined).kind).toBe('apply')
    expect(decide(live(60, 6), cached).kind).toBe('apply')
  })
  it('quietly ignores a repeat or a late older change', () => {
    expect(decide(live(50, 5), cached).kind).toBe('ignore')
    expect(decide(live(40, 4), cached).kind).toBe('ignore')
    expect(decide(live(40, 5), cached).kind).toBe('ignore')
  })
  it('refuses a version going back at a later seq', () => {
    expect(decide(live(60, 4), cached)).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/version went back/) })
  })
  it('refuses a seq going back with a newer version', () => {
    expect(decide(live(40, 6), cached)).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/seq went back/) })
  })
  it('refuses a reused seq with another version', () => {
    expect(decide(live(50, 6), cached)).toMatchObject({ kind: 'refuse', reason: expect.stringMatching(/duplicate seq/) })
  })
  it('allows the same version at a later seq only to leave or re-enter scope', () => {
    expect(decide({ seq: 60, version: 5, live: false }, cached).kind).toBe('apply')
    expect(decide({ seq: 70, version: 5, live: true }, { version: 5, seq: 60, live: false }).kind).toBe('apply')
    expect(decide(live(60, 5), cached).kind).toBe('refuse')
  })
})

describe('advanceLastSeq', () => {
  it('moves only when the batch starts at or before lastSeq + 1', () => {
    expect(advanceLastSeq(10, { from: 10, to: 15 })).toEqual({ lastSeq: 15, gap: false })
    expect(advanceLastSeq(10, { from: 8, to: 12 })).toEqual({ lastSeq: 12, gap: false })
    expect(advanceLastSeq(10, { from: 4, to: 9 })).toEqual({ lastSeq: 10, gap: false })
    expect(advanceLastSeq(10, { from: 11, to: 15 })).toEqual({ lastSeq: 10, gap: true })
    expect(advanceLastSeq(10, null)).toEqual({ lastSeq: 10, gap: false })
  })
})
