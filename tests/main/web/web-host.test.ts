// The web host over real sockets: static files with security headers, traversal refused,
// token and origin checks, viewer read-only, bad frames answered, events delivered.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { MAX_CALL_FRAME_BYTES } from '../../../src-shared/api'
import { startWebHost, type WebHost } from '../../../src-main/web/web-host'
import { createFakeApi, STATUS, type FakeApi } from './fake-console-api'

const OP = 'operator-token-0123456789'
const VIEW = 'viewer-token-0123456789ab'

let dir: string
let host: WebHost
let api: FakeApi
let port: number
const logs: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-web-'))
  const renderer = path.join(dir, 'renderer')
  await mkdir(path.join(renderer, 'assets'), { recursive: true })
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>网格指挥台</title>')
  await writeFile(path.join(renderer, 'assets', 'app-1a2b.js'), 'console.log(1)')
  await writeFile(path.join(renderer, 'assets', 'style.css'), 'body{}')
  await writeFile(path.join(renderer, '.env'), 'hidden')
  await writeFile(path.join(dir, 'secret.txt'), 'top secret')
  api = createFakeApi()
  host = await startWebHost({
    api,
    port: 0,
    rendererDir: renderer,
    operatorToken: OP,
    viewerToken: VIEW,
    log: (_l, m) => logs.push(m)
  })
  port = Number(new URL(host.url).port)
})

