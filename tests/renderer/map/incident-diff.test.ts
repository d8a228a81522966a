// The delta → updateData diff builder: adds, updates only what changed, removes closed cases,
// overdue flips on the clock, and resets only for large deltas.
import { describe, expect, it } from 'vitest'
import { makeProjector } from '../../../src-renderer/map/coords'
import { IncidentSourceState } from '../../../src-renderer/map/incident-diff'
import { DeltaBuffer } from '../../../src-renderer/map/delta-buffer'
import { followsUrgent, wallFollowsFromQuery } from '../../../src-renderer/map/follow'
import { startOfLocalDay } from '../../../src-renderer/map/incident-features'
import { HOUR, NOW, iso, summary } from './fixtures'

const wgs = makeProjector('wgs84')

function diffOf(change: ReturnType<IncidentSourceState['apply']>) {
  if (!change || change.kind !== 'diff') throw new Error(`expected a diff, got ${change?.kind ?? 'null'}`)
  return change.diff
}

describe('IncidentSourceState', () => {
  it('reset builds features for open cases only, keyed by id', () => {
    const state = new IncidentSourceState(wgs)
    const change = state.reset(
      [summary({ id: 'a' }), summary({ id: 'b', status: 'closed' }), summary({ id: 'c', urgency: 'urgent' })],
      NOW
    )
    expect(change.kind).toBe('reset')
    if (change.kind !== 'reset') return
    expect(change.data.features.map((f) => f.id)).toEqual(['a', 'c'])
    expect(change.data.features[1]?.properties).toMatchObject({ urgency: 'urgent', urgent: 1, major: '01' })
    expect(state.size).toBe(2)
  })

  it('adds a new case, updates only changed properties, removes a closed case', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([summary({ id: 'a' }), summary({ id: 'b' })], NOW)
    const diff = diffOf(
      state.apply(
        {
          upserted: [
            summary({ id: 'n', urgency: 'urgent' }),
            summary({ id: 'a', status: 'dispatched', version: 2 }),
            summary({ id: 'b', status: 'closed', version: 2 })
          ],
          removed: []
        },
        NOW,
        () => []
      )
    )
    expect(diff.add.map((f) => f.id)).toEqual(['n'])
    expect(diff.update).toEqual([{ id: 'a', addOrUpdateProperties: [{ key: 'status', value: 'dispatched' }] }])
    expect(diff.remove).toEqual(['b'])
    expect(state.has('b')).toBe(false)
  })

  it('sends a new geometry when a case moves, and nothing when only unseen fields change', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([summary({ id: 'a' })], NOW)
    expect(state.apply({ upserted: [summary({ id: 'a', title: '改了标题', version: 2 })], removed: [] }, NOW, () => [])).toBeNull()
    const diff = diffOf(
      state.apply({ upserted: [summary({ id: 'a', location: { lng: 116.42, lat: 39.93 } })], removed: [] }, NOW, () => [])
    )
    expect(diff.update[0]?.newGeometry).toEqual({ type: 'Point', coordinates: [116.42, 39.93] })
    expect(diff.update[0]?.addOrUpdateProperties).toBeUndefined()
  })

  it('removes only ids it shows', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([summary({ id: 'a' }), summary({ id: 'z', status: 'rejected' })], NOW)
    expect(diffOf(state.apply({ upserted: [], removed: ['a', 'z', 'unknown'] }, NOW, () => [])).remove).toEqual(['a'])
  })

  it('a closed case that is not shown and stays closed changes nothing', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([], NOW)
    expect(state.apply({ upserted: [summary({ id: 'x', status: 'closed' })], removed: [] }, NOW, () => [])).toBeNull()
  })

  it('tick turns the overdue mark on when a deadline passes, once, and not for a paused clock', () => {
    const state = new IncidentSourceState(wgs)
    state.reset(
      [
        summary({ id: 'due', status: 'dispatched', deadlineAt: iso(NOW + HOUR) }),
        summary({ id: 'paused', status: 'suspended', deadlineAt: iso(NOW + HOUR), pausedAt: iso(NOW) })
      ],
      NOW
    )
    expect(state.tick(NOW + HOUR / 2)).toBeNull()
    const diff = diffOf(state.tick(NOW + 2 * HOUR))
    expect(diff.update).toEqual([{ id: 'due', addOrUpdateProperties: [{ key: 'overdue', value: 1 }] }])
    expect(state.tick(NOW + 3 * HOUR)).toBeNull()
  })

  it('projects to GCJ-02 when the basemap asks for it', () => {
    const state = new IncidentSourceState(makeProjector('gcj02'))
    const change = state.reset([summary({ id: 'a', location: { lng: 116.4, lat: 39.9 } })], NOW)
    if (change.kind !== 'reset') throw new Error('expected reset')
    const [lng, lat] = change.data.features[0]?.geometry.coordinates ?? []
    // GCJ-02 shifts Beijing by a few hundred metres east and north-ish.
    expect(lng).toBeCloseTo(116.40624, 4)
    expect(lat).toBeCloseTo(39.90140, 4)
  })

  it('a delta larger than half the shown set resets from the full store', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([summary({ id: 'a' })], NOW)
    const many = Array.from({ length: 2500 }, (_, i) => summary({ id: `m${i}` }))
    const change = state.apply({ upserted: many, removed: [] }, NOW, () => [summary({ id: 'a' }), ...many])
    expect(change?.kind).toBe('reset')
    expect(state.size).toBe(2501)
  })
})

