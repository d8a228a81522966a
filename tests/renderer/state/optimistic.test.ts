// The renderer's optimistic view: the domain projection of the outbox's pending commands over the
// cached summary, in outbox order; held commands not projected; nothing projected without a seat.
import { beforeEach, describe, expect, it } from 'vitest'
import { applySnapshot, resetConsoleStore, useConsole } from '../../../src-renderer/state/console-store'
import { projectSummary, seatContext, selectProjectedCase } from '../../../src-renderer/state/optimistic'
import type { OutboxEntry } from '../../../src-shared/api'
import { makeOutboxEntry, makeReference, makeSnapshot, makeStatus, makeSummary, makeUnit } from '../fixtures'

const unit = makeUnit({ id: 'u-san', name: '环卫所', categories: ['0102'] })
const units = new Map([[unit.id, unit]])
const user = { id: 'user-1', name: 'Li', role: 'dispatcher' as const }
const ctx = () => seatContext(user, 'console-me', makeReference(), units, new Date('2026-11-23T01:00:00.000Z'))

function accept(state: OutboxEntry['state'] = 'queued', incidentId = 'a'): OutboxEntry {
  return makeOutboxEntry({ incidentId, state })
}
function dispatch(state: OutboxEntry['state'] = 'queued'): OutboxEntry {
  const e = makeOutboxEntry({ incidentId: 'a', state })
  return { ...e, command: { ...e.command, type: 'dispatch', expectedVersion: 2, payload: { unitIds: ['u-san'] }, issuedAt: '2026-11-23T01:05:00.000Z' } }
}

describe('projectSummary', () => {
  const base = makeSummary({ id: 'a', status: 'reported', version: 1 })

  it('shows a queued 立案 as accepted on the version the hub will hold, and a 派遣 after it as dispatched', () => {
    const one = projectSummary(base, [accept()], ctx())
    expect(one.summary.status).toBe('accepted')
    expect(one.summary.version).toBe(2)
    expect(one.pending.map((e) => e.command.type)).toEqual(['accept'])
    const two = projectSummary(base, [accept(), dispatch()], ctx())
    expect(two.summary.status).toBe('dispatched')
    expect(two.summary.assignees).toEqual(['u-san'])
    expect(two.summary.version).toBe(3)
    expect(base.status).toBe('reported')
  })

  it('keeps the real case when the command is held (rolled back), and for other cases', () => {
    for (const state of ['conflict', 'failed'] as const) {
      const view = projectSummary(base, [accept(state), dispatch()], ctx())
      expect(view.summary).toBe(base)
      expect(view.pending).toEqual([])
    }
    expect(projectSummary(base, [accept('queued', 'other')], ctx()).summary).toBe(base)
  })

  it('projects nothing without a seat or reference (no user yet): the hub view stands', () => {
    expect(seatContext(null, 'c', makeReference(), units, new Date())).toBeNull()
    expect(seatContext(user, 'c', null, units, new Date())).toBeNull()
    expect(projectSummary(base, [accept()], null).summary).toBe(base)
  })

  it('keeps the escalation level the summary has (the stand-in case has none)', () => {
    const escalated = { ...base, escalationLevel: 'district' as const }
    expect(projectSummary(escalated, [accept()], ctx()).summary.escalationLevel).toBe('district')
  })
})

describe('selectProjectedCase', () => {
  beforeEach(() => resetConsoleStore())

  it('reads the store, is stable while nothing changes, and follows the outbox', () => {
    applySnapshot(makeSnapshot({ status: makeStatus(), incidents: [makeSummary({ id: 'a', status: 'reported', version: 1 })], units: [unit] }))
    useConsole.setState({ reference: makeReference() })
    const first = selectProjectedCase(useConsole.getState(), 'a')
    expect(first?.summary.status).toBe('reported')
    expect(selectProjectedCase(useConsole.getState(), 'a')).toBe(first)
    useConsole.setState({ outbox: [accept()] })
    const second = selectProjectedCase(useConsole.getState(), 'a')
    expect(second?.summary.status).toBe('accepted')
    expect(selectProjectedCase(useConsole.getState(), 'a')).toBe(second)
    expect(selectProjectedCase(useConsole.getState(), 'missing')).toBeNull()
    expect(selectProjectedCase(useConsole.getState(), null)).toBeNull()
  })

  it('projects once the reference arrives after the cases and the outbox (a reload while offline)', () => {
    // Boot order after a reload: snapshot (cases, outbox, seat) first, the reference later.
    applySnapshot(makeSnapshot({ status: makeStatus({ connection: 'offline' }), incidents: [makeSummary({ id: 'a', status: 'reported', version: 1 })], units: [unit], outbox: [accept()] }))
    useConsole.setState({ reference: null })
    const before = selectProjectedCase(useConsole.getState(), 'a')
    expect(before?.summary.status).toBe('reported')
    expect(before?.pending).toEqual([])
    useConsole.setState({ reference: makeReference() })
    const after = selectProjectedCase(useConsole.getState(), 'a')
    expect(after?.summary.status).toBe('accepted')
    expect(after?.pending.map((e) => e.command.type)).toEqual(['accept'])
    // And stable again while nothing changes.
    expect(selectProjectedCase(useConsole.getState(), 'a')).toBe(after)
  })
})
