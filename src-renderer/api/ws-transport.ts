// The browser-mode transport: one WebSocket to the web host's /api, call ids with a pending
// map and timeouts, event fan-out to local listeners, and reconnect with backoff. While the link
// is down, calls fail at once with a clear error instead of hanging.
import { ServerFrame, type ConsoleApiEvent, type ConsoleApiMethod } from '../../src-shared/api'
import { ApiCallError } from './api-error'
import type { Transport } from './create-api'

/** What we need of a WebSocket: the browser's, or `ws` in Node tests. */
export type SocketLike = {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: unknown) => void) | null
  onclose: ((ev: { code: number; reason: string }) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onerror: ((ev: unknown) => void) | null
}

/** connecting: first connect, calls wait; up: calls go out; down: calls fail, reconnecting. */
export type LinkState = 'connecting' | 'up' | 'down' | 'closed'

export type WsTransportOptions = {
  url: string
  createSocket?: (url: string) => SocketLike
  callTimeoutMs?: number
  backoffMinMs?: number
  backoffMaxMs?: number
  onLinkChange?: (state: LinkState) => void
}

export type WsTransport = Transport & { readonly state: LinkState; close(): void }

const OPEN = 1

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> }

function linkError(message: string): ApiCallError {
  return new ApiCallError({ code: 'not_ready', message })
}

export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike)
  const callTimeoutMs = opts.callTimeoutMs ?? 30_000
  const backoffMin = opts.backoffMinMs ?? 250
  const backoffMax = opts.backoffMaxMs ?? 10_000

  let state: LinkState = 'connecting'
  let socket: SocketLike | null = null
  let nextId = 1
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  const pending = new Map<number, Pending>()
  /** Calls made during the first connect; sent once the socket opens. */
  const waiting: { id: number; frame: string }[] = []
  const listeners = new Map<ConsoleApiEvent, Set<(payload: unknown) => void>>()

  const setState = (next: LinkState): void => {
    if (state === next) return
    state = next
    opts.onLinkChange?.(next)
  }

  const failAll = (error: ApiCallError): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      pending.delete(id)
      p.reject(error)
    }
    waiting.length = 0
  }

  function connect(): void {
    const ws = createSocket(opts.url)
    socket = ws
    ws.onopen = () => {
      failures = 0
      setState('up')
      for (const w of waiting.splice(0)) if (pending.has(w.id)) ws.send(w.frame)
    }
    ws.onmessage = (ev) => onFrame(ev.data)
    ws.onerror = () => {
      /* onclose follows and handles it */
    }
    ws.onclose = (ev) => {
      if (socket !== ws) return
      socket = null
      if (state === 'closed') return
      const why = ev.code === 1009 ? 'a request was too large' : ev.reason || `code ${ev.code}`
      failAll(linkError(`the link to the console host is down (${why}); reconnecting`))
      setState('down')
      const delay = Math.min(backoffMax, backoffMin * 2 ** failures) * (0.75 + Math.random() * 0.5)
      failures = Math.min(failures + 1, 16)
      retryTimer = setTimeout(() => {
        retryTimer = null
        if (state !== 'closed') connect()
      }, delay)
    }
  }

  function onFrame(data: unknown): void {
    let raw: unknown
    try {
      raw = JSON.parse(typeof data === 'string' ? data : String(data))
    } catch {
      console.warn('ConsoleApi: the host sent a frame that is not JSON; ignored')
      return
    }
    const frame = ServerFrame.safeParse(raw)
    if (!frame.success) {
      console.warn('ConsoleApi: the host sent an unknown frame; ignored')
      return
    }
    const f = frame.data
    if (f.kind === 'event') {
      for (const l of listeners.get(f.event) ?? []) {
        try {
          l(f.payload)
        } catch (err) {
          console.error(`ConsoleApi: a listener for ${f.event} threw`, err)
        }
      }
      return
    }
    const p = pending.get(f.id)
    if (!p) {
      if (!f.ok) console.warn(`ConsoleApi: the host refused a frame: ${f.error.message}`)
      return
    }
    pending.delete(f.id)
    clearTimeout(p.timer)
    if (f.ok) p.resolve(f.value)
    else p.reject(new ApiCallError(f.error))
  }

  connect()

  return {
    get state() {
      return state
    },
    call(method: ConsoleApiMethod, params: unknown[]): Promise<unknown> {
      if (state === 'down') return Promise.reject(linkError('the link to the console host is down; reconnecting'))
      if (state === 'closed') return Promise.reject(linkError('the console API client was closed'))
      const id = nextId++
      const frame = JSON.stringify({ kind: 'call', id, method, params })
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new ApiCallError({ code: 'internal', message: `${method} got no answer within ${callTimeoutMs / 1000} s` }))
        }, callTimeoutMs)
        pending.set(id, { resolve, reject, timer })
        if (socket && socket.readyState === OPEN) socket.send(frame)
        else waiting.push({ id, frame })
      })
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    close() {
      setState('closed')
      if (retryTimer) clearTimeout(retryTimer)
      failAll(linkError('the console API client was closed'))
      socket?.close(1000, 'closed by the page')
      socket = null
    }
  }
}
