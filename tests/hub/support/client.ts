// A thin socket.io-client console for hub tests: connect with a token, request with ack, collect events.
import { randomUUID } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import type { Change, Incident, Welcome } from '../../../src-shared/protocol'

export interface TestConsole {
  socket: Socket
  consoleId: string
  welcome: Welcome
  /** Every `changes` batch received, in arrival order. */
  batches: Change[][]
  presences: unknown[]
  notices: unknown[]
  request<T = Record<string, unknown>>(event: string, payload: unknown, timeoutMs?: number): Promise<T>
  command(type: string, fields: Record<string, unknown>, payload?: Record<string, unknown>): Promise<CommandReply>
  /** Resolves when the received changes include one with seq ≥ `seq`. */
  waitForSeq(seq: number, timeoutMs?: number): Promise<void>
  close(): void
}

export type CommandReply =
  | { ok: true; seq: number; entity: Incident & Record<string, unknown> }
  | { ok: false; error: { code: string; message: string; issues?: unknown[]; current?: Record<string, unknown> } }

export interface ConnectOptions {
  consoleId?: string
  lastSeq?: number
  protocol?: number
  auth?: Record<string, unknown>
  transports?: ('websocket' | 'polling')[]
}

export function connectRaw(url: string, token: string, opts: ConnectOptions = {}): Socket {
  return io(`${url}/v1`, {
    auth: opts.auth ?? {
      token,
      consoleId: opts.consoleId ?? `c-${randomUUID().slice(0, 8)}`,
      lastSeq: opts.lastSeq ?? 0,
      protocol: opts.protocol ?? 1
    },
    transports: opts.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true
  })
}

/** Resolves with the connect_error message (e.g. 'unauthorized'). */
export function expectConnectError(url: string, token: string, opts: ConnectOptions = {}): Promise<string> {
  const socket = connectRaw(url, token, opts)
  return new Promise((resolve, reject) => {
    socket.on('connect', () => {
      socket.close()
      reject(new Error('connected, expected a refusal'))
    })
    socket.on('connect_error', (err) => {
      socket.close()
      resolve(err.message)
    })
  })
}

export async function connectConsole(url: string, token: string, opts: ConnectOptions = {}): Promise<TestConsole> {
  const consoleId = opts.consoleId ?? `c-${randomUUID().slice(0, 8)}`
  const socket = connectRaw(url, token, { ...opts, consoleId })
  const batches: Change[][] = []
  const presences: unknown[] = []
  const notices: unknown[] = []
  const seqWaiters: { seq: number; resolve: () => void }[] = []
  let maxSeq = 0
  socket.on('changes', (msg: { changes: Change[] }) => {
    batches.push(msg.changes)
    for (const c of msg.changes) maxSeq = Math.max(maxSeq, c.seq)
    for (const w of [...seqWaiters]) {
      if (maxSeq >= w.seq) {
        seqWaiters.splice(seqWaiters.indexOf(w), 1)
        w.resolve()
      }
    }
  })
  socket.on('presence', (p: unknown) => presences.push(p))
  socket.on('notice', (n: unknown) => notices.push(n))
  const welcome = await new Promise<Welcome>((resolve, reject) => {
    socket.once('welcome', (w: Welcome) => resolve(w))
    socket.once('connect_error', (err) => reject(err))
  })
  const request = <T>(event: string, payload: unknown, timeoutMs = 10_000): Promise<T> =>
    socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>
  return {
    socket,
    consoleId,
    welcome,
    batches,
    presences,
    notices,
    request,
    command: (type, fields, payload = {}) =>
      request<CommandReply>('command', {
        commandId: randomUUID(),
        type,
        payload,
        issuedAt: new Date().toISOString(),
        ...fields
      }),
    waitForSeq(seq, timeoutMs = 5000) {
      if (maxSeq >= seq) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no change with seq ≥ ${seq} within ${timeoutMs} ms`)), timeoutMs)
        seqWaiters.push({
          seq,
          resolve: () => {
            clearTimeout(timer)
            resolve()
          }
        })
      })
    },
    close: () => socket.close()
  }
}
