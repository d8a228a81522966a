// createHub: the reference hub assembled — SQLite store, Socket.IO /v1 on an HTTP server,
// commands, sync, reference, live changes and presence.
import { createServer, type Server as HttpServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { MAX_MESSAGE_BYTES, NAMESPACE, type Notice, type Unit } from '../src-shared/protocol'
import { Broadcaster, DEFAULT_BATCH_MS } from './broadcaster'
import { CommandService } from './command-service'
import { enforceQueueBound, installHandshake, onConnection, VIEWER_ROOM, type HubCore } from './connection'
import { DEFAULT_HANDSHAKE_LIMITS, HandshakeGuard, type HandshakeLimitOptions } from './handshake-guard'
import { acceptPreEncoded, preSerializedParser } from './preserialized'
import { PresenceBook } from './presence'
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limit'
import { DEFAULT_REFERENCE_PATH, DEFAULT_UNITS_PATH, HubReference } from './reference'
import { SampledLog } from './sampled-log'
import { DEFAULT_SEND_BUDGET, SendBudget, type SendBudgetOptions } from './send-budget'
import { seedUnits } from './seed'
import { HubStore, type Synchronous } from './store'
import { loadTokensFile, TokenTable, type TokenConfig } from './tokens'

export interface HubOptions {
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  dbPath: string
  tokens?: TokenConfig[]
  tokensFile?: string
  referencePath?: string
  unitsPath?: string
  /** Already-loaded reference data (wins over the paths). */
  reference?: HubReference
  /** How long tombstones are kept, in ms (default 7 days); a console offline longer resyncs from 0. */
  retainTombstones?: number
  /**
   * How long first answers of commands are kept for repeats, in ms (default 30 days). Longer than
   * tombstones: an outbox resent after a long outage must still be answered, not applied twice.
   */
  retainAnswers?: number
  /** Requests per connection (a token gets `tokenFactor` times this over all its connections). */
  rateLimit?: RateLimitOptions | false
  /** Byte budgets and the unsent-queue bound (see send-budget.ts). */
  sendBudget?: Partial<Omit<SendBudgetOptions, 'requests'>>
  /** Handshake attempts per IP and per engine connection. */
  handshakeLimits?: Partial<HandshakeLimitOptions>
  /** Coalescing window of live `changes`, in ms. */
  batchMs?: number
  synchronous?: Synchronous
  /** Hub clock, for tests that need a fixed day. */
  now?: () => Date
  log?: (msg: string) => void
}

export interface Hub {
  url: string
  port: number
  store: HubStore
  reference: HubReference
  tokens: TokenConfig[]
  /** Answers a command as if it came from `token`'s user on `consoleId` (tests, seeding, admin tools). */
  command: CommandService['handle']
  /** The hub's clock (a test's shifted one): what issued times of commands made for it must be near (rev 1.7). */
  now(): Date
  notice(level: Notice['level'], text: string): Notice
  invalidCount(consoleId: string): number
  /** Drops expired tombstones now (also runs hourly). */
  purge(): Promise<{ tombstones: number; minSeq: number }>
  close(): Promise<void>
}

const DAY_MS = 24 * 60 * 60 * 1000
const PURGE_EVERY_MS = 60 * 60 * 1000
/** How often every connection's unsent queue is checked (a stalled reader that sends nothing still receives changes). */
const QUEUE_SWEEP_MS = 1000

async function loadTokens(opts: HubOptions): Promise<TokenConfig[]> {
  const fromFile = opts.tokensFile !== undefined ? await loadTokensFile(opts.tokensFile) : []
  return [...(opts.tokens ?? []), ...fromFile]
}

function listen(http: HttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, host, () => {
      http.off('error', reject)
      resolve((http.address() as AddressInfo).port)
    })
  })
}

