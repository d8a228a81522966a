// Keeps the cache in step with the hub (docs/protocol.md, "Rules for the console"): welcome,
// reference data, catch-up `sync` until `more` is false, live `changes` with gap detection,
// resets, and a heartbeat that measures the link. All hub data is screened before the store.
// Catch-up paging itself is sync-pages.ts, live changes sync-live.ts, the reference fetch
// sync-reference.ts, the welcome's cache check sync-welcome.ts, our own writes' echoes
// own-writes.ts; options and status types sync-options.ts (re-exported here).
import { type ConnectionState } from '../../src-shared/api'
import { type Change, Notice, Presence, SyncAnswer, Welcome, describeIssues } from '../../src-shared/protocol'
import { HubLink, type RequestOutcome } from './hub-link'
import { LinkQuality } from './link-quality'
import { OwnWrites } from './own-writes'
import { StorageHealth } from './storage-health'
import { type ApplyResult } from './store'
import {
  DEFAULT_SYNC_TIMING,
  type LinkStatus,
  refusalKind,
  type SyncClientOptions,
  type SyncSink,
  type SyncTiming
} from './sync-options'
import { applyLiveChanges } from './sync-live'
import { type PageRead, readPage, syncPages } from './sync-pages'
import { fetchReferenceData } from './sync-reference'
import { cacheMismatch } from './sync-welcome'

export { DEFAULT_SYNC_TIMING, MAX_SEQ_AHEAD, type LinkStatus, type SyncClientOptions, type SyncSink, type SyncTiming } from './sync-options'

export class SyncClient {
  readonly status: LinkStatus = {
    connection: 'connecting',
    user: null,
    scopeStreets: [],
    headSeq: 0,
    lastContactAt: null,
    hubRefusal: null,
    rttMs: null,
    clockSkewMs: 0
  }
  private readonly timing: SyncTiming
  private readonly link: HubLink
  private readonly quality: LinkQuality
  private lastSeq: number
  private scope: ReadonlySet<string> | null = null
  private welcomed = false
  private syncing: Promise<void> | null = null
  private syncAgain = false
  private liveChain: Promise<void> = Promise.resolve()
  /** Live `changes` messages received and not yet handed to the store, in arrival order. */
  private livePending: unknown[] = []
  /** What our own answered commands wrote; their live echo is then not read again. */
  private readonly ownWrites = new OwnWrites()
  private heartbeat: NodeJS.Timeout | null = null
  private heartbeatBusy = false
  /** lastSeq seen at the previous heartbeat that found the hub ahead; twice in a row means lost changes. */
  private behindAt: number | null = null
  /** serverTime − receipt of the welcome, until the first round trip gives the one-way delay. */
  private rawSkew: number | null = null
  private closed = false
  /** The one pending retry after a storage failure (welcome or sync); never more than one. */
  private storageRetry: NodeJS.Timeout | null = null
  /** A welcome that could not be written down: it is handled again when the retry fires. */
  private pendingWelcome: unknown = null
  private readonly health: StorageHealth

  constructor(
    private readonly opts: SyncClientOptions,
    private readonly sink: SyncSink
  ) {
    this.timing = { ...DEFAULT_SYNC_TIMING, ...opts.timing }
    this.lastSeq = opts.lastSeq
    this.health = opts.health ?? new StorageHealth(opts.now)
    this.scope = opts.scope === null ? null : new Set(opts.scope)
    this.status.user = opts.user
    this.status.scopeStreets = opts.scope === null ? [] : [...opts.scope]
    this.quality = new LinkQuality(this.timing.degradedRttMs)
    this.link = new HubLink(
      {
        hubUrl: opts.hubUrl,
        token: opts.token,
        consoleId: opts.consoleId,
        lastSeq: () => this.lastSeq,
        log: opts.log,
        now: opts.now,
        reconnectDelayMs: this.timing.reconnectDelayMs,
        reconnectDelayMaxMs: this.timing.reconnectDelayMaxMs,
        refusedRetryMs: this.timing.refusedRetryMs,
        connectTimeoutMs: this.timing.ackTimeoutMs
      },
      {
        connected: () => this.setConnection('connecting'),
        disconnected: () => this.onDisconnected(),
        refused: (code) => {
          this.status.hubRefusal = refusalKind(code)
          this.onDisconnected()
        },
        contact: () => {
          this.status.lastContactAt = new Date(this.opts.now()).toISOString()
        },
        message: (event, payload) => this.onMessage(event, payload)
      }
    )
  }

  start(): void {
    this.link.start()
    this.heartbeat = setInterval(() => void this.beat(), this.timing.heartbeatMs)
    this.heartbeat.unref?.()
  }

  /** True once welcomed on the current connection: commands may be sent. */
  get isOnline(): boolean {
    return this.welcomed && this.link.connected
  }

  get currentLastSeq(): number {
    return this.lastSeq
  }

