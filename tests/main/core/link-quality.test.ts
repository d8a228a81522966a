import { describe, expect, it } from 'vitest'
import { LinkQuality } from '../../../src-main/core/link-quality'

describe('LinkQuality', () => {
  it('is fine with no samples and with fast answers', () => {
    const q = new LinkQuality(1500)
    expect(q.degraded).toBe(false)
    expect(q.rttMs).toBeNull()
    q.record(20)
    q.record(35)
    expect(q.degraded).toBe(false)
    expect(q.rttMs).toBe(35)
  })
  it('is degraded by a slow answer and recovers with the next fast one', () => {
    const q = new LinkQuality(1500)
    q.record(2000)
    expect(q.degraded).toBe(true)
    q.record(30)
    expect(q.degraded).toBe(false)
  })
  it('stays degraded while a timed-out ack is within the last three', () => {
    const q = new LinkQuality(1500)
    q.record(30)
    q.record(null)
    expect(q.degraded).toBe(true)
    expect(q.rttMs).toBe(30)
    q.record(30)
    q.record(30)
    expect(q.degraded).toBe(true)
    q.record(30)
    expect(q.degraded).toBe(false)
  })
})
