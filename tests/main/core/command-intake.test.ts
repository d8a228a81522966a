// The command intake (issue 16): an identical command still pending on the case is refused before the
// outbox with a clear message; an accept also claims the case when the setting asks (default on), the
// claim chained to the accept's answer (ClaimChain): sent after the accept is applied, dropped otherwise.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type CommandRequest, type OutboxEntry, type Result, ok } from '../../../src-shared/api'
import { Command } from '../../../src-shared/protocol'
import { ClaimChain, claimsOnAccept, issueThroughIntake } from '../../../src-main/core/command-intake'
import type { Incident } from '../../../src-shared/protocol'
import { makeIncident } from '../../fixtures/entities'

/** The outbox as the intake sees it: a list kept in order, enqueue adds a queued entry. */
class FakeOutbox {
  entries: OutboxEntry[] = []
  list(): OutboxEntry[] {
    return this.entries
  }
  enqueue(request: unknown): Promise<Result<OutboxEntry>> {
    const command = Command.parse({ ...(request as CommandRequest), commandId: randomUUID(), issuedAt: new Date().toISOString() })
    const entry: OutboxEntry = { command, state: 'queued', attempts: 0, error: null, current: null, queuedAt: command.issuedAt }
    this.entries = [...this.entries, entry]
    return Promise.resolve(ok(entry))
  }
}

const accept: CommandRequest = { type: 'accept', incidentId: 'inc-1', expectedVersion: 3, payload: {} }

