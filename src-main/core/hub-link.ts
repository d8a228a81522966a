// The Socket.IO connection to the hub's /v1 namespace: handshake, reconnection with backoff and
// jitter, and requests whose acknowledgement always settles (answer, timeout or disconnect).
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { FUNCTIONAL_GRID_FEATURE, MAX_HUB_MESSAGE_BYTES, NAMESPACE, PROTOCOL_VERSION } from '../../src-shared/protocol'
import { type Log } from './log'

/** What this console speaks beyond protocol 1, sent in the handshake (rev 1.8). */
export const CONSOLE_FEATURES: readonly string[] = [FUNCTIONAL_GRID_FEATURE]

export type RequestOutcome =
  | { kind: 'answer'; value: unknown; rttMs: number }
  | { kind: 'timeout' }
  | { kind: 'disconnected' }

export type HubLinkOptions = {
  hubUrl: string
  token: string
  consoleId: string
  /** Read at every (re)connect so the handshake carries the current lastSeq. */
  lastSeq: () => number
  log: Log
  now: () => number
  reconnectDelayMs?: number
  reconnectDelayMaxMs?: number
  /** How long a refused handshake (bad token, protocol) waits before trying again. */
  refusedRetryMs?: number
  connectTimeoutMs?: number
}

export type HubLinkEvents = {
  connected(): void
  disconnected(reason: string): void
  /** The hub refused the handshake; `code` is its message (unauthorized, protocol_unsupported). */
  refused(code: string): void
  /** Any message from the hub (event or ack): proof of contact. */
  contact(): void
  message(event: string, payload: unknown): void
}

export class HubLink {
  private socket: Socket | null = null
  private readonly pending = new Set<(o: RequestOutcome) => void>()
  private retryTimer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly opts: HubLinkOptions,
    private readonly on: HubLinkEvents
  ) {}

  get connected(): boolean {
    return this.socket?.connected === true
  }

  start(): void {
    const o = this.opts
    // `maxPayload` is handed by engine.io-client to the Node WebSocket (ws) but missing from its types.
    const options: Partial<ManagerOptions & SocketOptions> & { maxPayload: number } = {
      // Rev 1.8: `features` says what this console speaks beyond protocol 1 (the hub sends those kinds only then).
      auth: (cb) => cb({ token: o.token, consoleId: o.consoleId, lastSeq: o.lastSeq(), protocol: PROTOCOL_VERSION, features: [...CONSOLE_FEATURES] }),
      transports: ['websocket'],
      // The protocol's 16 MiB, not Socket.IO's 100 MiB: a hostile hub cannot make the console buffer more.
      maxPayload: MAX_HUB_MESSAGE_BYTES,
      reconnection: true,
      reconnectionDelay: o.reconnectDelayMs ?? 500,
      reconnectionDelayMax: o.reconnectDelayMaxMs ?? 10_000,
      // ±50% jitter so a hall full of consoles does not reconnect in lockstep after a hub restart.
      randomizationFactor: 0.5,
      timeout: o.connectTimeoutMs ?? 5000
    }
    const socket = io(`${o.hubUrl.replace(/\/+$/, '')}${NAMESPACE}`, options)
    this.socket = socket
    socket.on('connect', () => {
      this.on.contact()
      this.on.connected()
    })
    socket.on('disconnect', (reason) => {
      // Never let socket.io replay stale buffered emits on reconnect: the outbox resends itself.
      socket.sendBuffer = []
      this.failPending()
      this.on.disconnected(reason)
      // 'io server disconnect' (the hub kicked us) is not retried by socket.io on its own.
      if (reason === 'io server disconnect' && !this.closed) this.retryLater(o.reconnectDelayMs ?? 500)
    })
    socket.on('connect_error', (err: Error) => {
      if (socket.active) {
        o.log('debug', 'hub not reachable, retrying', { reason: err.message })
        this.on.disconnected(err.message)
        return
      }
      // Refused by the hub's middleware: socket.io will not retry; try again much later.
      o.log('error', 'hub refused the connection', { reason: err.message })
      this.on.refused(err.message)
      this.retryLater(o.refusedRetryMs ?? 30_000)
    })
    socket.onAny((event: string, payload: unknown) => {
      this.on.contact()
      this.on.message(event, payload)
    })
  }

  private retryLater(ms: number): void {
    if (this.retryTimer !== null || this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.closed && this.socket && !this.socket.connected) this.socket.connect()
    }, ms)
  }

  /** Emits with an acknowledgement that always settles; never queues while disconnected. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<RequestOutcome> {
    const socket = this.socket
    if (!socket?.connected) return Promise.resolve({ kind: 'disconnected' })
    const started = this.opts.now()
    return new Promise((resolve) => {
      const finish = (outcome: RequestOutcome): void => {
        if (!this.pending.delete(finish)) return
        clearTimeout(timer)
        resolve(outcome)
      }
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs)
      this.pending.add(finish)
      socket.emit(event, payload, (answer: unknown) => {
        this.on.contact()
        finish({ kind: 'answer', value: answer, rttMs: Math.max(0, this.opts.now() - started) })
      })
    })
  }

  /** Drops the connection and lets reconnection bring it back (used after a bad welcome). */
  bounce(): void {
    this.socket?.disconnect()
    this.retryLater(this.opts.reconnectDelayMs ?? 500)
  }

  private failPending(): void {
    for (const finish of [...this.pending]) finish({ kind: 'disconnected' })
  }

  close(): void {
    this.closed = true
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.socket?.removeAllListeners()
    this.socket?.disconnect()
    this.failPending()
    this.socket = null
  }
}
