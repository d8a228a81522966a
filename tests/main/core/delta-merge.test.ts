// The one netting of deltas (the coalescer and the web host's pacer both use it): applying the taken
// delta gives the state of applying every pushed one in turn.
import { describe, expect, it } from 'vitest'
import { DeltaMerge } from '../../../src-main/core/delta-merge'
import { emptyDelta } from '../../../src-main/core/delta-builder'
import { summarize } from '../../../src-shared/api'
import { makeFunctionalGrid, makeIncident, makeUnit } from '../../fixtures/entities'

const inc = (id: string, version: number) => summarize(makeIncident({ id, version }))

describe('DeltaMerge', () => {
  it('takes null when nothing was pushed, and starts over empty after a take', () => {
    const m = new DeltaMerge()
    expect(m.empty).toBe(true)
    expect(m.take()).toBeNull()
    m.push({ ...emptyDelta(1), incidents: [inc('a', 1)] })
    expect(m.empty).toBe(false)
    expect(m.take()?.incidents.map((i) => i.id)).toEqual(['a'])
    expect(m.take()).toBeNull()
  })

  it('nets each id to its last state or removal, keeps the last lastSeq, and adds rev 1.8 fields only when used', () => {
    const m = new DeltaMerge()
    m.push({ ...emptyDelta(5), incidents: [inc('a', 1), inc('b', 1)], units: [makeUnit({ id: 'u', version: 1 })] })
    m.push({ ...emptyDelta(6), removedIncidentIds: ['a'], units: [makeUnit({ id: 'u', version: 2 })] })
    m.push({ ...emptyDelta(7), incidents: [inc('b', 3)], removedUnitIds: [] })
    m.push({ ...emptyDelta(8), incidents: [inc('b', 2)] })
    const d = m.take()
    expect(d?.lastSeq).toBe(8)
    expect(d?.incidents.map((i) => [i.id, i.version])).toEqual([['b', 3]])
    expect(d?.removedIncidentIds).toEqual(['a'])
    expect(d?.units.map((u) => u.version)).toEqual([2])
    expect(d && 'functionalGrids' in d).toBe(false)
    expect(d && 'removedFunctionalGridIds' in d).toBe(false)
    m.push({ ...emptyDelta(9), functionalGrids: [makeFunctionalGrid({ id: 'g' })] })
    m.push({ ...emptyDelta(10), removedFunctionalGridIds: ['h'] })
    const g = m.take()
    expect(g?.functionalGrids?.map((x) => x.id)).toEqual(['g'])
    expect(g?.removedFunctionalGridIds).toEqual(['h'])
  })

  it('clear forgets what was pushed', () => {
    const m = new DeltaMerge()
    m.push({ ...emptyDelta(1), incidents: [inc('a', 1)] })
    m.clear()
    expect(m.take()).toBeNull()
  })
})