describe('issueThroughIntake', () => {
  /** The outbox, a cache of cases, and a chain reading both. */
  function rig() {
    const outbox = new FakeOutbox()
    const cases = new Map<string, Incident>()
    const chain = new ClaimChain({ outbox, getIncident: (id) => Promise.resolve(cases.get(id) ?? null), log: () => undefined })
    return { outbox, cases, chain }
  }
  /** The accept answered: gone from the outbox, the case as the hub wrote it into the cache. */
  function applied(r: ReturnType<typeof rig>, incident: Incident): Promise<void> {
    r.outbox.entries = r.outbox.entries.filter((e) => e.command.type !== 'accept')
    r.cases.set(incident.id, incident)
    return r.chain.onOutbox(r.outbox.entries)
  }
  const acceptedBy = (commandId: string | undefined, name: string, version: number) =>
    makeIncident({
      id: 'inc-1',
      status: 'accepted',
      version,
      timeline: [{ at: '2026-11-22T06:05:00.000Z', actor: { id: name, name, role: 'dispatcher' }, action: 'accept', from: 'reported', to: 'accepted', ...(commandId ? { commandId } : {}) }]
    })

  it('claims on accept by default, and only after the accept is applied, on the version it made', async () => {
    const r = rig()
    expect(claimsOnAccept({})).toBe(true)
    const result = await issueThroughIntake(r.outbox, {}, accept, r.chain)
    expect(result.ok).toBe(true)
    // Not queued ahead: only the accept waits, the claim waits for its answer.
    expect(r.outbox.entries.map((e) => e.command.type)).toEqual(['accept'])
    await r.chain.onOutbox(r.outbox.entries)
    expect(r.outbox.entries.map((e) => e.command.type)).toEqual(['accept'])
    const acceptId = result.ok ? result.value.command.commandId : ''
    await applied(r, acceptedBy(acceptId, 'Li', 4))
    expect(r.outbox.entries.map((e) => [e.command.type, e.command.expectedVersion])).toEqual([['claim', 4]])
    expect(r.chain.size).toBe(0)
  })

  it('the race: the accept loses to another seat (held) and no claim lands on the other seat\'s case', async () => {
    const r = rig()
    await issueThroughIntake(r.outbox, {}, accept, r.chain)
    // The other seat accepted first: the case is at version 4, the version our claim would have expected.
    r.cases.set('inc-1', acceptedBy(undefined, '王芳', 4))
    r.outbox.entries = r.outbox.entries.map((e) => ({ ...e, state: 'conflict' as const }))
    await r.chain.onOutbox(r.outbox.entries)
    expect(r.outbox.entries.map((e) => e.command.type)).toEqual(['accept'])
    expect(r.chain.size).toBe(0)
    // Discarded by the person afterwards: still no claim.
    await applied(r, acceptedBy(undefined, '王芳', 4))
    expect(r.outbox.entries).toEqual([])
  })

  it('drops the claim when the accept is gone but the case does not show it (discarded while queued)', async () => {
    const r = rig()
    await issueThroughIntake(r.outbox, {}, accept, r.chain)
    await applied(r, acceptedBy('someone-else', '王芳', 4))
    expect(r.outbox.entries).toEqual([])
  })

  it('after an outage: 立案 then 派遣 queued offline, the claim waits for both and lands on the version the 派遣 made', async () => {
    const r = rig()
    const a = await issueThroughIntake(r.outbox, {}, accept, r.chain)
    const d = await issueThroughIntake(r.outbox, {}, { type: 'dispatch', incidentId: 'inc-1', expectedVersion: 4, payload: { unitIds: ['u-1'] } }, r.chain)
    const acceptId = a.ok ? a.value.command.commandId : ''
    const dispatchId = d.ok ? d.value.command.commandId : ''
    const accepted = acceptedBy(acceptId, 'Li', 4)
    // The link is back: the accept is applied, the dispatch still in flight. No claim yet (it would be
    // queued on version 4, which the dispatch is about to move, and come back held).
    await applied(r, accepted)
    expect(r.outbox.entries.map((e) => e.command.type)).toEqual(['dispatch'])
    expect(r.chain.size).toBe(1)
    // The dispatch applied too: the seat's own act after the accept does not take the case from it.
    r.outbox.entries = []
    r.cases.set('inc-1', { ...accepted, status: 'dispatched', version: 5, timeline: [...accepted.timeline, { at: '2026-11-22T06:06:00.000Z', actor: { id: 'Li', name: 'Li', role: 'dispatcher' }, action: 'dispatch', from: 'accepted', to: 'dispatched', commandId: dispatchId }] })
    await r.chain.onOutbox(r.outbox.entries)
    expect(r.outbox.entries.map((e) => [e.command.type, e.command.expectedVersion])).toEqual([['claim', 5]])
    expect(r.chain.size).toBe(0)
  })

  it('after an outage: another seat acted after the accept, so no claim', async () => {
    const r = rig()
    const a = await issueThroughIntake(r.outbox, {}, accept, r.chain)
    const accepted = acceptedBy(a.ok ? a.value.command.commandId : '', 'Li', 4)
    r.outbox.entries = []
    r.cases.set('inc-1', { ...accepted, status: 'dispatched', version: 5, timeline: [...accepted.timeline, { at: '2026-11-22T06:06:00.000Z', actor: { id: 'w', name: '王芳', role: 'dispatcher' }, action: 'dispatch', from: 'accepted', to: 'dispatched', commandId: randomUUID() }] })
    await r.chain.onOutbox(r.outbox.entries)
    expect(r.outbox.entries).toEqual([])
    expect(r.chain.size).toBe(0)
  })

  it('does not claim when the setting is off', async () => {
    const r = rig()
    const result = await issueThroughIntake(r.outbox, { claimOnAccept: false }, accept, r.chain)
    expect(r.chain.size).toBe(0)
    await applied(r, acceptedBy(result.ok ? result.value.command.commandId : '', 'Li', 4))
    expect(r.outbox.entries).toEqual([])
  })

  it('refuses an identical command still pending on the same case, with a message, and queues nothing', async () => {
    const outbox = new FakeOutbox()
    await issueThroughIntake(outbox, { claimOnAccept: false }, accept)
    const again = await issueThroughIntake(outbox, { claimOnAccept: false }, { ...accept, expectedVersion: 4 })
    expect(again.ok).toBe(false)
    if (!again.ok) {
      expect(again.error.code).toBe('duplicate')
      expect(again.error.message).toContain('still waiting to be sent')
    }
    expect(outbox.entries).toHaveLength(1)
  })

  it('lets the same act through once the first is held (refused by the hub), and other acts at once', async () => {
    const outbox = new FakeOutbox()
    await issueThroughIntake(outbox, { claimOnAccept: false }, accept)
    expect((await issueThroughIntake(outbox, {}, { type: 'urge', incidentId: 'inc-1', payload: { note: '快' } })).ok).toBe(true)
    outbox.entries = outbox.entries.map((e) => (e.command.type === 'accept' ? { ...e, state: 'conflict' as const } : e))
    expect((await issueThroughIntake(outbox, { claimOnAccept: false }, accept)).ok).toBe(true)
  })
})
