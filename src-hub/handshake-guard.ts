// Limits on handshakes, checked before the token is even looked at: attempts per IP address and per
// engine connection (Socket.IO lets one connection send namespace CONNECT packets again and again).
import type { Socket } from 'socket.io'
import { KeyedBuckets, type RateLimitOptions } from './rate-limit'

export interface HandshakeLimitOptions {
  /** Attempts per IP (a hall of consoles behind one NAT reconnecting together must pass). */
  perIp: RateLimitOptions
  /** Failed attempts per IP: a wrong token is cheap to refuse but never needs many retries. */
  failuresPerIp: RateLimitOptions
  /** Namespace CONNECT attempts on one engine connection; the connection is closed past it. */
  perConnection: number
}

export const DEFAULT_HANDSHAKE_LIMITS: HandshakeLimitOptions = {
  perIp: { capacity: 200, refillPerSecond: 50 },
  failuresPerIp: { capacity: 20, refillPerSecond: 2 },
  perConnection: 10
}

export class HandshakeGuard {
  private readonly attempts: KeyedBuckets
  private readonly failures: KeyedBuckets
  private readonly perConnection = new WeakMap<object, number>()

  constructor(
    private readonly options: HandshakeLimitOptions,
    now: () => number = Date.now
  ) {
    this.attempts = new KeyedBuckets(options.perIp, now)
    this.failures = new KeyedBuckets(options.failuresPerIp, now)
  }

  /**
   * Null when the attempt may go on; otherwise why it is refused (and the connection closed when
   * `close`). `knownToken`: a holder of a valid token is not shut out by someone else's failures from
   * the same address (a hall behind one NAT).
   */
  admit(socket: Socket, knownToken: boolean): { why: string; close: boolean } | null {
    const conn = socket.conn as unknown as object
    const n = (this.perConnection.get(conn) ?? 0) + 1
    this.perConnection.set(conn, n)
    if (n > this.options.perConnection) return { why: 'too many handshakes on one connection', close: true }
    const ip = socket.handshake.address
    if (!knownToken && !this.failures.get(ip).positive()) return { why: 'too many failed handshakes from this address', close: true }
    if (!this.attempts.get(ip).take()) return { why: 'too many handshakes from this address', close: false }
    return null
  }

  /** A refused token or malformed handshake counts against the address. */
  failed(socket: Socket): void {
    this.failures.get(socket.handshake.address).charge(1)
  }
}
