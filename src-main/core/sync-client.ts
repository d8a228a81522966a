// Keeps the cache in step with the hub (docs/protocol.md, "Rules for the console"): welcome,
// reference data, catch-up `sync` until `more` is false, live `changes` with gap detection,
// resets, and a heartbeat that measures the link. All hub data is screened before the store.
// Catch-up paging itself is sync-pages.ts; the options and status types are sync-options.ts.
import { type ConnectionState } from '../../src-shared/api'
import {
  type Change,
  ChangesMessage,
  Notice,
  Presence,
  ReferenceAnswer,
  SyncAnswer,
  Welcome,
  describeIssues
} from '../../src-shared/protocol'
import { HubLink, type RequestOutcome } from './hub-link'
import { LinkQuality } from './link-quality'
import { StorageHealth } from './storage-health'
import { refusal } from './refusal'
import { type ApplyInput, type ApplyResult } from './store'
import {
  DEFAULT_SYNC_TIMING,
  type LinkStatus,
  MAX_SEQ_AHEAD,
  refusalKind,
  sameStreets,
  type SyncClientOptions,
  type SyncSink,
  type SyncTiming
} from './sync-options'
import { type PageRead, readPage, syncPages } from './sync-pages'
import { screenBatch } from './validate-changes'

// Its options, timing and status types live in sync-options.ts; catch-up paging in sync-pages.ts.
export {
  DEFAULT_SYNC_TIMING,
  MAX_SEQ_AHEAD,
  type LinkStatus,
  type SyncClientOptions,
  type SyncSink,
  type SyncTiming
} from './sync-options'

/** How many of our own writes are remembered for their live echo. */
const OWN_WRITES_KEPT = 4096

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
  /** `entity:id` → `version@seq` our own answered commands wrote; their live echo is then not read again. */
  private readonly ownWrites = new Map<string, string>()
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

  /** Records what an apply did to lastSeq (also for command results applied by the outbox). */
  noteOwnWrites(changes: readonly Change[]): void {
    for (const ch of changes) {
      const key = `${ch.entity}:${ch.id}`
      this.ownWrites.delete(key)
      this.ownWrites.set(key, `${ch.version}@${ch.seq}`)
    }
    // An echo lost with a dropped link never comes; keep only the newest few thousand.
    for (const key of this.ownWrites.keys()) {
      if (this.ownWrites.size <= OWN_WRITES_KEPT) break
      this.ownWrites.delete(key)
    }
  }

  /** The seq of a live change that is exactly what one of our own commands already wrote, else null. */
  private readonly ownEcho = (item: unknown): number | null => {
    if (typeof item !== 'object' || item === null) return null
    const { entity, id, version, seq } = item as Record<string, unknown>
    if (typeof entity !== 'string' || typeof id !== 'string' || typeof version !== 'number' || typeof seq !== 'number') return null
    const key = `${entity}:${id}`
    if (this.ownWrites.get(key) !== `${version}@${seq}`) return null
    this.ownWrites.delete(key)
    return seq
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
    const why =
      meta.hubId !== null && meta.hubId !== w.hubId
        ? `another hub (${meta.hubId} → ${w.hubId})`
        : meta.scope !== null && !sameStreets(meta.scope, w.scope.streets)
          ? 'the scope changed'
          : w.headSeq < meta.lastSeq
            ? `the hub is behind the cache (${w.headSeq} < ${meta.lastSeq})`
            : null
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
    const out = await this.request('reference', { have })
    if (out.kind !== 'answer') return
    const answer = ReferenceAnswer.safeParse(out.value)
    if (!answer.success) {
      this.opts.log('error', 'refused bad reference data from the hub', { reason: describeIssues(answer.error) })
      return
    }
    const a = answer.data
    if (!a.ok) {
      this.opts.log('warn', 'the hub refused the reference request', { code: a.error.code, message: a.error.message })
      return
    }
    if ('unchanged' in a) return
    const { ok: _ok, ...ref } = a
    await this.opts.store.setReference(ref)
    this.sink.referenceChanged(ref.version)
  }

  /** Screens each message on its own, then applies them all in one transaction, in order. */
  private async onChanges(payloads: readonly unknown[]): Promise<void> {
    const inputs: ApplyInput[] = []
    const firstSeqs: (number | null)[] = []
    for (const payload of payloads) {
      const msg = ChangesMessage.safeParse(payload)
      if (!msg.success) {
        inputs.push({ changes: [], refused: [refusal(payload, `bad changes message: ${describeIssues(msg.error)}`)], coverage: null })
        firstSeqs.push(null)
        continue
      }
      // The echo of our own answered commands is skipped: the cache holds those rows already.
      const screened = screenBatch(msg.data.changes, this.scope, this.ownEcho, this.status.headSeq + MAX_SEQ_AHEAD)
      const coverage =
        screened.firstSeq !== null && screened.lastSeq !== null ? { from: screened.firstSeq - 1, to: screened.lastSeq } : null
      inputs.push({ changes: screened.accepted, refused: screened.refused, coverage })
      firstSeqs.push(screened.firstSeq)
    }
    const results = await this.opts.store.applyBatches(inputs)
    let gapAt: { lastSeq: number; first: number | null } | null = null
    results.forEach((result, i) => {
      if (result.lastSeq > this.status.headSeq) this.status.headSeq = result.lastSeq
      this.noteApplied(result)
      if (result.gap) gapAt ??= { lastSeq: result.lastSeq, first: firstSeqs[i] ?? null }
    })
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
