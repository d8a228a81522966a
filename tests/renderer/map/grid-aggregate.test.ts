// Per-grid open/overdue counts kept incrementally; each call reports exactly the grids that changed.
import { describe, expect, it } from 'vitest'
import { GridAggregator } from '../../../src-renderer/map/grid-aggregate'
import { HOUR, NOW, iso, summary } from './fixtures'

const G1 = '110101006001007'
const G2 = '110101006001008'

describe('GridAggregator', () => {
  it('counts open and overdue cases per grid and reports changed grids', () => {
    const agg = new GridAggregator()
    const changed = agg.apply(
      [
        summary({ id: 'a', gridCode: G1 }),
        summary({ id: 'b', gridCode: G1, status: 'dispatched', deadlineAt: iso(NOW - HOUR) }),
        summary({ id: 'c', gridCode: G2, status: 'closed' })
      ],
      [],
      NOW
    )
    expect([...changed]).toEqual([[G1, { open: 2, overdue: 1 }]])
    expect(agg.counts(G2)).toEqual({ open: 0, overdue: 0 })
  })

  it('moves a case between grids and clears a grid that empties', () => {
    const agg = new GridAggregator()
    agg.apply([summary({ id: 'a', gridCode: G1 })], [], NOW)
    const moved = agg.apply([summary({ id: 'a', gridCode: G2, version: 2 })], [], NOW)
    expect(moved.get(G1)).toEqual({ open: 0, overdue: 0 })
    expect(moved.get(G2)).toEqual({ open: 1, overdue: 0 })
    const closed = agg.apply([summary({ id: 'a', gridCode: G2, status: 'closed', version: 3 })], [], NOW)
    expect([...closed]).toEqual([[G2, { open: 0, overdue: 0 }]])
    expect([...agg.entries()]).toEqual([])
  })

  it('an upsert that changes nothing counted reports no grid', () => {
    const agg = new GridAggregator()
    agg.apply([summary({ id: 'a', gridCode: G1 })], [], NOW)
    expect(agg.apply([summary({ id: 'a', gridCode: G1, status: 'accepted', version: 2 })], [], NOW).size).toBe(0)
  })

  it('removal withdraws the contribution; unknown ids are ignored', () => {
    const agg = new GridAggregator()
    agg.apply([summary({ id: 'a', gridCode: G1 }), summary({ id: 'b', gridCode: G1 })], [], NOW)
    expect([...agg.apply([], ['a', 'nope'], NOW)]).toEqual([[G1, { open: 1, overdue: 0 }]])
  })

  it('tick counts a case as overdue once its deadline passes, but not a paused one', () => {
    const agg = new GridAggregator()
    agg.apply(
      [
        summary({ id: 'a', gridCode: G1, status: 'dispatched', deadlineAt: iso(NOW + HOUR) }),
        summary({ id: 'p', gridCode: G2, status: 'suspended', deadlineAt: iso(NOW - HOUR), pausedAt: iso(NOW - 2 * HOUR) })
      ],
      [],
      NOW
    )
    expect(agg.counts(G2)).toEqual({ open: 1, overdue: 0 })
    expect(agg.tick(NOW).size).toBe(0)
    expect([...agg.tick(NOW + 2 * HOUR)]).toEqual([[G1, { open: 1, overdue: 1 }]])
    expect(agg.tick(NOW + 3 * HOUR).size).toBe(0)
  })
})
