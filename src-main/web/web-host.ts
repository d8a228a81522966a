// The local web host: serves the built renderer (console at /, wall at /wall) and carries
// ConsoleApi over a WebSocket at /api?token=…. Loopback only unless a host is given; every
// socket needs the operator or the viewer token, and browsers must come from our own origin.
import { createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import { WebSocketServer, type WebSocket } from 'ws'
import { MAX_CALL_FRAME_BYTES, fail, ok, type Access, type ConsoleApi } from '../../src-shared/api'
import type { DispatchLog } from '../core/api-dispatch'
import { isLoopbackHost } from '../core/transport-rules'
import { SECURITY_HEADERS, contentSecurityPolicy } from './csp'
import { resolveStatic } from './static-files'
import { attachApiSocket } from './ws-carrier'
import { randomToken } from './viewer-token'

export type WebHostOptions = {
  api: ConsoleApi
  /** 127.0.0.1 by default; anything else exposes the console to the network. */
  host?: string
  /** 0 picks a free port. */
  port?: number
  rendererDir?: string
  operatorToken: string
  viewerToken: string
  /**
   * Keeps a rotated wall token (browser mode: the data folder) before it takes effect. Absent when
   * the token was given at start (environment or token file): rotating then is refused, since the
   * next start would bring the old one back.
   */
  saveViewerToken?(token: string): Promise<void>
  /** Serve HTTPS/WSS with this key and certificate (PEM): required off this PC unless insecure LAN. */
  tls?: { key: string; cert: string }
  log?: DispatchLog
}

export type WebHost = {
  /** Base URL without a token. */
  url: string
  operatorUrl: string
  /** The wall link with the token in force (it changes when the token is rotated). */
  readonly wallUrl: string
  close(): Promise<void>
}

/** Close code sent to a wall whose token was rotated (4000–4999: the application's own). */
export const CLOSE_TOKEN_ROTATED = 4001

export const MIN_TOKEN_LENGTH = 16

export function isLoopback(host: string): boolean {
  return isLoopbackHost(host)
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The access a token grants, or null. */
export function accessFor(token: string | null, operatorToken: string, viewerToken: string): Access | null {
  if (!token) return null
  if (sameToken(token, operatorToken)) return 'operator'
  if (sameToken(token, viewerToken)) return 'viewer'
  return null
}

/** Host header as sent by a browser: a name or address and an optional port, nothing else. */
function hostHeader(req: IncomingMessage): string | null {
  const host = req.headers.host
  return host && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : null
}

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '')
}

