import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import type { Incident } from '../../src-shared/protocol'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor } from './console-harness'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let proxy: FaultProxy
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-int-')
  hub = await startTestHub({ seedIncidents: 6 })
  proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
})
afterEach(async () => {
  await core?.close()
  core = null
  await proxy.close()
  await hub.stop()
  tmp.remove()
})

async function online(): Promise<ConsoleCore> {
  const started = await startConsole(tmp.dir, proxy.url, hub.tokens.dispatcher)
  core = started.core
  const c = started.core
  // These tests count the outbox's own commands: the claim an accept adds (issue 16) is tested in command-intake.
  const off = await c.api.updateSettings({ claimOnAccept: false })
  if (!off.ok) throw new Error('could not turn claim on accept off')
  await waitFor(() => c.debug.status().lastSeq === hub.hub.store.headSeq() && c.debug.status().connection === 'online')
  return c
}

async function hubIncident(id: string): Promise<Incident> {
  const inc = await hub.hub.store.getIncident(id)
  if (!inc) throw new Error(`no incident ${id} on the hub`)
  return inc
}

function entriesFor(inc: Incident, commandIds: string[]): string[] {
  return inc.timeline.filter((t) => t.commandId !== undefined && commandIds.includes(t.commandId)).map((t) => t.commandId ?? '')
}

describe('console ⇄ reference hub: commands', () => {
  it('a command is applied on the hub and in the cache; the same commandId sent again is applied once', async () => {
    const c = await online()
    const [a] = (await c.api.getSnapshot()).incidents
    if (!a) throw new Error('no incident')
    const r = await c.api.issueCommand({ type: 'accept', incidentId: a.id, expectedVersion: a.version, payload: {} })
    if (!r.ok) throw new Error(r.error.message)
    const command = r.value.command
    await waitFor(() => c.debug.outbox.list().length === 0, 10_000, 'outbox empty')
    const after = await hubIncident(a.id)
    expect(after.status).toBe('accepted')
    expect((await c.api.getIncident(a.id))?.version).toBe(after.version)
    const head = hub.hub.store.headSeq()

    // The ack was "lost": the same command goes out again, from the outbox and straight on the wire.
    await c.store.addOutbox(command, r.value.queuedAt)
    c.debug.outbox.kick()
    await waitFor(() => c.debug.outbox.list().length === 0, 10_000, 'outbox empty again')
    const raw = await c.debug.sync.request('command', command)
    expect(raw.kind).toBe('answer')
    if (raw.kind === 'answer') expect(raw.value).toMatchObject({ ok: true, entity: { id: a.id, version: after.version } })
    const again = await hubIncident(a.id)
    expect(again.version).toBe(after.version)
    expect(entriesFor(again, [command.commandId])).toHaveLength(1)
    expect(hub.hub.store.headSeq()).toBe(head)
  })

  it('commands issued while the hub is unreachable are applied exactly once, in order, after it returns', async () => {
    const c = await online()
    const [a, b] = (await c.api.getSnapshot()).incidents
    if (!a || !b) throw new Error('need two incidents')
    proxy.setMode({ kind: 'down' })
    await waitFor(() => c.debug.status().connection === 'offline', 10_000, 'offline')

    const requests = [
      { type: 'accept' as const, incidentId: a.id, expectedVersion: a.version, payload: {} },
      { type: 'note' as const, incidentId: a.id, expectedVersion: a.version, payload: { text: '第一条备注' } },
      { type: 'accept' as const, incidentId: b.id, expectedVersion: b.version, payload: {} },
      { type: 'note' as const, incidentId: a.id, payload: { text: '第二条备注' } }
    ]
    const ids: string[] = []
    for (const req of requests) {
      const r = await c.api.issueCommand(req)
      if (!r.ok) throw new Error(r.error.message)
      ids.push(r.value.command.commandId)
    }
    const snap = await c.api.getSnapshot()
    expect(snap.status.outboxCount).toBe(4)
    expect(snap.outbox.map((e) => e.state)).toEqual(['queued', 'queued', 'queued', 'queued'])
    await new Promise((r) => setTimeout(r, 300))
    expect((await hubIncident(a.id)).status).toBe('reported')

    proxy.setMode({ kind: 'pass' })
    await waitFor(() => c.debug.outbox.list().length === 0, 20_000, 'outbox drained')
    const hubA = await hubIncident(a.id)
    const hubB = await hubIncident(b.id)
    expect(hubA.status).toBe('accepted')
    expect(hubB.status).toBe('accepted')
    // Exactly once each, in the order issued.
    expect(entriesFor(hubA, ids)).toEqual([ids[0], ids[1], ids[3]])
    expect(entriesFor(hubB, ids)).toEqual([ids[2]])
    await waitFor(() => c.debug.status().lastSeq === hub.hub.store.headSeq(), 10_000, 'caught up')
    expect((await c.api.getIncident(a.id))?.version).toBe(hubA.version)
  })

  it('a conflict is held with the current case until the person retries it', async () => {
    const c = await online()
    const [a] = (await c.api.getSnapshot()).incidents
    if (!a) throw new Error('no incident')
    const r = await c.api.issueCommand({ type: 'note', incidentId: a.id, expectedVersion: a.version + 5, payload: { text: '过期' } })
    if (!r.ok) throw new Error(r.error.message)
    await waitFor(() => c.debug.outbox.list()[0]?.state === 'conflict', 10_000, 'conflict')
    const held = c.debug.outbox.list()[0]
    expect(held?.current?.version).toBe(a.version)
    expect(c.debug.status().outboxCount).toBe(1)
    expect(await c.api.resolveOutbox(r.value.command.commandId, 'retry')).toEqual({ ok: true, value: null })
    await waitFor(() => c.debug.outbox.list().length === 0, 10_000, 'retried')
    const notes = (await hubIncident(a.id)).timeline.filter((t) => t.note === '过期')
    expect(notes).toHaveLength(1)
    expect(notes[0]?.commandId).not.toBe(r.value.command.commandId)
  })
})

