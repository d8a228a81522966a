// Attack: a wall (viewer) token holder reads what the wall never draws. Real hub, real console core,
// real web host, a raw WebSocket client with the viewer token: every method not open to viewers is
// refused with read_only (getIncident with the reporter's phone, findIncidents over the whole cache
// included); the snapshot carries no outbox, hub URL or presence ids; the hub itself sends a viewer
// presence counts only.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { consoleApiMethods } from '../../src-shared/api'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from '../hub/support/client'
import { waitFor } from '../faults/support'

const OP = 'operator-token-0123456789'
const VIEW = 'viewer-token-0123456789ab'
let dir: string
let hub: TestHub
let core: ConsoleCore
let web: WebHost
const consoles: TestConsole[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-sec-viewer-'))
  hub = await startTestHub()
  await reportIncidents(hub.hub, 3)
  core = await openConsole({ dataDir: dir, hubUrl: hub.url, token: hub.tokens.dispatcher })
  await waitFor(() => core.debug.status().lastSeq >= 3, 10_000, 'console synced')
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>')
  web = await startWebHost({ api: core.api, port: 0, rendererDir: dir, operatorToken: OP, viewerToken: VIEW })
}, 30_000)
afterAll(async () => {
  for (const c of consoles) c.close()
  await web.close()
  await core.close()
  await hub.stop()
  await rm(dir, { recursive: true, force: true })
})

type Reply = { kind: string; id: number; ok: boolean; value?: unknown; error?: { code: string } }

async function caller(token: string): Promise<{ call(method: string, params: unknown[]): Promise<Reply>; close(): void }> {
  const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api?token=${token}`)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let next = 1
  const waiting = new Map<number, (r: Reply) => void>()
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Reply
    if (f.kind === 'reply') waiting.get(f.id)?.(f)
  })
  return {
    call(method, params) {
      const id = next++
      ws.send(JSON.stringify({ kind: 'call', id, method, params }))
      return new Promise((resolve) => waiting.set(id, resolve))
    },
    close: () => ws.close()
  }
}

/** Well-formed parameters for each method, so a refusal is about access, not shape. */
const PARAMS: Record<string, unknown[]> = {
  getSnapshot: [],
  getReference: [],
  getIncident: ['inc-x'],
  findIncidents: ['测试', 10],
  getSettings: [],
  issueCommand: [{ type: 'note', incidentId: 'inc-x', payload: { text: 'x' } }],
  resolveOutbox: ['0b7c7f1e-8a3d-4d0b-9c53-1f0f7b1f5e11', 'discard'],
  updateSettings: [{ flyToUrgent: true }]
}

describe('a viewer token against the console', () => {
  it('is refused every method the wall does not draw, and its snapshot carries no outbox, hub URL or presence ids', async () => {
    const viewer = await caller(VIEW)
    const operator = await caller(OP)
    const someCase = (await operator.call('findIncidents', ['测试', 1])).value as { id: string }[]
    expect(someCase.length).toBe(1)
    const closedToViewers = Object.entries(consoleApiMethods).filter(([, spec]) => !spec.viewer).map(([name]) => name)
    expect(closedToViewers).toEqual(expect.arrayContaining(['getIncident', 'findIncidents', 'issueCommand']))
    for (const method of closedToViewers) {
      const params = method === 'getIncident' ? [someCase[0]?.id] : (PARAMS[method] ?? [])
      expect((await viewer.call(method, params)).error?.code, method).toBe('read_only')
    }
    // The operator gets the full record through the same host.
    expect((await operator.call('getIncident', [someCase[0]?.id])).ok).toBe(true)

    const hubConsole = await connectConsole(hub.url, hub.tokens.lead)
    consoles.push(hubConsole)
    const snap = (await viewer.call('getSnapshot', [])).value as {
      status: { hubUrl: string; consoleId: string; access: string }
      outbox: unknown[]
      presence: { consoles: unknown[]; count?: number }
    }
    expect(snap.status).toMatchObject({ access: 'viewer', hubUrl: '' })
    expect(JSON.stringify(snap)).not.toContain(hub.url)
    expect(JSON.stringify(snap)).not.toContain(core.debug.status().consoleId)
    expect(snap.outbox).toEqual([])
    expect(snap.presence.consoles).toEqual([])
    viewer.close()
    operator.close()
  })
})

describe('a viewer token against the hub', () => {
  it('gets presence as a count, never consoles or their ids', async () => {
    const wall = await connectConsole(hub.url, hub.tokens.viewer)
    const lead = await connectConsole(hub.url, hub.tokens.lead, { consoleId: 'c-lead-secret-id' })
    consoles.push(wall, lead)
    await waitFor(() => lead.presences.some((p) => JSON.stringify(p).includes(lead.welcome.sessionId ?? 'missing')), 5000, 'lead sees presence')
    await waitFor(() => wall.presences.length > 0, 5000, 'wall gets presence')
    for (const p of wall.presences) {
      expect(p).toMatchObject({ consoles: [] })
      expect(JSON.stringify(p)).not.toContain('c-lead-secret-id')
    }
    expect((wall.presences.at(-1) as { count: number }).count).toBeGreaterThanOrEqual(2)
  })
})
