// Attack: someone on the hall network reads the wall and operator tokens and the case data off the
// wire, or sits in the middle. Browser mode started for real on 0.0.0.0 serves HTTPS/WSS with a
// self-signed certificate whose SHA-256 fingerprint it prints; a client pinned to that fingerprint
// gets the API, plain http and ws on the same port get nothing, and the certificate (kept 0600 in
// the data folder) is the same after a restart, so a pinned client keeps working.
import { spawnWebCli } from '../helpers/web-cli'
import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connect as tlsConnect, type TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../../src-main/web/tls-cert'
import { startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

let hub: TestHub
let dir: string
const children: ChildProcess[] = []
beforeAll(async () => {
  hub = await startTestHub()
  dir = mkdtempSync(path.join(tmpdir(), 'gcc-sec-tls-'))
}, 30_000)
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await hub.stop()
  rmSync(dir, { recursive: true, force: true })
})

async function startLan(): Promise<{ child: ChildProcess; operatorUrl: string; fingerprint: string; stop(): Promise<void> }> {
  const p = spawnWebCli(['--hub', hub.url, '--host', '0.0.0.0', '--port', '0', '--data', dir], { GCC_HUB_TOKEN: TEST_TOKENS.dispatcher })
  const child = p.child
  children.push(child)
  const exited = p.exited
  const out = (): string => p.out()
  const err = (): string => p.err()
  const end = Date.now() + 90_000
  while (!out().includes('TLS certificate SHA-256:')) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`browser mode did not come up on TLS:\n${out()}\n${err()}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(err()).toContain('HTTPS/WSS with a self-signed certificate')
  return {
    child,
    operatorUrl: /Console:\s+(\S+)/.exec(out())?.[1] ?? '',
    fingerprint: /TLS certificate SHA-256: (\S+)/.exec(out())?.[1] ?? '',
    async stop() {
      child.kill('SIGTERM')
      await exited
    }
  }
}

/** The fingerprint the server presents on a TLS handshake (no CA: the pin is the check). */
function presented(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate().fingerprint256)
      s.end()
    })
    s.on('error', reject)
  })
}

/** A WSS API call from a client that accepts only the pinned certificate. */
function pinnedSnapshot(url: string, fingerprint: string): Promise<{ ok: boolean; access?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { rejectUnauthorized: false })
    ws.on('upgrade', (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate()
      if (cert.fingerprint256 !== fingerprint) {
        ws.terminate()
        reject(new Error(`certificate ${cert.fingerprint256} is not the pinned ${fingerprint}`))
      }
    })
    ws.on('open', () => ws.send(JSON.stringify({ kind: 'call', id: 1, method: 'getSnapshot', params: [] })))
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { kind: string; ok: boolean; value?: { status: { access: string } } }
      if (f.kind !== 'reply') return
      ws.close()
      resolve({ ok: f.ok, access: f.value?.status.access })
    })
    ws.on('error', reject)
  })
}

function plainHttp(port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/', timeout: 5000 }, (res) => {
      res.resume()
      resolve(`status ${res.statusCode ?? 0}`)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => resolve(`error ${e.message}`))
    req.end()
  })
}

describe('the web host off this PC', () => {
  it('serves HTTPS/WSS pinned to the printed fingerprint, refuses plain http, and keeps its certificate across a restart', async () => {
    const first = await startLan()
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    const u = new URL(first.operatorUrl)
    expect(u.protocol).toBe('https:')
    const port = Number(u.port)
    expect(await presented(port)).toBe(first.fingerprint)
    const api = `wss://${u.host}/api?token=${u.searchParams.get('token') ?? ''}`
    expect(await pinnedSnapshot(api, first.fingerprint)).toEqual({ ok: true, access: 'operator' })
    // A client pinned to another certificate refuses this one (the pin is a real check).
    await expect(pinnedSnapshot(api, 'AA:BB')).rejects.toThrow(/not the pinned/)
    // Plain http and ws on the same port: no page, no API.
    expect(await plainHttp(port)).not.toBe('status 200')
    const ws = new WebSocket(`ws://${u.host}/api?token=${u.searchParams.get('token') ?? ''}`)
    expect(await new Promise((r) => (ws.on('open', () => r('open')), ws.on('error', () => r('refused'))))).toBe('refused')
    for (const f of [TLS_KEY_FILE, TLS_CERT_FILE]) expect((statSync(path.join(dir, f)).mode & 0o777).toString(8), f).toBe('600')
    await first.stop()

    const second = await startLan()
    expect(second.fingerprint).toBe(first.fingerprint)
    const u2 = new URL(second.operatorUrl)
    expect(await pinnedSnapshot(`wss://${u2.host}/api?token=${u2.searchParams.get('token') ?? ''}`, first.fingerprint)).toEqual({
      ok: true,
      access: 'operator'
    })
    await second.stop()
  }, 200_000)
})
