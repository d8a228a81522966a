// Attack: a wall link (viewer token) leaks — a photo of the wall screen's address bar, a forwarded
// bookmark. The seat's operator rotates it from the console: browser mode for real (app session on a
// data folder, a real hub, the web host), raw WebSocket clients. The wall on the old token is closed at
// once, the old token is refused from then on (this run and the next start), the new link works, and
// a wall may not rotate it itself.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startBrowserApp, type BrowserApp } from '../../src-main/web/browser-app'
import { CLOSE_TOKEN_ROTATED } from '../../src-main/web/web-host'
import { VIEWER_TOKEN_FILE } from '../../src-main/web/viewer-token'
import { startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

let dir: string
let hub: TestHub
let app: BrowserApp | null = null

function start(viewerToken?: string): Promise<BrowserApp> {
  return startBrowserApp({
    dataDir: dir,
    overrides: { hub: { url: hub.url, token: TEST_TOKENS.dispatcher }, demo: false, sources: [] },
    rendererDir: dir,
    viewerToken: viewerToken ?? null,
    startDemo: () => Promise.reject(new Error('no demo hub in this test')),
    log: () => undefined
  })
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-sec-rotate-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>')
  hub = await startTestHub()
}, 30_000)
afterAll(async () => {
  await app?.close()
  await hub.stop()
  await rm(dir, { recursive: true, force: true })
})

type Reply = { kind: string; id: number; ok: boolean; value?: unknown; error?: { code: string; message: string } }
type Client = { ws: WebSocket; call(method: string, params?: unknown[]): Promise<Reply>; closed: Promise<{ code: number; at: number }> }

const tokenOf = (pageUrl: string): string => new URL(pageUrl).searchParams.get('token') ?? ''

/** Opens the API socket with a token: a client, or the HTTP status the upgrade was refused with. */
function connect(base: string, token: string): Promise<Client | number> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api?token=${encodeURIComponent(token)}`)
  let next = 1
  const waiting = new Map<number, (r: Reply) => void>()
  ws.on('message', (data) => {
    const f = JSON.parse(String(data)) as Reply
    if (f.kind === 'reply') waiting.get(f.id)?.(f)
  })
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.on('close', (code) => resolve({ code, at: Date.now() })))
  return new Promise((resolve) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        call(method, params = []) {
          const id = next++
          ws.send(JSON.stringify({ kind: 'call', id, method, params }))
          return new Promise((r) => waiting.set(id, r))
        }
      })
    )
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('error', () => resolve(-1))
  })
}

async function client(base: string, token: string): Promise<Client> {
  const c = await connect(base, token)
  if (typeof c === 'number') throw new Error(`connection refused: ${c}`)
  return c
}

describe('wall-token rotation', () => {
  it('closes the walls on the old token at once, refuses it from then on, and the new link works', async () => {
    app = await start()
    const base = app.web.url
    const oldToken = tokenOf(app.web.wallUrl)
    expect(oldToken).toBe((await readFile(path.join(dir, VIEWER_TOKEN_FILE), 'utf8')).trim())
    const operator = await client(base, tokenOf(app.web.operatorUrl))
    const wall = await client(base, oldToken)
    const secondWall = await client(base, oldToken)
    expect((await wall.call('getSnapshot')).ok).toBe(true)

    // A wall screen may not rotate the token, nor so cut the other walls off.
    const byWall = await wall.call('rotateViewerToken')
    expect(byWall).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(tokenOf(app.web.wallUrl)).toBe(oldToken)

    const asked = Date.now()
    const rotated = await operator.call('rotateViewerToken')
    expect(rotated.ok).toBe(true)
    const answer = rotated.value as { ok: boolean; value: { wallUrl: string } }
    expect(answer.ok).toBe(true)
    const newToken = tokenOf(answer.value.wallUrl)
    expect(newToken).not.toBe(oldToken)
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(answer.value.wallUrl).toBe(app.web.wallUrl)

    // Both walls on the old token are closed, saying why, without waiting for them to do anything.
    for (const w of [wall, secondWall]) {
      const closed = await w.closed
      expect(closed.code).toBe(CLOSE_TOKEN_ROTATED)
      expect(closed.at - asked).toBeLessThan(2000)
    }
    // The operator's own socket stays.
    expect((await operator.call('getSnapshot')).ok).toBe(true)

    // The old token is refused; the new one opens a wall that draws and still may not rotate.
    expect(await connect(base, oldToken)).toBe(401)
    const newWall = await client(base, newToken)
    const snap = await newWall.call('getSnapshot')
    expect(snap.ok && (snap.value as { status: { access: string } }).status.access).toBe('viewer')
    expect(await newWall.call('rotateViewerToken')).toMatchObject({ ok: false, error: { code: 'read_only' } })

    // Kept in the data folder, owner-only: the next start serves the new token, not the old one.
    const file = path.join(dir, VIEWER_TOKEN_FILE)
    expect((await readFile(file, 'utf8')).trim()).toBe(newToken)
    expect((await stat(file)).mode & 0o077).toBe(0)
    newWall.ws.close()
    operator.ws.close()
    await app.close()
    app = await start()
    expect(tokenOf(app.web.wallUrl)).toBe(newToken)
    expect(await connect(app.web.url, oldToken)).toBe(401)
    await app.close()
    app = null
  }, 60_000)

  it('refuses to rotate a token given at start (it would come back on the next start), and says where to change it', async () => {
    app = await start('viewer-token-given-at-start-0123')
    const operator = await client(app.web.url, tokenOf(app.web.operatorUrl))
    const wall = await client(app.web.url, 'viewer-token-given-at-start-0123')
    const r = await operator.call('rotateViewerToken')
    expect(r.value).toMatchObject({ ok: false, error: { code: 'not_ready', message: expect.stringContaining('GCC_VIEWER_TOKEN') as unknown } })
    expect((await wall.call('getSnapshot')).ok).toBe(true)
    wall.ws.close()
    operator.ws.close()
    await app.close()
    app = null
  }, 60_000)
})