  get scopeSet(): ReadonlySet<string> | null {
    return this.scope
  }

  request(event: string, payload: unknown, timeoutMs = this.timing.ackTimeoutMs): Promise<RequestOutcome> {
    return this.link.request(event, payload, timeoutMs)
  }

  /** Records what our own answered commands wrote (the outbox calls it), for their live echo. */
  noteOwnWrites(changes: readonly Change[]): void {
    this.ownWrites.note(changes)
  }

  noteApplied(result: ApplyResult): void {
    this.lastSeq = result.lastSeq
    this.sink.applied(result)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.heartbeat !== null) clearInterval(this.heartbeat)
    if (this.storageRetry !== null) clearTimeout(this.storageRetry)
    this.link.close()
    await Promise.allSettled([this.syncing, this.liveChain])
  }

  // ---- connection state ------------------------------------------------------------------

  private setConnection(state: ConnectionState): void {
    if (this.status.connection === state) return
    this.status.connection = state
    this.sink.linkChanged()
  }

  private onDisconnected(): void {
    this.welcomed = false
    this.quality.reset()
    this.status.rttMs = null
    this.setConnection('offline')
    this.sink.linkChanged()
  }

  private refreshQuality(): void {
    if (!this.isOnline) return
    this.status.rttMs = this.quality.rttMs
    this.setConnection(this.quality.degraded ? 'degraded' : 'online')
    this.sink.linkChanged()
  }

  // ---- hub messages ----------------------------------------------------------------------

  private onMessage(event: string, payload: unknown): void {
    if (this.closed) return
    switch (event) {
      case 'welcome':
        this.pendingWelcome = null
        this.handleWelcome(payload)
        return
      case 'changes':
        // While the cache cannot be written, live changes are left to the retried sync, which
        // fetches them again from lastSeq: one write attempt per backoff step, not one per message.
        if (this.health.alarm !== null) return
        // Messages that arrive while earlier ones are being written wait here and are then written
        // together, in one transaction: a burst costs one commit, not one per message.
        this.livePending.push(payload)
        if (this.livePending.length === 1) {
          this.liveChain = this.liveChain
            .then(() => this.onChanges(this.livePending.splice(0)))
            .catch((err: unknown) => {
              if (!this.storageFailed(err)) this.opts.log('error', 'applying live changes failed', { error: String(err) })
            })
        }
        return
      case 'presence': {
        const p = Presence.safeParse(payload)
        if (p.success) this.sink.presence(p.data)
        else this.opts.log('warn', 'refused a bad presence message', { reason: describeIssues(p.error) })
        return
      }
      case 'notice': {
        const n = Notice.safeParse(payload)
        if (n.success) this.sink.notice(n.data)
        else this.opts.log('warn', 'refused a bad notice', { reason: describeIssues(n.error) })
        return
      }
      default:
        this.opts.log('debug', 'ignored an unknown hub event', { event: event.slice(0, 64) })
    }
  }

  private handleWelcome(payload: unknown): void {
    void this.onWelcome(payload).catch((err: unknown) => {
      if (this.storageFailed(err)) {
        this.pendingWelcome = payload
        return
      }
      this.opts.log('error', 'handling the welcome failed', { error: String(err) })
    })
  }

  /**
   * True when err is a storage failure: the alarm is raised and one retry is set on its backoff
   * (the welcome again if it was not written down, else a sync from lastSeq). Nothing else retries
   * meanwhile: the heartbeat and live changes leave it to this timer.
   */
  private storageFailed(err: unknown): boolean {
    if (!this.health.failed(err)) return false
    const delay = this.health.retryDelayMs()
    this.opts.log('error', 'the cache could not be written; retrying later', {
      kind: this.health.alarm?.kind,
      error: String(err),
      inMs: delay
    })
    this.sink.linkChanged()
    if (this.storageRetry !== null || this.closed) return true
    this.storageRetry = setTimeout(() => {
      this.storageRetry = null
      if (this.closed || !this.link.connected) return
      const welcome = this.pendingWelcome
      this.pendingWelcome = null
      if (welcome !== null) this.handleWelcome(welcome)
      else if (this.isOnline) void this.runSync()
    }, delay)
    this.storageRetry.unref?.()
    return true
  }

  private async onWelcome(payload: unknown): Promise<void> {
    const receivedAt = this.opts.now()
    const parsed = Welcome.safeParse(payload)
    if (!parsed.success) {
      // Without a valid welcome nothing the hub says can be placed: drop and try again later.
      this.opts.log('error', 'refused a bad welcome from the hub', { reason: describeIssues(parsed.error) })
      this.link.bounce()
      return
    }
    const w = parsed.data
    const store = this.opts.store
    const meta = await store.getMeta()
    // The cache only means something against the same hub, scope and seq history.
    const why = cacheMismatch(meta, w)
    if (why !== null) await this.clearCache(why)
    await store.setMeta({ hubId: w.hubId, scope: w.scope.streets, user: w.user, headSeq: w.headSeq })
    this.scope = new Set(w.scope.streets)
    this.status.user = w.user
    this.status.scopeStreets = w.scope.streets
    this.status.headSeq = w.headSeq
    this.status.hubFeatures = w.features
    this.rawSkew = Date.parse(w.serverTime) - receivedAt
    this.status.clockSkewMs = this.rawSkew
    this.welcomed = true
    this.status.hubRefusal = null
    this.behindAt = null
    this.setConnection('online')
    this.sink.linkChanged()
    this.sink.online()
    // Measure the link at once: the first round trip also corrects the clock skew.
    void this.beat()
    if (w.referenceVersion === null || w.referenceVersion !== meta.referenceVersion) {
      await this.fetchReference(meta.referenceVersion)
    }
    await this.runSync()
  }

  private async clearCache(why: string): Promise<void> {
    this.opts.log('warn', 'dropping the cached entities and syncing from 0', { why })
    const delta = await this.opts.store.clearEntities()
    this.lastSeq = 0
    this.sink.cleared(delta)
  }

  private async fetchReference(have: string | null): Promise<void> {
    const version = await fetchReferenceData(have, {
      request: (event, payload) => this.request(event, payload),
      store: this.opts.store,
      log: this.opts.log
    })
    if (version !== null) this.sink.referenceChanged(version)
  }

  /** Screens and applies live messages in one transaction (sync-live.ts); a gap starts a sync. */
  private async onChanges(payloads: readonly unknown[]): Promise<void> {
    const { results, gapAt } = await applyLiveChanges(payloads, {
      store: this.opts.store,
      scope: this.scope,
      ownEcho: this.ownWrites.echo,
      headSeq: this.status.headSeq
    })
    for (const result of results) {
      if (result.lastSeq > this.status.headSeq) this.status.headSeq = result.lastSeq
      this.noteApplied(result)
    }
    if (gapAt !== null) {
      this.opts.log('info', 'gap in live changes, syncing', gapAt)
      void this.runSync()
    }
  }

  // ---- catch-up --------------------------------------------------------------------------

  /** Syncs from lastSeq until the hub says there is no more; concurrent calls join one run. */
  runSync(): Promise<void> {
    if (this.syncing !== null) {
      this.syncAgain = true
      return this.syncing
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false
          await this.syncPages()
        } while (this.syncAgain && this.isOnline && !this.closed)
      } catch (err) {
        if (!this.storageFailed(err)) this.opts.log('error', 'sync failed', { error: String(err) })
      } finally {
        this.syncing = null
      }
    })()
    return this.syncing
  }

  /** Asks for the page after `sinceSeq`; read (parsed and screened) as soon as it arrives. */
  private fetchPage(sinceSeq: number): Promise<PageRead> {
    return this.request('sync', { sinceSeq, limit: this.timing.syncPageLimit }).then((out) => readPage(out, this.scope))
  }

  private syncPages(): Promise<void> {
    return syncPages({
      lastSeq: () => this.lastSeq,
      running: () => this.isOnline && !this.closed,
      fetchPage: (sinceSeq) => this.fetchPage(sinceSeq),
      clearCache: (why) => this.clearCache(why),
      store: this.opts.store,
      log: this.opts.log,
      status: this.status,
      noteApplied: (result) => this.noteApplied(result)
    })
  }

  // ---- heartbeat -------------------------------------------------------------------------

  private async beat(): Promise<void> {
    if (!this.isOnline || this.heartbeatBusy || this.closed) return
    this.heartbeatBusy = true
    try {
      const sinceSeq = this.status.headSeq
      const out = await this.request('sync', { sinceSeq, limit: 1 }, Math.min(this.timing.ackTimeoutMs, 5000))
      if (out.kind === 'disconnected') return
      if (out.kind === 'timeout') {
        this.quality.record(null)
        this.refreshQuality()
        return
      }
      this.quality.record(out.rttMs)
      if (this.rawSkew !== null) {
        // The welcome was written about half a round trip before it arrived.
        this.status.clockSkewMs = Math.round(this.rawSkew + out.rttMs / 2)
        this.rawSkew = null
      }
      const answer = SyncAnswer.safeParse(out.value)
      if (answer.success && answer.data.ok && answer.data.reset !== true) {
        this.status.headSeq = Math.max(this.status.headSeq, answer.data.headSeq)
      }
      this.refreshQuality()
      // Live changes can be lost without a disconnect; two beats behind at the same lastSeq means so.
      if (this.health.alarm !== null) {
        // The storage retry owns catching up while the cache cannot be written.
        this.behindAt = null
      } else if (this.status.headSeq > this.lastSeq && this.syncing === null) {
        if (this.behindAt === this.lastSeq) void this.runSync()
        this.behindAt = this.lastSeq
      } else {
        this.behindAt = null
      }
    } finally {
      this.heartbeatBusy = false
    }
  }
}