/** Hashed bundle files never change; the page itself must always be fetched fresh. */
function cacheControl(pathname: string, mime: string): string {
  if (mime.startsWith('text/html')) return 'no-store'
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
  res.end(text)
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1'
  const rendererDir = path.resolve(opts.rendererDir ?? 'out/renderer')
  const loopbackOnly = isLoopback(host)
  const log = opts.log
  if (opts.operatorToken.length < MIN_TOKEN_LENGTH || opts.viewerToken.length < MIN_TOKEN_LENGTH) {
    throw new Error(`web host tokens must be at least ${MIN_TOKEN_LENGTH} characters`)
  }
  if (opts.operatorToken === opts.viewerToken) throw new Error('operator and viewer tokens must differ')
  let viewerToken = opts.viewerToken
  /** Sockets opened with the viewer token in force, closed when it is rotated. */
  const viewerSockets = new Set<WebSocket>()

  /** On loopback, a Host that is not a loopback name is a DNS-rebinding page: refuse it. */
  const hostAllowed = (h: string): boolean => !loopbackOnly || isLoopback(hostname(h))

  const scheme = opts.tls ? 'https' : 'http'
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    void serveStatic(req, res).catch((err: unknown) => {
      log?.('error', `web host: ${String(err)}`)
      if (!res.headersSent) plain(res, 500, 'internal error')
      else res.destroy()
    })
  }
  const server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, onRequest) : createServer(onRequest)

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const h = hostHeader(req)
    if (!h || !hostAllowed(h)) return plain(res, 421, 'unexpected Host header')
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return plain(res, 405, 'method not allowed')
    }
    const pathname = (req.url ?? '/').split('?')[0] ?? '/'
    const found = await resolveStatic(rendererDir, pathname)
    if (!found) {
      if (pathname === '/' || pathname === '/wall') {
        return plain(res, 503, `The console UI is not built (no ${path.join(rendererDir, 'index.html')}); run: npx electron-vite build`)
      }
      // Browsers ask for a favicon on their own; answering "none" keeps their consoles clean.
      if (pathname === '/favicon.ico') return void res.writeHead(204, { ...SECURITY_HEADERS }).end()
      return plain(res, 404, 'not found')
    }
    res.writeHead(200, {
      'Content-Type': found.mime,
      'Content-Length': String(found.size),
      'Content-Security-Policy': contentSecurityPolicy({ apiSocketOrigin: `${opts.tls ? 'wss' : 'ws'}://${h}` }),
      'Cache-Control': cacheControl(pathname, found.mime),
      ...SECURITY_HEADERS
    })
    if (req.method === 'HEAD') return void res.end()
    const stream = createReadStream(found.file)
    stream.on('error', () => res.destroy())
    stream.pipe(res)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CALL_FRAME_BYTES })

  /**
   * Issue 15: a new wall token. Kept first (a failed save changes nothing), then in force: the old one
   * is refused at the next upgrade, and every wall socket opened with it is closed now — a close frame
   * saying why, and cut a moment later whether or not the client answers.
   */
  const rotateViewerToken: ConsoleApi['rotateViewerToken'] = async () => {
    if (!opts.saveViewerToken) {
      return fail('not_ready', 'the wall token was set at start (GCC_VIEWER_TOKEN or --token-file); change it there and restart')
    }
    const next = randomToken()
    try {
      await opts.saveViewerToken(next)
    } catch (err) {
      log?.('error', `web host: could not keep the new wall token: ${String(err)}`)
      return fail('storage', 'the new wall token could not be saved on this computer; the old one stays in force')
    }
    viewerToken = next
    const closed = [...viewerSockets]
    viewerSockets.clear()
    for (const ws of closed) {
      ws.close(CLOSE_TOKEN_ROTATED, 'wall token rotated')
      setTimeout(() => ws.terminate(), 500).unref()
    }
    log?.('warn', `web host: wall token rotated; ${closed.length} wall connection(s) closed`)
    return ok({ wallUrl: wallUrl() })
  }
  /** The core's ConsoleApi, with the one method the web host answers itself. */
  const hostApi = new Proxy(opts.api, {
    get(target, key) {
      if (key === 'rotateViewerToken') return rotateViewerToken
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    }
  })

  let closing = false
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    socket.on('error', () => socket.destroy())
    if (closing) return refuse(503, 'Service Unavailable')
    const h = hostHeader(req)
    if (!h || !hostAllowed(h)) return refuse(421, 'Misdirected Request')
    const url = new URL(req.url ?? '/', `${scheme}://${h}`)
    if (url.pathname !== '/api') return refuse(404, 'Not Found')
    // Browsers always send Origin on a WebSocket; a page from another site must not reach the API.
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `${scheme}://${h}`) return refuse(403, 'Forbidden')
    const access = accessFor(url.searchParams.get('token'), opts.operatorToken, viewerToken)
    if (!access) return refuse(401, 'Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (access === 'viewer') {
        viewerSockets.add(ws)
        ws.on('close', () => viewerSockets.delete(ws))
      }
      attachApiSocket(ws, { api: hostApi, access, log })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host
  const url = `${scheme}://${shownHost}:${port}`
  const wallUrl = (): string => `${url}/wall?token=${encodeURIComponent(viewerToken)}`
  if (!loopbackOnly && !opts.tls) {
    log?.('warn', `web host listens on ${host}: anyone on that network who has a token can open the console`)
  }

  return {
    url,
    operatorUrl: `${url}/?token=${encodeURIComponent(opts.operatorToken)}`,
    get wallUrl() {
      return wallUrl()
    },
    close: async () => {
      closing = true
      // Stop listening first, so closed clients cannot reconnect while we wait for them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const client of wss.clients) client.close(1001, 'console shutting down')
      // Give clients a moment to answer the close handshake, then cut whoever did not.
      const deadline = Date.now() + 1000
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await closed
    }
  }
}
