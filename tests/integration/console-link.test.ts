import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import type { ConsoleCore } from '../../src-main/core'
import type { ConsoleStatus, Delta } from '../../src-shared/api'
import { startFaultProxy } from '../helpers/fault-proxy'
import { startTestHub } from '../helpers/start-hub'
import { incidentChange } from '../main/core/changes'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor } from './console-harness'

let tmp: ReturnType<typeof makeTempDir>
let core: ConsoleCore | null = null
const cleanups: (() => Promise<void>)[] = []

beforeEach(() => {
  tmp = makeTempDir('gcc-int-')
})
afterEach(async () => {
  await core?.close()
  core = null
  for (const c of cleanups.splice(0).reverse()) await c()
  tmp.remove()
})

describe('console link to the hub', () => {
  it('reports degraded on slow round trips, online again when they recover, offline when cut', async () => {
    const hub = await startTestHub({ seedIncidents: 2 })
    cleanups.push(() => hub.stop())
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
    cleanups.push(() => proxy.close())
    const started = await startConsole(tmp.dir, proxy.url, hub.tokens.viewer)
    core = started.core
    const c = started.core
    const statuses: ConsoleStatus[] = []
    c.api.on('status', (s) => statuses.push(s))
    await waitFor(() => c.debug.status().connection === 'online' && c.debug.status().rttMs !== null, 10_000, 'online')
    const s = c.debug.status()
    expect(Math.abs(s.clockSkewMs)).toBeLessThan(1000)
    expect(s.lastContactAt).not.toBeNull()
    expect(s.access).toBe('operator')

    proxy.setMode({ kind: 'delay', ms: 1700 })
    await waitFor(() => statuses.at(-1)?.connection === 'degraded', 15_000, 'degraded')
    proxy.setMode({ kind: 'pass' })
    // Status events are coalesced per frame: wait for the event, not just the state.
    await waitFor(() => statuses.at(-1)?.connection === 'online', 20_000, 'online again')
    proxy.setMode({ kind: 'down' })
    await waitFor(() => c.debug.status().connection === 'offline', 15_000, 'offline')
    await waitFor(() => statuses.some((x) => x.connection === 'offline'), 2000, 'status event')
    // ('connecting' comes first unless the welcome beat the first status frame.)
    const seen = statuses.map((x) => x.connection).filter((x, i, all) => x !== 'connecting' && x !== all[i - 1])
    expect(seen).toEqual(['online', 'degraded', 'online', 'offline'])
  })

  it('stays usable offline when the hub refuses the token', async () => {
    const hub = await startTestHub()
    cleanups.push(() => hub.stop())
    const started = await startConsole(tmp.dir, hub.url, 'not-a-token')
    core = started.core
    await waitFor(() => started.logs.some((l) => l.msg === 'hub refused the connection'), 10_000, 'refusal')
    expect(started.core.debug.status().connection).toBe('offline')
    const r = await started.core.api.issueCommand({ type: 'note', incidentId: 'x', payload: { text: '离线' } })
    expect(r.ok).toBe(true)
    expect((await started.core.api.getSnapshot()).status.outboxCount).toBe(1)
  })

  it('drops the cache but keeps the outbox when the hub answers reset, then syncs from 0; measures clock skew', async () => {
    // A scripted hub: first life at head 2; second life purged history (reset below seq 50).
    let life = 1
    const syncs: number[] = []
    const httpServer = http.createServer()
    const io = new Server(httpServer)
    io.of('/v1').on('connection', (socket) => {
      socket.emit('welcome', {
        protocol: 1,
        hubId: 'scripted',
        // The hub's clock runs an hour ahead of the console's.
        serverTime: new Date(Date.now() + 3_600_000).toISOString(),
        user: { id: 'u1', name: '值班长', role: 'lead' },
        scope: { streets: ['110101006'] },
        headSeq: life === 1 ? 2 : 60,
        minSeq: life === 1 ? 0 : 50,
        referenceVersion: null
      })
      socket.on('sync', (req: { sinceSeq: number; limit: number }, ack: (a: unknown) => void) => {
        if (req.limit > 1) syncs.push(req.sinceSeq)
        if (life === 1) return ack({ ok: true, changes: [incidentChange('old1', 1, 1), incidentChange('old2', 1, 2)], headSeq: 2, more: false })
        if (req.sinceSeq > 0 && req.sinceSeq < 49) return ack({ ok: true, changes: [], headSeq: 60, more: false, reset: true })
        return ack({ ok: true, changes: req.sinceSeq === 0 ? [incidentChange('new1', 4, 60)] : [], headSeq: 60, more: false })
      })
      socket.on('reference', (_r: unknown, ack: (a: unknown) => void) => ack({ ok: false, error: { code: 'not_found', message: 'none' } }))
      socket.on('command', (_r: unknown, ack: (a: unknown) => void) => ack({ ok: false, error: { code: 'internal', message: 'later' } }))
    })
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`

    const first = await startConsole(tmp.dir, url, 't')
    await waitFor(() => first.core.debug.status().lastSeq === 2, 10_000, 'first life')
    await first.core.close()
    life = 2
    const second = await startConsole(tmp.dir, url, 't')
    core = second.core
    const c = second.core
    await c.store.addOutbox(
      { commandId: '5b7e0a51-2a52-4c07-9d43-6a4c3b0e7d11', type: 'note', incidentId: 'old1', payload: { text: '保留' }, issuedAt: new Date().toISOString() },
      new Date().toISOString()
    )
    const deltas: Delta[] = []
    c.api.on('delta', (d) => deltas.push(d))
    await waitFor(() => c.debug.status().lastSeq === 60, 10_000, 'after reset')
    expect((await c.api.getSnapshot()).incidents.map((i) => i.id)).toEqual(['new1'])
    expect((await c.store.listOutbox()).map((e) => e.command.commandId)).toEqual(['5b7e0a51-2a52-4c07-9d43-6a4c3b0e7d11'])
    expect(syncs).toEqual([0, 2, 0])
    expect(Math.abs(c.debug.status().clockSkewMs - 3_600_000)).toBeLessThan(2000)
    await waitFor(() => deltas.some((d) => d.removedIncidentIds.includes('old1')), 2000, 'removal delta')
  })
})
