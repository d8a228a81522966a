// The optimistic view: pending commands applied in outbox order through the incident machine, held
// ones rolled back; identical pending commands found; who got there first read from the timeline.
import { describe, expect, it } from 'vitest'
import { conflictStory, identicalPending, issuedApart, projectPending, type PendingLike } from '../../../src-shared/domain'
import type { Command } from '../../../src-shared/protocol'
import { makeCommand, makeIncident } from '../../fixtures/entities'
import { bj, context, deepFreeze } from './helpers'

const base = deepFreeze(makeIncident({ id: 'inc-1', status: 'reported', version: 3 }))

function pending(command: Partial<Command>, state: PendingLike['state'] = 'queued'): PendingLike {
  return { command: makeCommand({ incidentId: 'inc-1', issuedAt: bj('2026-11-23 09:00').toISOString(), ...command }), state }
}

const accept = (state: PendingLike['state'] = 'queued') => pending({ type: 'accept', payload: {}, expectedVersion: 3 }, state)
const dispatch = (state: PendingLike['state'] = 'queued') =>
  pending({ type: 'dispatch', payload: { unitIds: ['u-san'] }, expectedVersion: 4, issuedAt: bj('2026-11-23 09:05').toISOString() }, state)

describe('projectPending', () => {
  it('applies a queued 立案 and then a 派遣 in outbox order, without touching the hub version', () => {
    const view = projectPending(base, [accept(), dispatch()], context())
    expect(view.applied.map((c) => c.type)).toEqual(['accept', 'dispatch'])
    expect(view.refused).toEqual([])
    expect(view.incident.status).toBe('dispatched')
    expect(view.incident.version).toBe(5)
    expect(view.incident.assignees).toEqual(['u-san'])
    // Each as of its own issued time: the deadline runs from the dispatch, 4 working hours on (lunch 12:00–13:30 skipped).
    expect(view.incident.deadlineAt).toBe(bj('2026-11-23 14:35').toISOString())
    expect(view.incident.timeline.at(-1)?.at).toBe(bj('2026-11-23 09:05').toISOString())
    expect(base.status).toBe('reported')
  })

  it('rolls back a held command: a refused 立案 leaves the case reported and the 派遣 behind it unprojectable', () => {
    const view = projectPending(base, [accept('conflict'), dispatch()], context())
    expect(view.incident).toBe(base)
    expect(view.applied).toEqual([])
    expect(view.refused.map((r) => [r.command.type, r.code])).toEqual([['dispatch', 'illegal_transition']])
  })

  it('projects commands still in flight and leaves other cases and failed ones out', () => {
    const other = pending({ type: 'urge', incidentId: 'inc-2', payload: { note: '快' } })
    const failed = pending({ type: 'note', payload: { text: 'x' } }, 'failed')
    const view = projectPending(base, [other, accept('sending'), failed], context())
    expect(view.applied.map((c) => c.type)).toEqual(['accept'])
    expect(view.incident.timeline).toHaveLength(base.timeline.length + 1)
  })

  it('knows what the role may not do: a viewer-like refusal is reported, not applied', () => {
    const view = projectPending(base, [pending({ type: 'suspend', payload: { reason: '待定' } })], context({ role: 'dispatcher' }))
    expect(view.incident).toBe(base)
    expect(view.refused[0]?.code).toBe('forbidden')
  })
})

describe('identicalPending', () => {
  const entries = [accept(), pending({ type: 'urge', payload: { note: '请尽快', extra: { b: 1, a: 2 } } })]

  it('finds the same act on the same case whatever the key order of its payload', () => {
    expect(identicalPending(entries, { type: 'accept', incidentId: 'inc-1', payload: {} })).toBe(entries[0])
    expect(identicalPending(entries, { type: 'urge', incidentId: 'inc-1', payload: { extra: { a: 2, b: 1 }, note: '请尽快' } })).toBe(entries[1])
  })

  it('lets through another payload, another case, a held twin and reports', () => {
    expect(identicalPending(entries, { type: 'urge', incidentId: 'inc-1', payload: { note: '再催' } })).toBeNull()
    expect(identicalPending(entries, { type: 'accept', incidentId: 'inc-2', payload: {} })).toBeNull()
    expect(identicalPending([accept('failed')], { type: 'accept', incidentId: 'inc-1', payload: {} })).toBeNull()
    expect(identicalPending([pending({ type: 'report', incidentId: undefined, payload: { draft: {} } })], { type: 'report', payload: { draft: {} } })).toBeNull()
  })
})

