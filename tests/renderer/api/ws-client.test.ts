// The renderer's WebSocket client against the real web host (ws as the socket in Node):
// parsed results and events, viewer refusals as failed Results, contract violations caught,
// timeouts, and link loss with reconnect.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ConsoleApi } from '../../../src-shared/api'
import { startWebHost, type WebHost } from '../../../src-main/web/web-host'
import { ApiCallError } from '../../../src-renderer/api/api-error'
import { createApi } from '../../../src-renderer/api/create-api'
import { createWsTransport, type LinkState, type SocketLike, type WsTransport } from '../../../src-renderer/api/ws-transport'
import { createFakeApi, INCIDENT, STATUS, type FakeApi } from '../../main/web/fake-console-api'

const OP = 'operator-token-0123456789'
const VIEW = 'viewer-token-0123456789ab'

let dir: string
let fake: FakeApi
let host: WebHost
const transports: WsTransport[] = []

const socket = (url: string): SocketLike => new WebSocket(url) as unknown as SocketLike

function client(token: string, extra: { callTimeoutMs?: number; onLinkChange?: (s: LinkState) => void } = {}) {
  const contractErrors: string[] = []
  const transport = createWsTransport({
    url: `${host.url.replace('http', 'ws')}/api?token=${token}`,
    createSocket: socket,
    backoffMinMs: 20,
    backoffMaxMs: 100,
    ...extra
  })
  transports.push(transport)
  const api: ConsoleApi = createApi(transport, { onContractError: (what) => contractErrors.push(what) })
  return { api, transport, contractErrors }
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-wsclient-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>')
  fake = createFakeApi()
  host = await startWebHost({ api: fake, rendererDir: dir, operatorToken: OP, viewerToken: VIEW })
})

