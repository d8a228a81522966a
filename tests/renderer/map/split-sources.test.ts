// The base/recent split: diffs only ever reach the recent source, base dots of changed or gone
// cases are hidden, and a fold moves only the cases that did not change meanwhile back to the base.
import { describe, expect, it } from 'vitest'
import { makeProjector } from '../../../src-renderer/map/coords'
import { IncidentSourceState } from '../../../src-renderer/map/incident-diff'
import { SplitRouter } from '../../../src-renderer/map/split-sources'
import { NOW, summary } from './fixtures'

function setup() {
  const state = new IncidentSourceState(makeProjector('wgs84'))
  const change = state.reset([summary({ id: 'a' }), summary({ id: 'b' }), summary({ id: 'c' })], NOW)
  if (change.kind !== 'reset') throw new Error('expected reset')
  const router = new SplitRouter()
  router.reset(change.data.features.map((f) => f.properties.id))
  const step = (upserted: ReturnType<typeof summary>[], removed: string[] = []) => {
    const diff = state.apply({ upserted, removed }, NOW, () => [])
    if (diff?.kind !== 'diff') throw new Error('expected diff')
    return router.route(diff.diff, (id) => state.feature(id))
  }
  return { state, router, step }
}

describe('SplitRouter', () => {
  it('a first change moves the whole case to the recent source and hides its base dot; later ones update it there', () => {
    const { router, step } = setup()
    const first = step([summary({ id: 'a', status: 'dispatched', version: 2 })])
    expect(first.hide).toEqual(['a'])
    expect(first.recent.update).toEqual([])
    expect(first.recent.add.map((f) => [f.id, f.properties.status])).toEqual([['a', 'dispatched']])
    const second = step([summary({ id: 'a', status: 'in_progress', version: 3 })])
    expect(second.hide).toEqual([])
    expect(second.recent.add).toEqual([])
    expect(second.recent.update).toEqual([{ id: 'a', addOrUpdateProperties: [{ key: 'status', value: 'in_progress' }] }])
    expect(router.recentSize).toBe(1)
  })

  it('a new case is added to the recent source only; a case that leaves is removed there and hidden in the base', () => {
    const { router, step } = setup()
    const added = step([summary({ id: 'n' })])
    expect(added.recent.add.map((f) => f.id)).toEqual(['n'])
    expect(added.hide).toEqual([])
    const closed = step([summary({ id: 'n', status: 'closed', version: 2 }), summary({ id: 'b', status: 'closed', version: 2 })])
    expect(closed.recent.remove).toEqual(['n'])
    expect(closed.hide).toEqual(['b'])
    expect(router.recentSize).toBe(0)
    // Reopened: back as a recent case, its base dot stays hidden.
    const back = step([summary({ id: 'b', status: 'accepted', version: 3 })])
    expect(back.recent.add.map((f) => f.id)).toEqual(['b'])
    expect(back.hide).toEqual([])
  })

  it('a fold hands back only the cases that did not change while the base reloaded', () => {
    const { state, router, step } = setup()
    step([summary({ id: 'a', status: 'dispatched', version: 2 }), summary({ id: 'b', status: 'dispatched', version: 2 }), summary({ id: 'n' })])
    step([], ['c'])
    expect(router.recentSize).toBe(3)
    router.startFold(state.collection().features.map((f) => f.properties.id))
    expect(router.folding).toBe(true)
    // During the fold: b changes again (stays recent), m is new.
    const during = step([summary({ id: 'b', status: 'in_progress', version: 3 }), summary({ id: 'm' })])
    expect(during.recent.update.map((u) => u.id)).toEqual(['b'])
    // m is in no base yet; nothing to hide.
    expect(during.hide).toEqual([])
    const settled = router.settleFold()
    expect(settled.recentRemove.sort()).toEqual(['a', 'n'])
    expect(settled.unhide.sort()).toEqual(['a', 'c'])
    expect(router.folding).toBe(false)
    expect(router.recentSize).toBe(2)
    // After the fold, a (now in the base as it is) moves to the recent source again on its next change.
    const next = step([summary({ id: 'a', status: 'in_progress', version: 4 })])
    expect(next.hide).toEqual(['a'])
    expect(next.recent.add.map((f) => f.id)).toEqual(['a'])
  })

  it('a case changed in the new base during a fold is hidden in it and kept recent', () => {
    const { state, router, step } = setup()
    router.startFold(state.collection().features.map((f) => f.properties.id))
    const during = step([summary({ id: 'c', status: 'dispatched', version: 2 })])
    expect(during.hide).toEqual(['c'])
    expect(during.recent.add.map((f) => f.id)).toEqual(['c'])
    expect(router.settleFold()).toEqual({ recentRemove: [], unhide: [] })
    expect(router.recentSize).toBe(1)
  })

  it('a reset forgets everything, a fold under way included', () => {
    const { router, step } = setup()
    step([summary({ id: 'a', status: 'dispatched', version: 2 })])
    router.startFold(['a', 'b', 'c'])
    router.reset(['a', 'b'])
    expect(router.recentSize).toBe(0)
    expect(router.folding).toBe(false)
    expect(router.settleFold()).toEqual({ recentRemove: [], unhide: [] })
  })
})
