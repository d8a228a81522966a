// One protocol connection to the hub (Socket.IO /v1) as the console rules ask: sync from lastSeq
// after every welcome, gap detection on live changes, and commands with bounded in-flight that
// are resent with the same commandId after a timeout or reconnect until a final answer.
import { io, type Socket } from 'socket.io-client'
import {
  type Change,
  CommandAnswer,
  type ErrorCode,
  type FunctionalGrid,
  type Handover,
  type Incident,
  NAMESPACE,
  parseChange,
  PROTOCOL_VERSION,
  SyncAnswer,
  type TypedCommand,
  type Unit,
  Welcome
} from '../../src-shared/protocol'

export type CommandResult =
  | { ok: true; seq: number; entity: Incident | Unit | Handover | FunctionalGrid }
  | { ok: false; code: ErrorCode | 'closed'; message: string; current?: unknown }

export interface HubClientOptions {
  hubUrl: string
  token: string
  consoleId: string
  /** Short name for log lines ('unit', 'district'). */
  name: string
  /** Follow the hub's changes (sync + live); a client that only sends can skip it. */
  follow: boolean
  maxInFlight?: number
  ackTimeoutMs?: number
  /** First back-off before retrying a rate_limited/internal answer; doubles each time. */
  retryBaseMs?: number
  log?: (msg: string) => void
}

const SYNC_LIMIT = 5000
/** Errors worth another try with the same commandId: the hub may simply be busy. */
const RETRY_CODES: readonly string[] = ['rate_limited', 'internal']
const MAX_RETRIES = 5

interface Pending {
  command: TypedCommand
  resolve: (result: CommandResult) => void
  /** Bumped on every send, so a late ack for an abandoned attempt is ignored. */
  attempt: number
  retries: number
}

export class HubClient {
  private readonly socket: Socket
  private readonly queue: Pending[] = []
  private readonly inFlight = new Set<Pending>()
  private readonly changeListeners: ((change: Change) => void)[] = []
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>()
  private lastSeq = 0
  private welcomed = false
  private syncing = false
  private resyncWanted = false
  private closed = false
  readonly counters = { resent: 0, badChanges: 0, badAnswers: 0, syncs: 0 }
  private readonly maxInFlight: number
  private readonly ackTimeoutMs: number
  private readonly log: (msg: string) => void
  private firstWelcome: { resolve: (w: Welcome) => void; reject: (err: Error) => void } | null = null

  constructor(private readonly opts: HubClientOptions) {
    this.maxInFlight = opts.maxInFlight ?? 32
    this.ackTimeoutMs = opts.ackTimeoutMs ?? 15_000
    this.log = opts.log ?? (() => {})
    const base = opts.hubUrl.replace(/\/+$/, '')
    this.socket = io(`${base}${NAMESPACE}`, {
      autoConnect: false,
      transports: ['websocket'],
      reconnectionDelay: 250,
      reconnectionDelayMax: 5000,
      // A function, so every reconnect reports the lastSeq we actually hold.
      auth: (cb) =>
        // Rev 1.8: the simulator speaks functional grids (the hall sends a case inside one to its team).
        cb({ token: opts.token, consoleId: opts.consoleId, lastSeq: this.lastSeq, protocol: PROTOCOL_VERSION, features: ['functionalGrid'] })
    })
    this.socket.on('welcome', (raw: unknown) => this.onWelcome(raw))
    this.socket.on('connect', () => {
      // A recovered session (Socket.IO connection state recovery) may get no new welcome; the
      // hub replays what was missed, so it is as good as welcomed.
      if (this.socket.recovered && !this.welcomed) {
        this.welcomed = true
        this.pump()
      }
    })
    this.socket.on('changes', (raw: unknown) => this.onLiveChanges(raw))
    this.socket.on('disconnect', (reason) => this.onDisconnect(String(reason)))
    this.socket.on('connect_error', (err: Error) => this.onConnectError(err))
  }

  get connected(): boolean {
    return this.socket.connected && this.welcomed
  }

  get queued(): number {
    return this.queue.length
  }

  get sending(): number {
    return this.inFlight.size
  }

  onChange(listener: (change: Change) => void): void {
    this.changeListeners.push(listener)
  }