afterAll(async () => {
  for (const t of transports) t.close()
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

describe('renderer WebSocket client', () => {
  it('queues calls made before the socket opens and returns parsed results', async () => {
    const { api, transport } = client(OP)
    expect(transport.state).toBe('connecting')
    const [snap, inc, missing] = await Promise.all([api.getSnapshot(), api.getIncident('i-1'), api.getIncident('nope')])
    expect(transport.state).toBe('up')
    expect(snap.status).toEqual(STATUS)
    expect(inc).toEqual(INCIDENT)
    expect(missing).toBeNull()
    const upd = await api.updateSettings({ locale: 'en-US' })
    expect(upd).toEqual({ ok: true, value: expect.objectContaining({ locale: 'en-US' }) })
  })

  it('gives a viewer failed Results with read_only for commands, and reads still work', async () => {
    const { api } = client(VIEW)
    const cmd = await api.issueCommand({ type: 'accept', incidentId: 'i-1', payload: {} })
    expect(cmd).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(await api.resolveOutbox('0b7c7f1e-8a3d-4d0b-9c53-1f0f7b1f5e11', 'discard')).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect((await api.getSnapshot()).status.access).toBe('viewer')
  })

  it('rejects a read with ApiCallError when the host refuses its params', async () => {
    const { api } = client(OP)
    const bad = api.getIncident(42 as unknown as string)
    await expect(bad).rejects.toBeInstanceOf(ApiCallError)
    await expect(bad).rejects.toMatchObject({ code: 'invalid' })
  })

  it('carries findIncidents for an operator, refuses it to a viewer (read_only), and a query out of bounds with invalid', async () => {
    await expect(client(VIEW).api.findIncidents('dc-00', 10)).rejects.toMatchObject({ code: 'read_only' })
    await expect(client(VIEW).api.getIncident('i-1')).rejects.toMatchObject({ code: 'read_only' })
    const { api } = client(OP)
    expect((await api.findIncidents('dc-00', 10)).map((s) => s.id)).toEqual([INCIDENT.id])
    expect(await api.findIncidents('没有', 10)).toEqual([])
    await expect(api.findIncidents('x'.repeat(65), 10)).rejects.toMatchObject({ code: 'invalid' })
    await expect(api.findIncidents('dc', 51)).rejects.toMatchObject({ code: 'invalid' })
  })

  it('carries findIncidentMatches (issue 16) for an operator with what matched, refuses it to a viewer, and bad bounds', async () => {
    await expect(client(VIEW).api.findIncidentMatches('5678', 10)).rejects.toMatchObject({ code: 'read_only' })
    const { api } = client(OP)
    expect(await api.findIncidentMatches('dc-00', 10)).toEqual([{ incident: expect.objectContaining({ id: INCIDENT.id }), matched: 'code', reporter: null }])
    expect(await api.findIncidentMatches('没有', 10)).toEqual([])
    await expect(api.findIncidentMatches('   ', 10)).rejects.toMatchObject({ code: 'invalid' })
    await expect(api.findIncidentMatches('dc', 51)).rejects.toMatchObject({ code: 'invalid' })
  })

  it('parses events and drops payloads that break the contract', async () => {
    const { api, contractErrors } = client(VIEW)
    const statuses: unknown[] = []
    const notices: unknown[] = []
    api.on('status', (s) => statuses.push(s))
    api.on('notice', (n) => notices.push(n))
    await api.getSettings() // connected and subscribed on the host
    fake.emit('status', { ...STATUS, connection: 'upside-down' } as never)
    fake.emit('status', STATUS)
    fake.emit('notice', { id: 'n', level: 'alert', text: '', at: 'yesterday' } as never)
    fake.emit('notice', { id: 'n2', level: 'info', text: '交接班提醒', at: '2025-01-01T08:00:00Z' })
    await waitFor(() => statuses.length === 1 && notices.length === 1)
    expect(statuses[0]).toEqual({ ...STATUS, access: 'viewer', hubUrl: '', consoleId: 'wall' })
    expect(notices[0]).toMatchObject({ id: 'n2' })
    expect(contractErrors.filter((e) => e.includes('dropped'))).toHaveLength(2)
  })

  it('reports a result that breaks the contract instead of passing it on', async () => {
    const original = fake.getSettings
    fake.getSettings = async () => ({ locale: 'klingon' }) as never
    try {
      const { api, contractErrors } = client(OP)
      await expect(api.getSettings()).rejects.toMatchObject({ code: 'internal' })
      expect(contractErrors[0]).toContain('result of getSettings')
    } finally {
      fake.getSettings = original
    }
  })

  it('times out a call the host never answers', async () => {
    const original = fake.getReference
    fake.getReference = () => new Promise(() => undefined)
    try {
      const { api } = client(OP, { callTimeoutMs: 200 })
      await expect(api.getReference()).rejects.toThrow(/no answer within 0.2 s/)
      expect(await api.getIncident('i-1')).toEqual(INCIDENT)
    } finally {
      fake.getReference = original
    }
  })

  it('fails calls at once while the link is down, reconnects, and events flow again', async () => {
    const port = Number(new URL(host.url).port)
    const states: LinkState[] = []
    const { api, transport } = client(OP, { onLinkChange: (s) => states.push(s) })
    const notices: unknown[] = []
    api.on('notice', (n) => notices.push(n))
    await api.getSettings()
    await host.close()
    await waitFor(() => transport.state === 'down')
    await expect(api.getSettings()).rejects.toMatchObject({ code: 'not_ready' })
    const cmd = await api.issueCommand({ type: 'accept', incidentId: 'i-1', payload: {} })
    expect(cmd).toMatchObject({ ok: false, error: { code: 'not_ready' } })
    host = await startWebHost({ api: fake, port, rendererDir: dir, operatorToken: OP, viewerToken: VIEW })
    await waitFor(() => transport.state === 'up')
    expect(states).toEqual(['up', 'down', 'up'])
    await waitFor(() => fake.listenerCount() > 0)
    fake.emit('notice', { id: 'n3', level: 'warning', text: '重连后', at: '2025-01-01T08:00:00Z' })
    await waitFor(() => notices.length === 1)
  })

  it('never connects with a wrong token, and says so', async () => {
    const { api, transport } = client('wrong-token-0123456789xyz')
    await expect(api.getSettings()).rejects.toMatchObject({ code: 'not_ready' })
    expect(transport.state).toBe('down')
  })
})
