// Backpressure on what the hub sends: per connection and per token, requests are limited by count
// and answers by bytes, and a connection whose unsent queue passes a bound is dropped (a console that
// stopped reading reconnects and catches up by `sync`; an attacker that stopped reading costs at most
// the bound). Without this, a client asking for the 1.6 MB reference 50 times a second and never
// reading grew the hub by gigabytes.
import type { Socket } from 'socket.io'
import { KeyedBuckets, RateLimiter, type RateLimitOptions } from './rate-limit'

const MIB = 1024 * 1024

export interface SendBudgetOptions {
  /** Requests per connection; per token the allowance is `tokenFactor` times larger. */
  requests: RateLimitOptions | false
  /** Answer bytes per connection (reference, sync pages, command answers). */
  bytesPerConnection: RateLimitOptions
  /** Answer bytes per token, over all its connections. */
  bytesPerToken: RateLimitOptions
  /** How many connections' worth of requests one token may make together. */
  tokenFactor: number
  /**
   * Unsent bytes a connection may have queued before it is dropped. Above the largest single message
   * the hub sends (16 MiB, protocol rev 1.1) so one big sync page never trips it on its own.
   */
  maxQueuedBytes: number
}

export const DEFAULT_SEND_BUDGET: Omit<SendBudgetOptions, 'requests'> = {
  bytesPerConnection: { capacity: 64 * MIB, refillPerSecond: 32 * MIB },
  bytesPerToken: { capacity: 256 * MIB, refillPerSecond: 128 * MIB },
  tokenFactor: 4,
  maxQueuedBytes: 32 * MIB
}

export type Verdict = 'ok' | 'requests' | 'bytes'

export class SendBudget {
  private readonly perConnection: RateLimiter
  private readonly perToken: RateLimiter
  private readonly connectionBytes: KeyedBuckets
  private readonly tokenBytes: KeyedBuckets

  constructor(
    readonly options: SendBudgetOptions,
    now: () => number = Date.now
  ) {
    const req = options.requests
    this.perConnection = new RateLimiter(req, now)
    this.perToken = new RateLimiter(
      req === false ? false : { capacity: req.capacity * options.tokenFactor, refillPerSecond: req.refillPerSecond * options.tokenFactor },
      now
    )
    this.connectionBytes = new KeyedBuckets(options.bytesPerConnection, now)
    this.tokenBytes = new KeyedBuckets(options.bytesPerToken, now)
  }

  /** Whether a request may be served now; counts it against the connection and the token. */
  admit(connection: string, token: string, unlimited: boolean): Verdict {
    if (unlimited) return 'ok'
    if (!this.connectionBytes.get(connection).positive() || !this.tokenBytes.get(token).positive()) return 'bytes'
    if (!this.perConnection.allow(connection, false)) return 'requests'
    if (!this.perToken.allow(token, false)) return 'requests'
    return 'ok'
  }

  /** Charges an answer's size once it is known; the next request waits until the debt is paid off. */
  charge(connection: string, token: string, bytes: number, unlimited: boolean): void {
    if (unlimited || bytes <= 0) return
    this.connectionBytes.get(connection).charge(bytes)
    this.tokenBytes.get(token).charge(bytes)
  }

  /** A closed connection's buckets go; the token's stay, so reconnecting does not refill them. */
  forget(connection: string): void {
    this.perConnection.forget(connection)
    this.connectionBytes.forget(connection)
  }
}

interface EnginePacket {
  data?: unknown
  /** A ready frame (preserialized.ts): what will be written, whatever `data` holds. */
  options?: { wsPreEncodedFrame?: readonly Buffer[] }
}
interface EngineConn {
  writeBuffer?: EnginePacket[]
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } }
  close(discard?: boolean): void
}

function engineOf(socket: Socket): EngineConn {
  return socket.conn as unknown as EngineConn
}

/**
 * Bytes accepted for this connection but not yet handed to the kernel: engine.io's write buffer
 * (string packets counted in UTF-16 units, ready frames in bytes) plus what the WebSocket holds.
 */
export function queuedBytes(socket: Socket): number {
  const conn = engineOf(socket)
  let n = conn.transport?.socket?.bufferedAmount ?? 0
  for (const p of conn.writeBuffer ?? []) {
    // A packet sent as its ready frame carries a placeholder for data: count the frame's bytes.
    const frame = p.options?.wsPreEncodedFrame
    if (Array.isArray(frame)) n += frame.reduce((sum, b) => sum + b.length, 0)
    else if (typeof p.data === 'string') n += p.data.length
    else if (p.data instanceof ArrayBuffer || ArrayBuffer.isView(p.data)) n += p.data.byteLength
  }
  return n
}

/**
 * Drops the connection now, discarding what it had queued. A plain disconnect would wait for the
 * queue to drain — which a reader that stopped reading never lets happen.
 */
export function dropConnection(socket: Socket): void {
  const conn = engineOf(socket)
  const ws = conn.transport?.name === 'websocket' ? conn.transport.socket : undefined
  if (typeof ws?.terminate === 'function') ws.terminate()
  else conn.close(true)
}