  /** Connects; resolves with the first welcome, rejects on a refused token or protocol. */
  connect(timeoutMs = 15_000): Promise<Welcome> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.firstWelcome = null
        reject(new Error(`${this.opts.name}: no welcome from ${this.opts.hubUrl} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.firstWelcome = {
        resolve: (w) => {
          clearTimeout(timer)
          resolve(w)
        },
        // Also called by close(), so a pending connect never holds the process open.
        reject: (err) => {
          clearTimeout(timer)
          reject(err)
        }
      }
      this.socket.connect()
    })
  }

  /** Queues a command; resolves with its final answer (never rejects). */
  send(command: TypedCommand): Promise<CommandResult> {
    if (this.closed) return Promise.resolve({ ok: false, code: 'closed', message: 'client closed' })
    return new Promise((resolve) => {
      this.queue.push({ command, resolve, attempt: 0, retries: 0 })
      this.pump()
    })
  }

  /** Asks for a sync from the last applied seq (e.g. after an unusable conflict answer). */
  resync(): void {
    void this.sync()
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    for (const t of this.retryTimers) clearTimeout(t)
    this.retryTimers.clear()
    const waiting = [...this.inFlight, ...this.queue]
    this.inFlight.clear()
    this.queue.length = 0
    for (const p of waiting) p.resolve({ ok: false, code: 'closed', message: 'client closed' })
    this.firstWelcome?.reject(new Error(`${this.opts.name}: closed before the hub said welcome`))
    this.firstWelcome = null
    this.socket.removeAllListeners()
    this.socket.disconnect()
  }

  private onWelcome(raw: unknown): void {
    const parsed = Welcome.safeParse(raw)
    if (!parsed.success) {
      this.log(`${this.opts.name}: refused a malformed welcome: ${parsed.error.message.slice(0, 200)}`)
      return
    }
    this.welcomed = true
    if (this.firstWelcome !== null) {
      this.firstWelcome.resolve(parsed.data)
      this.firstWelcome = null
    }
    if (this.opts.follow) void this.sync()
    this.pump()
  }

  private onConnectError(err: Error): void {
    if (err.message === 'unauthorized' || err.message === 'protocol_unsupported') {
      // The hub will refuse every retry the same way; stop and say why.
      this.log(`${this.opts.name}: hub refused the connection: ${err.message}`)
      this.firstWelcome?.reject(new Error(`${this.opts.name}: hub refused the connection: ${err.message}`))
      this.firstWelcome = null
      this.socket.disconnect()
    }
  }

  private onDisconnect(reason: string): void {
    this.welcomed = false
    if (this.closed) return
    this.log(`${this.opts.name}: disconnected (${reason}); will resend ${this.inFlight.size} in flight`)
    // Their acks are lost with the connection: queue them first, same commandId, in order.
    const back = [...this.inFlight]
    this.inFlight.clear()
    this.queue.unshift(...back)
    if (reason === 'io server disconnect') this.socket.connect()
  }

  private pump(): void {
    while (!this.closed && this.connected && this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      this.emit(this.queue.shift() as Pending)
    }
  }

  private emit(p: Pending): void {
    p.attempt++
    if (p.attempt > 1) this.counters.resent++
    const attempt = p.attempt
    this.inFlight.add(p)
    this.socket.timeout(this.ackTimeoutMs).emit('command', p.command, (err: Error | null, raw: unknown) => {
      if (this.closed || p.attempt !== attempt || !this.inFlight.has(p)) return
      this.inFlight.delete(p)
      if (err !== null) {
        // No answer in time: resend the same commandId; the hub answers a repeat from its record.
        this.queue.unshift(p)
      } else {
        this.settle(p, raw)
      }
      this.pump()
    })
  }

  private settle(p: Pending, raw: unknown): void {
    const parsed = CommandAnswer.safeParse(raw)
    if (!parsed.success) {
      this.counters.badAnswers++
      p.resolve({ ok: false, code: 'internal', message: `malformed answer: ${parsed.error.message.slice(0, 200)}` })
      return
    }
    const answer = parsed.data
    if (answer.ok) {
      p.resolve({ ok: true, seq: answer.seq, entity: answer.entity })
      return
    }
    const { code, message, current } = answer.error
    if (RETRY_CODES.includes(code) && p.retries < MAX_RETRIES) {
      p.retries++
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer)
        if (this.closed) return
        this.queue.push(p)
        this.pump()
      }, (this.opts.retryBaseMs ?? 200) * 2 ** (p.retries - 1))
      this.retryTimers.add(timer)
      return
    }
    p.resolve({ ok: false, code, message, current })
  }

  private onLiveChanges(raw: unknown): void {
    if (!this.opts.follow || this.closed) return
    if (this.syncing) {
      // The running sync may end before these; one more pass afterwards catches up.
      this.resyncWanted = true
      return
    }
    const list = typeof raw === 'object' && raw !== null ? (raw as { changes?: unknown }).changes : undefined
    if (!Array.isArray(list)) {
      this.counters.badChanges++
      return
    }
    for (const item of list) {
      const verdict = parseChange(item)
      if (!verdict.ok) {
        this.counters.badChanges++
        this.log(`${this.opts.name}: skipped a bad change (seq ${verdict.seq}): ${verdict.reason}`)
        continue
      }
      const { change } = verdict
      if (change.seq <= this.lastSeq) continue
      if (change.seq > this.lastSeq + 1) {
        void this.sync()
        return
      }
      this.apply(change)
    }
  }

  private apply(change: Change): void {
    this.lastSeq = Math.max(this.lastSeq, change.seq)
    for (const listener of this.changeListeners) listener(change)
  }

  private async sync(): Promise<void> {
    if (this.syncing || this.closed) {
      this.resyncWanted = true
      return
    }
    this.syncing = true
    this.counters.syncs++
    try {
      for (let pages = 0; pages < 100_000 && !this.closed && this.socket.connected; pages++) {
        const raw: unknown = await this.socket
          .timeout(this.ackTimeoutMs)
          .emitWithAck('sync', { sinceSeq: this.lastSeq, limit: SYNC_LIMIT })
        const parsed = SyncAnswer.safeParse(raw)
        if (!parsed.success || !parsed.data.ok) {
          this.log(`${this.opts.name}: sync failed: ${parsed.success ? JSON.stringify(parsed.data) : parsed.error.message.slice(0, 200)}`)
          return
        }
        const answer = parsed.data
        if (answer.reset === true) {
          // The hub compacted past our seq: start over from a full snapshot.
          this.lastSeq = 0
          continue
        }
        for (const item of answer.changes) {
          const verdict = parseChange(item)
          if (verdict.ok) this.apply(verdict.change)
          else this.counters.badChanges++
        }
        if (!answer.more) {
          this.lastSeq = Math.max(this.lastSeq, answer.headSeq)
          return
        }
      }
    } catch (err) {
      this.log(`${this.opts.name}: sync interrupted: ${(err as Error).message}`)
    } finally {
      this.syncing = false
      if (this.resyncWanted && !this.closed && this.socket.connected) {
        this.resyncWanted = false
        void this.sync()
      }
    }
  }
}