describe('DeltaBuffer', () => {
  it('keeps the latest state per case and lets a later removal or upsert win', () => {
    const buffer = new DeltaBuffer()
    expect(buffer.take()).toBeNull()
    buffer.push({ upserted: [summary({ id: 'a', version: 1 }), summary({ id: 'b' })], removed: ['c'] })
    buffer.push({ upserted: [summary({ id: 'a', version: 3 }), summary({ id: 'c' })], removed: ['b'] })
    const merged = buffer.take()
    expect(merged?.upserted.map((i) => [i.id, i.version])).toEqual([
      ['a', 3],
      ['c', 1]
    ])
    expect(merged?.removed).toEqual(['b'])
    expect(buffer.isEmpty).toBe(true)
  })
})

describe('IncidentSourceState.collection', () => {
  it('rebuilds the shown set as it stands after diffs (for the low-zoom cluster copy)', () => {
    const state = new IncidentSourceState(wgs)
    state.reset([summary({ id: 'a' }), summary({ id: 'b' })], NOW)
    state.apply({ upserted: [summary({ id: 'a', status: 'closed' }), summary({ id: 'c', urgency: 'urgent' })], removed: [] }, NOW, () => [])
    const fc = state.collection()
    expect(fc.features.map((f) => f.id).sort()).toEqual(['b', 'c'])
    expect(fc.features.find((f) => f.id === 'c')?.properties.urgent).toBe(1)
  })
})

describe('closed-today cases (legend toggle)', () => {
  const today = startOfLocalDay(NOW)
  const cases = () => [
    summary({ id: 'open' }),
    summary({ id: 'done-today', status: 'closed', urgency: 'urgent', updatedAt: iso(today + 60_000) }),
    summary({ id: 'done-yesterday', status: 'closed', updatedAt: iso(today - 60_000) }),
    summary({ id: 'rejected-today', status: 'rejected', updatedAt: iso(today + 60_000) })
  ]

  it('off by default: only open cases; on: cases closed since local midnight too, marked closed and never urgent', () => {
    const state = new IncidentSourceState(wgs)
    const off = state.reset(cases(), NOW)
    if (off.kind !== 'reset') throw new Error('expected reset')
    expect(off.data.features.map((f) => f.id)).toEqual(['open'])
    state.setClosedToday(true, NOW)
    const on = state.reset(cases(), NOW)
    if (on.kind !== 'reset') throw new Error('expected reset')
    expect(on.data.features.map((f) => f.id)).toEqual(['open', 'done-today'])
    expect(on.data.features[1]?.properties).toMatchObject({ closed: 1, urgent: 0, status: 'closed' })
    expect(on.data.features[0]?.properties.closed).toBe(0)
  })

  it('a case that closes leaves the map by a remove when off, and turns faint by an update when on', () => {
    const off = new IncidentSourceState(wgs)
    off.reset([summary({ id: 'a' })], NOW)
    const closing = summary({ id: 'a', status: 'closed', version: 2, updatedAt: iso(NOW) })
    expect(diffOf(off.apply({ upserted: [closing], removed: [] }, NOW, () => [])).remove).toEqual(['a'])

    const on = new IncidentSourceState(wgs)
    on.setClosedToday(true, NOW)
    on.reset([summary({ id: 'a' })], NOW)
    const diff = diffOf(on.apply({ upserted: [closing], removed: [] }, NOW, () => []))
    expect(diff.remove).toEqual([])
    expect(diff.update).toEqual([
      {
        id: 'a',
        addOrUpdateProperties: [
          { key: 'status', value: 'closed' },
          { key: 'closed', value: 1 }
        ]
      }
    ])
  })

  it('a new day with the toggle on starts again from the store: yesterday\'s closed cases go', () => {
    const state = new IncidentSourceState(wgs)
    state.setClosedToday(true, NOW)
    state.reset(cases(), NOW)
    expect(state.has('done-today')).toBe(true)
    const tomorrow = today + 36 * HOUR
    const change = state.tick(tomorrow, cases)
    expect(change?.kind).toBe('reset')
    expect(state.has('done-today')).toBe(false)
    expect(state.has('open')).toBe(true)
    // Off, a new day is just an overdue check.
    const plain = new IncidentSourceState(wgs)
    plain.reset(cases(), NOW)
    expect(plain.tick(tomorrow, cases)?.kind ?? null).not.toBe('reset')
  })
})

describe('followsUrgent', () => {
  it('the wall always follows; a seat only when its setting says so', () => {
    expect(followsUrgent('wall', false)).toBe(true)
    expect(followsUrgent('wall', undefined)).toBe(true)
    expect(followsUrgent('console', undefined)).toBe(false)
    expect(followsUrgent('console', false)).toBe(false)
    expect(followsUrgent('console', true)).toBe(true)
    expect(followsUrgent('wall', true, false)).toBe(false)
    expect(wallFollowsFromQuery('?token=abc')).toBe(true)
    expect(wallFollowsFromQuery('?token=abc&follow=0')).toBe(false)
  })
})
