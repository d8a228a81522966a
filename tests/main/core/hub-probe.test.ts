// The hub test behind the first-run screen, against real servers: a reference hub accepts a good
// token and refuses a bad one; nothing listening is "unreachable"; a plain web server is "not a
// hub"; an https server with a self-signed certificate is a certificate failure.
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyConnectError, probeHub } from '../../../src-main/core/hub-probe'
import { startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'

let hub: TestHub
let web: Server
let webUrl: string
beforeAll(async () => {
  hub = await startTestHub()
  web = createHttpServer((_req, res) => res.writeHead(404).end('not here'))
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()))
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`
})
afterAll(async () => {
  await hub.stop()
  await new Promise((r) => web.close(r))
})

/** A port nothing listens on: bound, read, and released. */
async function freePort(): Promise<number> {
  const s = createNetServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  const port = (s.address() as AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

describe('probeHub', () => {
  it('welcomes a good token with the hub user', async () => {
    const result = await probeHub(hub.url, TEST_TOKENS.dispatcher)
    expect(result).toMatchObject({ ok: true, user: { name: '张调度', role: 'dispatcher' } })
  })

  it('names a refused token', async () => {
    const result = await probeHub(hub.url, 'not-a-token-the-hub-knows')
    expect(result).toMatchObject({ ok: false, failure: 'refused_token' })
  })

  it('names an address where nothing listens', async () => {
    const result = await probeHub(`http://127.0.0.1:${await freePort()}`, 'x')
    expect(result).toMatchObject({ ok: false, failure: 'unreachable' })
  })

  it('names a server that is not a hub', async () => {
    const result = await probeHub(webUrl, 'x')
    expect(result).toMatchObject({ ok: false, failure: 'wrong_protocol' })
  })

  it('refuses an address that is not http(s) without connecting', async () => {
    expect(await probeHub('ftp://hub', 'x')).toMatchObject({ ok: false, failure: 'bad_url' })
  })

  it('reads certificate errors and handshake refusals from what socket.io wraps', () => {
    const tls = Object.assign(new Error('websocket error'), {
      description: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    })
    expect(classifyConnectError(tls)).toMatchObject({ failure: 'certificate' })
    expect(classifyConnectError(new Error('protocol_unsupported'))).toMatchObject({ failure: 'wrong_protocol' })
    expect(classifyConnectError(new Error('unauthorized'))).toMatchObject({ failure: 'refused_token' })
  })
})
