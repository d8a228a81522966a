// The command intake (issue 16): an identical command still pending on the case is refused before the
// outbox with a clear message; an accept also claims the case when the setting asks (default on).
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type CommandRequest, type OutboxEntry, type Result, ok } from '../../../src-shared/api'
import { Command } from '../../../src-shared/protocol'
import { claimsOnAccept, issueThroughIntake } from '../../../src-main/core/command-intake'

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
  it('queues an accept and a claim on the version the accept makes when claim on accept is on', async () => {
    const outbox = new FakeOutbox()
    const result = await issueThroughIntake(outbox, { claimOnAccept: true }, accept)
    expect(result.ok).toBe(true)
    expect(outbox.entries.map((e) => [e.command.type, e.command.expectedVersion])).toEqual([
      ['accept', 3],
      ['claim', 4]
    ])
  })

  it('does not claim when the setting is off, or not set (off by default)', async () => {
    const outbox = new FakeOutbox()
    await issueThroughIntake(outbox, { claimOnAccept: false }, accept)
    expect(outbox.entries.map((e) => e.command.type)).toEqual(['accept'])
    expect(claimsOnAccept({})).toBe(false)
    const unset = new FakeOutbox()
    await issueThroughIntake(unset, {}, accept)
    expect(unset.entries.map((e) => e.command.type)).toEqual(['accept'])
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