export async function createHub(opts: HubOptions): Promise<Hub> {
  const log = opts.log ?? (() => undefined)
  const host = opts.host ?? '127.0.0.1'
  const tokens = new TokenTable(await loadTokens(opts))
  const reference =
    opts.reference ??
    (await HubReference.load(opts.referencePath ?? DEFAULT_REFERENCE_PATH, opts.unitsPath ?? DEFAULT_UNITS_PATH))
  const store = await HubStore.open(opts.dbPath, { synchronous: opts.synchronous ?? 'NORMAL' })
  const retain = opts.retainTombstones ?? 7 * DAY_MS
  const retainAnswers = opts.retainAnswers ?? 30 * DAY_MS
  const purge = () => store.purge(now().getTime() - retain, now().getTime() - retainAnswers)
  const now = opts.now ?? (() => new Date())

  try {
    await seedUnits(store, reference.units)
    await purge()
  } catch (err) {
    await store.close()
    throw err
  }

  const units = new Map<string, Unit>((await store.listUnits()).map((u) => [u.id, u]))
  const presence = new PresenceBook(await store.claimsByConsole())

  const http = createServer()
  const io = new Server(http, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    // The reference answer is serialised once and spliced into each packet (preserialized.ts).
    parser: preSerializedParser,
    cors: { origin: true },
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false }
  })
  const nsp = io.of(NAMESPACE)
  const broadcaster = new Broadcaster(nsp, opts.batchMs ?? DEFAULT_BATCH_MS)

  let presenceTimer: NodeJS.Timeout | null = null
  const broadcastPresence = (): void => {
    // Coalesced like changes: a burst of claims or reconnects sends one presence.
    if (presenceTimer !== null) return
    presenceTimer = setTimeout(() => {
      presenceTimer = null
      // Viewers (walls) see how many consoles are connected, never who or with which ids (rev 1.4).
      const snap = presence.snapshot()
      nsp.except(VIEWER_ROOM).emit('presence', snap)
      nsp.to(VIEWER_ROOM).emit('presence', { consoles: [], count: snap.consoles.length })
    }, opts.batchMs ?? DEFAULT_BATCH_MS)
  }

  store.onCommit((changes) => {
    broadcaster.push(changes)
    let claimsMoved = false
    for (const change of changes) {
      if (change.entity === 'unit' && change.data !== null) units.set(change.id, change.data)
      if (change.entity === 'incident') {
        const owner = change.data?.claimedBy?.consoleId ?? null
        if (presence.setClaim(change.id, owner)) claimsMoved = true
      }
    }
    if (claimsMoved) broadcastPresence()
  })

  const commands = new CommandService({ store, reference, tokens, units, now, log })
  const core: HubCore = {
    nsp,
    store,
    reference,
    tokens,
    commands,
    presence,
    broadcaster,
    budget: new SendBudget({ ...DEFAULT_SEND_BUDGET, ...opts.sendBudget, requests: opts.rateLimit ?? DEFAULT_RATE_LIMIT }),
    guard: new HandshakeGuard({ ...DEFAULT_HANDSHAKE_LIMITS, ...opts.handshakeLimits }),
    invalidCounts: new Map(),
    log,
    sampled: new SampledLog(log),
    broadcastPresence
  }
  installHandshake(core)
  nsp.on('connection', (socket) => {
    try {
      onConnection(core, socket)
    } catch (err) {
      // One console's broken setup must not take the hub down; it reconnects and tries again.
      log(`connection setup failed for ${socket.id}: ${(err as Error).stack ?? String(err)}`)
      socket.disconnect(true)
    }
  })
  io.engine.on('connection', (conn: Parameters<typeof acceptPreEncoded>[0]) => acceptPreEncoded(conn))
  io.engine.on('connection_error', (err: { message?: string }) =>
    core.sampled.note(`engine connection error: ${err.message ?? ''}`, `engine connection error: ${err.message ?? ''}`)
  )
  const queueSweep = setInterval(() => {
    for (const socket of nsp.sockets.values()) enforceQueueBound(core, socket)
  }, QUEUE_SWEEP_MS)
  queueSweep.unref()

  const port = await listen(http, host, opts.port ?? 0).catch(async (err: unknown) => {
    clearInterval(queueSweep)
    core.sampled.stop()
    io.close()
    await store.close()
    throw err
  })
  const purgeTimer = setInterval(() => {
    purge().catch((err: unknown) => log(`purge failed: ${String(err)}`))
  }, PURGE_EVERY_MS)
  purgeTimer.unref()

  let closing: Promise<void> | null = null
  const hostForUrl = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    store,
    reference,
    tokens: tokens.all(),
    command: (raw, caller) => commands.handle(raw, caller),
    now,
    notice(level, text) {
      const notice: Notice = { id: `notice-${randomUUID()}`, level, text, at: new Date().toISOString() }
      nsp.emit('notice', notice)
      return notice
    },
    // By the client's own consoleId (what tests and admin tools know); counts are kept under the bound id.
    invalidCount: (consoleId) => [...core.invalidCounts].reduce((n, [id, c]) => (id === consoleId || id.endsWith(`:${consoleId}`) ? n + c : n), 0),
    purge,
    close() {
      closing ??= (async () => {
        clearInterval(purgeTimer)
        clearInterval(queueSweep)
        core.sampled.stop()
        if (presenceTimer !== null) clearTimeout(presenceTimer)
        broadcaster.flush()
        broadcaster.stop()
        await new Promise<void>((resolve) => io.close(() => resolve()))
        await store.close()
      })()
      return closing
    }
  }
}
