// Keeps the app session's console core open (issue 12), through the two storage faults that need
// a new core rather than a retried write. A cache that cannot be opened (locked, a directory in
// its place, no permission) does not stop the app: a standby core shows the storage alarm while
// the real one is tried again at 1 s doubling to 60 s, then swapped in. A cache file that vanished
// and was copied back from the open connection (cache-watch.ts) gets the core closed and opened
// on the copy. Either way the screens are brought up to date with one delta of everything.
import { consoleApiEvents, type ConsoleApi, type ConsoleApiEvent } from '../../src-shared/api'
import type { EventHub } from './event-hub'
import type { Log } from './log'
import { CacheUnavailableError } from './open-cache'
import { standbyCore, type StandbyCore } from './standby-core'
import { DEFAULT_STORAGE_TIMING, type StorageTiming } from './storage-health'

export type CoreLike = {
  api: ConsoleApi
  close(): Promise<void>
  /** Resolves when the cache file vanished and a copy was made: the core is closed and opened again. */
  cacheRescued?: Promise<void>
}
export type CoreTarget = { dataDir: string; hubUrl: string; token: string; demo: boolean }

export type CoreKeeperOptions = {
  openCore(target: CoreTarget): Promise<CoreLike>
  /** The session's events: the core's are forwarded there (not `settings`/`setup`, the session's own). */
  events: EventHub
  log: Log
  now?: () => number
  storageTiming?: Partial<StorageTiming>
  /** A core (real or standby) is in place: calls waiting for one may go on. */
  installed(core: CoreLike): void
  /** Reopening on a rescued cache failed for another reason than storage. */
  reopenFailed(err: Error): void
}

export class CoreKeeper {
  private core: CoreLike | null = null
  private offCore: (() => void)[] = []
  private standby: StandbyCore | null = null
  private retry: NodeJS.Timeout | null = null
  private failures = 0
  private standbySince = ''
  /** Real cores opened so far: from the second on, the screens are brought up to date. */
  private generation = 0
  private reopening: Promise<void> | null = null
  private closed = false

  constructor(private readonly o: CoreKeeperOptions) {}

  get current(): CoreLike | null {
    return this.core
  }

  /** Opens the core; a cache that cannot be opened serves the standby and retries. Other failures are thrown. */
  async open(target: CoreTarget): Promise<void> {
    let core: CoreLike
    try {
      core = await this.o.openCore(target)
    } catch (err) {
      if (!(err instanceof CacheUnavailableError) || this.closed) throw err
      this.standBy(target, err)
      return
    }
    if (this.closed) {
      await core.close()
      return
    }
    const wasStandby = this.standby
    if (wasStandby) {
      this.o.log('info', 'the local cache is open again', { after: this.failures })
      this.detach()
      await wasStandby.close()
      this.standby = null
    }
    this.failures = 0
    this.install(core)
    // Reopened (cache rescued) or after standby: the screens hold what the previous core served.
    if (wasStandby || this.generation > 1) await this.resync(core)
    const rescued = core.cacheRescued
    if (rescued) void rescued.then(() => this.reopen(core, target))
  }

  private standBy(target: CoreTarget, err: CacheUnavailableError): void {
    this.failures += 1
    const timing = { ...DEFAULT_STORAGE_TIMING, ...this.o.storageTiming }
    const delay = Math.min(timing.storageRetryMaxMs, timing.storageRetryBaseMs * 2 ** Math.min(this.failures - 1, 20))
    // `since` is when the trouble began, as for the other storage alarms.
    if (!this.standby) this.standbySince = new Date((this.o.now ?? Date.now)()).toISOString()
    this.o.log('error', 'the local cache cannot be opened; the console runs without it and tries again', {
      kind: err.kind,
      error: err.reason,
      retryInMs: delay
    })
    const alarm = { kind: err.kind, since: this.standbySince, message: err.reason.slice(0, 500) }
    if (this.standby) this.standby.setAlarm(alarm)
    else {
      this.standby = standbyCore({ hubUrl: target.hubUrl, demo: target.demo, alarm, log: this.o.log })
      this.install(this.standby)
    }
    this.retry = setTimeout(() => {
      this.retry = null
      void this.open(target).catch((e: unknown) => this.o.log('error', 'the console could not start', { error: String(e) }))
    }, delay)
    this.retry.unref?.()
  }

  private install(core: CoreLike): void {
    this.core = core
    if (core !== this.standby) this.generation += 1
    for (const event of Object.keys(consoleApiEvents) as ConsoleApiEvent[]) {
      // Display settings and setup come from the session's file, not from the core's cache.
      if (event === 'settings' || event === 'setup') continue
      this.offCore.push(core.api.on(event, (payload) => this.o.events.emit(event, payload as never)))
    }
    this.o.installed(core)
  }

  private detach(): void {
    for (const off of this.offCore.splice(0)) off()
    this.core = null
  }

  /** Everything the new core holds, as one delta: screens booted on the previous core catch up. */
  private async resync(core: CoreLike): Promise<void> {
    const snap = await core.api.getSnapshot()
    const events = this.o.events
    events.emit('status', snap.status)
    events.emit('delta', {
      lastSeq: snap.status.lastSeq,
      incidents: snap.incidents,
      removedIncidentIds: [],
      units: snap.units,
      removedUnitIds: [],
      handovers: snap.handovers,
      removedHandoverIds: [],
      ...(snap.functionalGrids !== undefined ? { functionalGrids: snap.functionalGrids } : {})
    })
    events.emit('outbox', snap.outbox)
    events.emit('presence', snap.presence)
  }

  /** The cache file vanished and was copied from the open connection: close the core, open it on the copy. */
  private reopen(old: CoreLike, target: CoreTarget): Promise<void> {
    if (this.closed || this.core !== old) return Promise.resolve()
    this.reopening = (async () => {
      this.o.log('warn', 'reopening the console core on the rescued cache')
      this.detach()
      // Closed first: the old connection must let go of its files before the copy takes their name.
      await old.close().catch((err: unknown) => this.o.log('warn', 'closing the core on the vanished cache', { error: String(err) }))
      await this.open(target).catch((err: unknown) => {
        this.o.log('error', 'the console could not reopen its cache', { error: String(err) })
        this.o.reopenFailed(err instanceof Error ? err : new Error(String(err)))
      })
    })().finally(() => (this.reopening = null))
    return this.reopening
  }

  async close(): Promise<void> {
    this.closed = true
    await this.reopening?.catch(() => undefined)
    if (this.retry !== null) clearTimeout(this.retry)
    const core = this.core
    this.detach()
    await core?.close()
  }
}