describe('conflictStory', () => {
  const hall = { id: 'sim-hall-1', name: '值班调度（模拟）', role: 'dispatcher' as const }
  const dispatched = makeIncident({
    id: 'inc-1',
    status: 'dispatched',
    version: 5,
    timeline: [
      ...base.timeline,
      { at: '2026-11-23T06:04:00.000Z', actor: { id: 'user-1', name: '王调度', role: 'dispatcher' }, action: 'accept', from: 'reported', to: 'accepted', commandId: 'mine-1' },
      { at: '2026-11-23T06:05:00.000Z', actor: hall, action: 'dispatch', from: 'accepted', to: 'dispatched', commandId: 'hall-1' },
      { at: '2026-11-23T06:06:00.000Z', actor: hall, action: 'note', from: 'dispatched', to: 'dispatched', note: '已通知', commandId: 'hall-2' }
    ]
  })

  it('names who moved the case and when, and says to drop a dispatch the case is past', () => {
    const mine = makeCommand({ type: 'dispatch', incidentId: 'inc-1', payload: { unitIds: ['u-san'] } })
    const story = conflictStory(dispatched, mine, new Set(['mine-1']))
    expect(story.by).toEqual({ actor: hall, at: '2026-11-23T06:05:00.000Z', action: 'dispatch', to: 'dispatched' })
    expect(story.next).toBe('discard')
  })

  it('names the act after the version the command expected, not this seat\'s older 立案, and no state for a 认领', () => {
    // The seat accepted (v4); the hall then claimed it (v5, no state change); the seat's 派遣 on v4 is held.
    const claimed = makeIncident({
      id: 'inc-1',
      status: 'accepted',
      version: 5,
      timeline: [
        ...base.timeline,
        { at: '2026-11-23T06:04:00.000Z', actor: { id: 'user-1', name: '王调度', role: 'dispatcher' }, action: 'accept', from: 'reported', to: 'accepted', commandId: 'mine-1' },
        { at: '2026-11-23T06:05:00.000Z', actor: hall, action: 'claim', from: 'accepted', to: 'accepted', commandId: 'hall-1' }
      ]
    })
    // The renderer does not know the ids of this seat's applied commands: none are passed.
    const mine = makeCommand({ type: 'dispatch', incidentId: 'inc-1', expectedVersion: 4, payload: { unitIds: ['u-san'] } })
    const story = conflictStory(claimed, mine)
    expect(story.by).toEqual({ actor: hall, at: '2026-11-23T06:05:00.000Z', action: 'claim', to: null })
    expect(story.next).toBe('retry')
    // The dispatch case above, on the version before the hall's 派遣: still the hall's 派遣 (the later note moved nothing).
    const late = makeCommand({ type: 'dispatch', incidentId: 'inc-1', expectedVersion: 3, payload: { unitIds: ['u-san'] } })
    expect(conflictStory(dispatched, late).by).toMatchObject({ actor: hall, action: 'dispatch', to: 'dispatched' })
  })

  it('offers to send again when the command still fits the case as it is now', () => {
    const mine = makeCommand({ type: 'urge', incidentId: 'inc-1', payload: { note: '快' } })
    expect(conflictStory(dispatched, mine).next).toBe('retry')
  })
})

describe('issuedApart', () => {
  it('gives the issued time only where it is a minute or more from the applied time', () => {
    expect(issuedApart({ at: '2026-11-23T06:05:00.000Z', issuedAt: '2026-11-23T06:03:00.000Z' })).toBe('2026-11-23T06:03:00.000Z')
    expect(issuedApart({ at: '2026-11-23T06:05:00.000Z', issuedAt: '2026-11-23T06:04:30.000Z' })).toBeNull()
    expect(issuedApart({ at: '2026-11-23T06:05:00.000Z' })).toBeNull()
  })
})
