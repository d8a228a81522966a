// Attacks on the local web host: a DNS-rebinding page whose Host only looks like loopback
// ('127.evil.example') is refused on HTTP and on the API socket's upgrade.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { parseWebCliArgs } from '../../src-main/web/cli-args'
import { startWebHost, type WebHost } from '../../src-main/web/web-host'
import { createFakeApi } from '../main/web/fake-console-api'

const OP = 'operator-token-0123456789'
const VIEW = 'viewer-token-0123456789ab'
let dir: string
let host: WebHost
let port: number

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-sec-web-'))
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>网格指挥台</title>')
  host = await startWebHost({ api: createFakeApi(), port: 0, rendererDir: dir, operatorToken: OP, viewerToken: VIEW })
  port = Number(new URL(host.url).port)
})
afterAll(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

function status(hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: hostHeader } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

function upgrade(hostHeader: string): Promise<string> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${OP}`, { headers: { Host: hostHeader }, origin: `http://${hostHeader}` })
  return new Promise((resolve) => {
    ws.on('open', () => {
      ws.close()
      resolve('open')
    })
    ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode ?? 0}`))
    ws.on('error', (err) => resolve(`error ${err.message}`))
  })
}

describe('Host check on a loopback web host', () => {
  it("refuses Host '127.evil.example' (and other names starting with 127.), keeps real loopback", async () => {
    expect(await status(`127.evil.example:${port}`)).toBe(421)
    expect(await status(`127.0.0.1.evil.example:${port}`)).toBe(421)
    expect(await status(`127.0.0.1:${port}`)).toBe(200)
    expect(await status(`localhost:${port}`)).toBe(200)
    expect(await upgrade(`127.evil.example:${port}`)).not.toBe('open')
    expect(await upgrade(`127.0.0.1:${port}`)).toBe('open')
  })
})

describe('--host off this PC', () => {
  it('serves TLS off this PC; plain http/ws only with --insecure-lan; loopback stays plain', () => {
    const lan = parseWebCliArgs(['--host', '0.0.0.0'], {}, dir)
    expect(lan.ok && lan.options.tls).toBe(true)
    const fromEnv = parseWebCliArgs([], { GCC_HOST: '192.168.1.20' }, dir)
    expect(fromEnv.ok && fromEnv.options.tls).toBe(true)
    const insecure = parseWebCliArgs(['--host', '0.0.0.0', '--insecure-lan'], {}, dir)
    expect(insecure.ok && insecure.options).toMatchObject({ host: '0.0.0.0', tls: false })
    expect(parseWebCliArgs(['--host', '127.0.0.1'], {}, dir).ok && parseWebCliArgs(['--host', '127.0.0.1'], {}, dir)).toMatchObject({ options: { tls: false } })
    expect(parseWebCliArgs(['--host', '::1'], {}, dir)).toMatchObject({ ok: true, options: { tls: false } })
  })
})