afterAll(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

type Res = { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** A raw request: the path goes out exactly as written (no client-side normalising). */
function get(p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: p, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function open(token: string | null, headers: Record<string, string> = {}): Promise<WebSocket> {
  const q = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api${q}`, { headers })
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

type Frame = { kind: string; id?: number; ok?: boolean; value?: unknown; error?: { code: string }; event?: string; payload?: unknown }

/** Collects frames; `next` waits for the first frame matching a predicate. */
function frames(ws: WebSocket) {
  const seen: Frame[] = []
  const waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Frame
    seen.push(f)
    for (const w of [...waiters]) {
      if (w.pred(f)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(f)
      }
    }
  })
  return {
    seen,
    next(pred: (f: Frame) => boolean): Promise<Frame> {
      const hit = seen.find(pred)
      if (hit) return Promise.resolve(hit)
      return new Promise((resolve) => waiters.push({ pred, resolve }))
    }
  }
}

function call(ws: WebSocket, f: ReturnType<typeof frames>, id: number, method: string, params: unknown[]) {
  ws.send(JSON.stringify({ kind: 'call', id, method, params }))
  return f.next((x) => x.kind === 'reply' && x.id === id)
}

describe('static files', () => {
  it('serves index.html and /wall with CSP, nosniff and no caching', async () => {
    for (const p of ['/', '/index.html', '/wall', '/?token=abc']) {
      const res = await get(p)
      expect(res.status).toBe(200)
      expect(res.body).toContain('网格指挥台')
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      expect(res.headers['content-security-policy']).toContain(`ws://127.0.0.1:${port}`)
      expect(res.headers['content-security-policy']).not.toContain("'unsafe-eval'")
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['cache-control']).toBe('no-store')
    }
  })

  it('serves assets with their MIME type', async () => {
    const js = await get('/assets/app-1a2b.js')
    expect(js.status).toBe(200)
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['cache-control']).toContain('immutable')
    expect((await get('/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    const head = await get('/assets/app-1a2b.js', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })

  it('refuses traversal, hidden files, unknown paths and other methods', async () => {
    for (const p of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/.env',
      '/assets',
      '/nope',
      '/wall/x',
      '//etc/passwd',
      '/assets/app-1a2b.js%00.html'
    ]) {
      const res = await get(p)
      expect(res.status, p).toBe(404)
      expect(res.body).not.toContain('secret')
    }
    expect((await get('/', {}, 'POST')).status).toBe(405)
  })

  it('refuses a non-loopback Host (DNS rebinding) on a loopback host', async () => {
    expect((await get('/', { Host: `evil.example:${port}` })).status).toBe(421)
    expect((await get('/', { Host: `localhost:${port}` })).status).toBe(200)
  })
})

describe('API socket', () => {
  it('refuses a connection without a token, with a bad token, or from another origin', async () => {
    await expect(open(null)).rejects.toThrow('HTTP 401')
    await expect(open('wrong-token-0123456789xyz')).rejects.toThrow('HTTP 401')
    await expect(open(OP, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403')
    const same = await open(OP, { Origin: `http://127.0.0.1:${port}` })
    same.close()
  })

  it('lets an operator read and write', async () => {
    const ws = await open(OP)
    const f = frames(ws)
    const snap = await call(ws, f, 1, 'getSnapshot', [])
    expect(snap.ok).toBe(true)
    expect((snap.value as { status: { access: string } }).status.access).toBe('operator')
    const upd = await call(ws, f, 2, 'updateSettings', [{ flyToUrgent: false }])
    expect(upd).toMatchObject({ ok: true, value: { ok: true, value: { flyToUrgent: false } } })
    ws.close()
  })

  it('gives a viewer read_only for issueCommand, resolveOutbox, updateSettings, getIncident and findIncidents; the wall reads work', async () => {
    const ws = await open(VIEW)
    const f = frames(ws)
    const before = api.calls.length
    const cmd = await call(ws, f, 1, 'issueCommand', [{ type: 'accept', incidentId: 'i-1', payload: {} }])
    const res = await call(ws, f, 2, 'resolveOutbox', ['0b7c7f1e-8a3d-4d0b-9c53-1f0f7b1f5e11', 'retry'])
    const set = await call(ws, f, 3, 'updateSettings', [{ flyToUrgent: true }])
    for (const r of [cmd, res, set]) expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(api.calls.length).toBe(before)
    // The full record (reporter name and phone, timeline) and the cache search are not the wall's.
    const inc = await call(ws, f, 4, 'getIncident', ['i-1'])
    const found = await call(ws, f, 6, 'findIncidents', ['0042', 5])
    for (const r of [inc, found]) expect(r).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(api.calls.length).toBe(before)
    const snap = await call(ws, f, 5, 'getSnapshot', [])
    const value = snap.value as { status: { access: string; hubUrl: string }; outbox: unknown[] }
    expect(value.status.access).toBe('viewer')
    expect(value.status.hubUrl).toBe('')
    expect(value.outbox).toEqual([])
    ws.close()
  })

  it('answers malformed frames with an error and keeps serving', async () => {
    const ws = await open(OP)
    const f = frames(ws)
    ws.send('not json')
    expect(await f.next((x) => x.kind === 'reply' && x.id === -1)).toMatchObject({ ok: false, error: { code: 'invalid' } })
    ws.send(JSON.stringify({ kind: 'call', id: 7, method: 'dropDatabase', params: [] }))
    expect(await f.next((x) => x.id === 7)).toMatchObject({ ok: false, error: { code: 'invalid' } })
    ws.send(JSON.stringify({ kind: 'call', id: 8, method: 'getIncident', params: [123] }))
    expect(await f.next((x) => x.id === 8)).toMatchObject({ ok: false, error: { code: 'invalid' } })
    ws.send(Buffer.from([1, 2, 3]), { binary: true })
    await f.next((x) => x.id === -1 && f.seen.filter((s) => s.id === -1).length === 2)
    api.failNext('getSettings')
    expect(await call(ws, f, 9, 'getSettings', [])).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(await call(ws, f, 10, 'getSettings', [])).toMatchObject({ ok: true })
    ws.close()
  })

  it('closes a socket that sends an oversize frame, and another client is unaffected', async () => {
    const other = await open(OP)
    const of = frames(other)
    const big = await open(OP)
    const closed = new Promise<number>((resolve) => big.on('close', (code) => resolve(code)))
    big.send(JSON.stringify({ kind: 'call', id: 1, method: 'getIncident', params: ['x'.repeat(MAX_CALL_FRAME_BYTES)] }))
    expect(await closed).toBe(1009)
    expect(await call(other, of, 1, 'getSettings', [])).toMatchObject({ ok: true })
    other.close()
  })

  it('forwards events to subscribers, status with the viewer access, and unsubscribes on close', async () => {
    // Sockets of earlier tests unsubscribe once their close handshake completes.
    await waitFor(() => api.listenerCount() === 0)
    const op = await open(OP)
    const view = await open(VIEW)
    const fo = frames(op)
    const fv = frames(view)
    await call(op, fo, 1, 'getSettings', []) // the socket is attached once a call is answered
    await call(view, fv, 1, 'getSettings', [])
    // One listener per ConsoleApi event (7 since issue 12 added `setup`) for each of the two sockets.
    expect(api.listenerCount()).toBe(14)
    api.emit('status', STATUS)
    api.emit('notice', { id: 'n1', level: 'alert', text: '暴雨预警', at: '2025-01-01T00:00:00Z' })
    expect(await fo.next((x) => x.event === 'status')).toMatchObject({ payload: { access: 'operator' } })
    expect(await fv.next((x) => x.event === 'status')).toMatchObject({ payload: { access: 'viewer' } })
    expect(await fv.next((x) => x.event === 'notice')).toMatchObject({ payload: { text: '暴雨预警' } })
    const closed = Promise.all([op, view].map((w) => new Promise((r) => w.on('close', r))))
    op.close()
    view.close()
    await closed
    await waitFor(() => api.listenerCount() === 0)
  })
})

describe('startWebHost options', () => {
  it('refuses short or equal tokens', async () => {
    await expect(startWebHost({ api, operatorToken: 'short', viewerToken: VIEW })).rejects.toThrow(/at least/)
    await expect(startWebHost({ api, operatorToken: OP, viewerToken: OP })).rejects.toThrow(/differ/)
  })

  it('answers 503 with the build command when the renderer is not built', async () => {
    const empty = await startWebHost({ api, rendererDir: path.join(dir, 'missing'), operatorToken: OP, viewerToken: VIEW })
    const res = await new Promise<number>((resolve) => {
      request(`${empty.url}/`, (r) => {
        r.resume()
        resolve(r.statusCode ?? 0)
      }).end()
    })
    expect(res).toBe(503)
    expect(empty.wallUrl).toBe(`${empty.url}/wall?token=${VIEW}`)
    await empty.close()
  })
})