describe('console starts with the hub down', () => {
  it('opens from the cache at once, queues commands, and sends them once the hub is up', async () => {
    const hubDir = makeTempDir('gcc-hubdb-')
    const dbPath = `${hubDir.dir}/hub.sqlite`
    let h: TestHub | null = await startTestHub({ dbPath, seedIncidents: 3 })
    const port = h.hub.port
    try {
      const first = await startConsole(tmp.dir, h.url, h.tokens.dispatcher)
      const hh = h
      await waitFor(() => first.core.debug.status().lastSeq === hh.hub.store.headSeq(), 15_000, 'first sync')
      await first.core.close()
      await h.stop()
      h = null

      const t0 = Date.now()
      const second = await startConsole(tmp.dir, `http://127.0.0.1:${port}`, hub.tokens.dispatcher)
      core = second.core
      expect(Date.now() - t0).toBeLessThan(2000)
      const snap = await second.core.api.getSnapshot()
      expect(['connecting', 'offline']).toContain(snap.status.connection)
      // Who was signed in last time is still shown while the hub is away.
      expect(snap.status.user?.role).toBe('dispatcher')
      expect(snap.incidents).toHaveLength(3)
      const target = snap.incidents[0]
      if (!target) throw new Error('no incident')
      expect((await second.core.api.getIncident(target.id))?.id).toBe(target.id)
      expect(await second.core.api.updateSettings({ locale: 'en-US' })).toMatchObject({ ok: true, value: { locale: 'en-US' } })
      const r = await second.core.api.issueCommand({ type: 'accept', incidentId: target.id, expectedVersion: target.version, payload: {} })
      expect(r.ok).toBe(true)
      await waitFor(() => second.core.debug.status().connection === 'offline', 5000, 'offline')

      h = await startTestHub({ dbPath, hub: { port } })
      const up = h
      await waitFor(() => second.core.debug.outbox.list().length === 0, 20_000, 'sent after the hub came up')
      const inc = await up.hub.store.getIncident(target.id)
      expect(inc?.status).toBe('accepted')
      expect(inc?.timeline.filter((t) => t.action === 'accept')).toHaveLength(1)
      await waitFor(() => second.core.debug.status().lastSeq === up.hub.store.headSeq(), 10_000, 'caught up')
    } finally {
      await core?.close()
      core = null
      await h?.stop()
      hubDir.remove()
    }
  })
})
