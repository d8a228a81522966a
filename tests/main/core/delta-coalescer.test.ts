import { describe, expect, it, vi } from 'vitest'
import { DeltaCoalescer } from '../../../src-main/core/delta-coalescer'
import { emptyDelta } from '../../../src-main/core/delta-builder'
import { summarize, type Delta } from '../../../src-shared/api'
import { makeFunctionalGrid, makeIncident } from '../../fixtures/entities'

const withIncident = (id: string, version: number, lastSeq: number): Delta => ({
  ...emptyDelta(lastSeq),
  incidents: [summarize(makeIncident({ id, version }))]
})

describe('DeltaCoalescer', () => {
  it('sends one merged delta per frame, the latest state of each entity winning', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16, { leading: false })
      c.push(withIncident('a', 1, 1))
      c.push(withIncident('a', 2, 2))
      c.push(withIncident('b', 1, 3))
      c.push({ ...emptyDelta(4), removedIncidentIds: ['b'] })
      expect(out).toHaveLength(0)
      vi.advanceTimersByTime(16)
      expect(out).toHaveLength(1)
      expect(out[0]?.lastSeq).toBe(4)
      expect(out[0]?.incidents.map((i) => [i.id, i.version])).toEqual([['a', 2]])
      expect(out[0]?.removedIncidentIds).toEqual(['b'])
      c.push({ ...emptyDelta(5), removedIncidentIds: ['a'] })
      c.push(withIncident('a', 3, 6))
      vi.advanceTimersByTime(16)
      expect(out[1]?.incidents.map((i) => i.version)).toEqual([3])
      expect(out[1]?.removedIncidentIds).toEqual([])
      vi.advanceTimersByTime(100)
      expect(out).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('never lets an older version replace a newer one in the same frame (a stale cache read pushed late)', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16, { leading: false })
      c.push(withIncident('a', 3, 7))
      c.push(withIncident('a', 2, 7))
      vi.advanceTimersByTime(16)
      expect(out[0]?.incidents.map((i) => i.version)).toEqual([3])
      // After a removal the id starts over: a later, lower version (another hub after a reset) is taken.
      c.push({ ...emptyDelta(0), removedIncidentIds: ['a'] })
      c.push(withIncident('a', 1, 1))
      vi.advanceTimersByTime(16)
      expect(out[1]?.incidents.map((i) => i.version)).toEqual([1])
    } finally {
      vi.useRealTimers()
    }
  })

  it('cancel drops a pending delta', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16, { leading: false })
      c.push(withIncident('a', 1, 1))
      c.cancel()
      vi.advanceTimersByTime(50)
      expect(out).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends a delta after a quiet frame at once, and holds the ones that follow it within the frame', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16)
      c.push(withIncident('a', 1, 1))
      expect(out.map((d) => d.lastSeq)).toEqual([1])
      vi.advanceTimersByTime(5)
      c.push(withIncident('b', 1, 2))
      c.push(withIncident('c', 1, 3))
      expect(out).toHaveLength(1)
      vi.advanceTimersByTime(16)
      expect(out.map((d) => d.lastSeq)).toEqual([1, 3])
      expect(out[1]?.incidents.map((i) => i.id)).toEqual(['b', 'c'])
      vi.advanceTimersByTime(40)
      c.push(withIncident('d', 1, 4))
      expect(out.map((d) => d.lastSeq)).toEqual([1, 3, 4])
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends a new urgent case at once with what is pending, even in the middle of a stream', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16, { leading: false })
      c.push(withIncident('page-1', 1, 1))
      c.push({ ...emptyDelta(2), incidents: [summarize(makeIncident({ id: 'u', version: 1, urgency: 'urgent', status: 'reported' }))] })
      expect(out).toHaveLength(1)
      expect(out[0]?.incidents.map((i) => i.id)).toEqual(['page-1', 'u'])
      // An urgent case already accepted is an ordinary update.
      c.push({ ...emptyDelta(3), incidents: [summarize(makeIncident({ id: 'u', version: 2, urgency: 'urgent', status: 'accepted' }))] })
      expect(out).toHaveLength(1)
      vi.advanceTimersByTime(16)
      expect(out).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('carries functional grids (rev 1.8): the latest version wins, a removal after a set removes, none → no field', () => {
    vi.useFakeTimers()
    try {
      const out: Delta[] = []
      const c = new DeltaCoalescer((d) => out.push(d), 16, { leading: false })
      c.push({ ...emptyDelta(1), functionalGrids: [makeFunctionalGrid({ id: 'fg-1', version: 1 }), makeFunctionalGrid({ id: 'fg-2', version: 1 })] })
      c.push({ ...emptyDelta(2), functionalGrids: [makeFunctionalGrid({ id: 'fg-1', version: 2, endReason: '提前结束' })] })
      c.push({ ...emptyDelta(3), removedFunctionalGridIds: ['fg-2'] })
      vi.advanceTimersByTime(16)
      expect(out[0]?.functionalGrids?.map((g) => [g.id, g.version])).toEqual([['fg-1', 2]])
      expect(out[0]?.removedFunctionalGridIds).toEqual(['fg-2'])
      c.push(withIncident('a', 1, 4))
      vi.advanceTimersByTime(16)
      expect(out[1] && ('functionalGrids' in out[1] || 'removedFunctionalGridIds' in out[1])).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })
})
