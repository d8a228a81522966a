// openConsole: the main-process core behind ConsoleApi. Opens (or rebuilds) the cache, starts
// the sync client and the outbox, and answers every method from the cache, so the console is
// fully usable with the hub down. Carriers (Electron IPC, web host) wrap `api`.
import { hubUrlProblem } from './transport-rules'
import { join } from 'node:path'
import {
  type ConsoleApi,
  type ConsoleStatus,
  DEFAULT_FINISHED_RETENTION,
  type Delta,
  FinishedRetention,
  type Settings,
  type Snapshot,
  fail,
  ok
} from '../../src-shared/api'
import { type Notice, type Presence } from '../../src-shared/protocol'
import { DeltaCoalescer } from './delta-coalescer'
import { EventHub } from './event-hub'
import { type Log, silentLog } from './log'
import { type CacheNotice, openCache } from './open-cache'
import { CacheWatch } from './cache-watch'
import { Outbox, type OutboxTiming } from './outbox'
import { CommandJournal } from './command-journal'
import { ClaimChain, issueThroughIntake } from './command-intake'
import { mergeSettings } from './settings'
import { fixedSetupMethods } from './setup-fixed'
import { emptyDelta, isEmptyDelta } from './delta-builder'
import { LiveSet, type LiveSetChange, type LiveSetTiming } from './live-set'
import { casesCsvFor, chartsFor, figureCasesFor, figuresFor } from './report/figures-service'
import { type ApplyResult, type Store } from './store'
import { SyncClient, type SyncTiming } from './sync-client'
import { StorageHealth, type StorageTiming } from './storage-health'

export type OpenConsoleOptions = {
  dataDir: string
  hubUrl: string
  token: string
  demo?: boolean
  log?: Log
  now?: () => number
  /** File name of the cache inside dataDir. */
  cacheFile?: string
  /** Shorter timers for tests. */
  timing?: Partial<SyncTiming & OutboxTiming & LiveSetTiming & StorageTiming>
  /**
   * How long finished cases stay in what the renderer is handed (snapshot and deltas); the cache keeps
   * everything. Default: since the start of the centre's working day. Checked with its schema here.
   */
  finishedRetention?: FinishedRetention
}

export type ConsoleCore = {
  api: ConsoleApi
  store: Store
  close(): Promise<void>
  /** Issue 12: what this seat issued and the hub's answers, 90 days. */
  journal: CommandJournal
  /** Issue 12: resolves when the cache file vanished and was copied back: close and open the core again. */
  cacheRescued: Promise<void>
  debug: {
    sync: SyncClient
    outbox: Outbox
    liveSet: LiveSet
    status(): ConsoleStatus
    /** Resolves once a sync run in progress (if any) and the outbox sender are idle. */
    settle(): Promise<void>
  }
}

export const CACHE_FILE = 'console-cache.sqlite'
const MAX_NOTICES = 50
const STATUS_FRAME_MS = 16

export async function openConsole(opts: OpenConsoleOptions): Promise<ConsoleCore> {
  const log = opts.log ?? silentLog
  const now = opts.now ?? Date.now
  // Before anything is opened: a hub that would get the token in clear is refused outright.
  const urlProblem = hubUrlProblem(opts.hubUrl)
  if (urlProblem !== null) throw new Error(urlProblem)
  const retention = parseRetention(opts.finishedRetention)
  const cachePath = join(opts.dataDir, opts.cacheFile ?? CACHE_FILE)
  const opened = await openCache(cachePath, { log, now })
  const store = opened.store
  const meta = await store.getMeta()
  const events = new EventHub(log)
  // One storage alarm for the cache: raised by any failed write, cleared by the next one that lands.
  const health = new StorageHealth(now, opts.timing)
  store.db.watch({ failed: (err, path) => health.failed(err, path), succeeded: () => health.succeeded() })
  // A write never fails on a file deleted under it: look for that while idle (issue 12).
  const cacheWatch = new CacheWatch({ path: cachePath, db: store.db, health, log, intervalMs: opts.timing?.cacheCheckMs })
  await cacheWatch.start()

  let settings: Settings = meta.settings
  let referenceVersion = meta.referenceVersion
  let rejectedChanges = 0
  let presence: Presence = { consoles: [] }
  const notices: Notice[] = []
  const cacheNotice: CacheNotice | null = opened.notice

  const deltas = new DeltaCoalescer((d) => events.emit('delta', d))

  // The live set needs the sync client's clock and lastSeq, and the client needs the live set: the
  // reference is filled in right after the client is made, before anything runs.
  let syncRef: SyncClient | null = null
  const hubNow = (): number => now() + (syncRef?.status.clockSkewMs ?? 0)
  const liveSet = new LiveSet(
    {
      retention,
      hubNow,
      loadFinishedSince: (sinceMs) => store.listFinishedSince(sinceMs),
      emit: (change: LiveSetChange) => {
        const delta = emptyDelta(syncRef?.currentLastSeq ?? meta.lastSeq)
        delta.incidents = change.upserted
        delta.removedIncidentIds = change.removed
        deltas.push(delta)
      },
      onError: (err) => log('error', 'live set sweep failed', { error: String(err) }),
      timing: opts.timing
    },
    await store.getUtcOffsetMinutes()
  )
  liveSet.init(await store.listLiveIncidentTimes(liveSet.windowStart()))
  const forward = (delta: Delta): void => {
    const narrowed = liveSet.narrow(delta)
    if (!isEmptyDelta(narrowed)) deltas.push(narrowed)
  }

  let lastStatusJson = ''
  let statusTimer: NodeJS.Timeout | null = null
  const statusChanged = (): void => {
    statusTimer ??= setTimeout(() => {
      statusTimer = null
      const s = status()
      const json = JSON.stringify(s)
      if (json === lastStatusJson) return
      lastStatusJson = json
      events.emit('status', s)
    }, STATUS_FRAME_MS)
  }

  const onApplied = (result: ApplyResult): void => {
    if (result.refused.length > 0) {
      rejectedChanges += result.refused.length
      for (const r of result.refused.slice(0, 5)) {
        log('warn', 'refused a change from the hub', { seq: r.seq, entity: r.entity, id: r.id, reason: r.reason })
      }
    }
    forward(result.delta)
    statusChanged()
  }

  const sync = new SyncClient(
    {
      store,
      hubUrl: opts.hubUrl,
      token: opts.token,
      consoleId: meta.consoleId,
      lastSeq: meta.lastSeq,
      scope: meta.scope,
      user: meta.user,
      log,
      now,
      timing: opts.timing,
      health
    },
    {
      applied: onApplied,
      cleared: (delta: Delta) => {
        forward(delta)
        statusChanged()
      },
      referenceChanged: (version) => {
        referenceVersion = version
        statusChanged()
        // The working day may be reckoned in another zone now.
        store
          .getUtcOffsetMinutes()
          .then((offset) => liveSet.setUtcOffset(offset))
          .catch((err: unknown) => log('error', 'could not follow the new calendar', { error: String(err) }))
      },
      linkChanged: () => {
        statusChanged()
        // The welcome brings the hub's clock: this computer's may have been far off until then.
        liveSet.checkClock().catch((err: unknown) => log('error', 'could not follow the hub clock', { error: String(err) }))
      },
      presence: (p) => {
        presence = p
        events.emit('presence', p)
      },
      notice: (n) => {
        notices.push(n)
        if (notices.length > MAX_NOTICES) notices.shift()
        events.emit('notice', n)
      },
      online: () => outbox.kick()
    }
  )

  syncRef = sync

  const journal = new CommandJournal(store.db, log, now)
  await journal.prune().catch((err: unknown) => log('warn', 'could not prune the command journal', { error: String(err) }))
  const outbox: Outbox = new Outbox({
    store,
    channel: sync,
    log,
    // Rev 1.7: commands are stamped with the hub-corrected clock (the hub bounds issuedAt by its own).
    now: hubNow,
    journal: journal.hook(() => sync.status.user),
    timing: opts.timing,
    health,
    onChange: (entries) => {
      events.emit('outbox', entries)
      statusChanged()
      // Issue 16: a claim on accept goes out only after its accept is applied (command-intake.ts).
      claimChain.onOutbox(entries).catch((err: unknown) => log('warn', 'claim on accept failed', { error: String(err) }))
    }
  })
  const claimChain = new ClaimChain({ outbox, getIncident: (id) => store.getIncident(id), log })
  await outbox.load()
  health.onChange(() => {
    if (health.alarm !== null) log('error', 'storage alarm', { kind: health.alarm.kind, since: health.alarm.since })
    else {
      log('info', 'storage recovered: the cache is written again')
      // Answers that could not be written down are sent again (same commandIds) now, not at the next backoff.
      outbox.kick()
    }
    statusChanged()
  })

  function status(): ConsoleStatus {
    const link = sync.status
    const lastSeq = sync.currentLastSeq
    return {
      consoleId: meta.consoleId,
      connection: link.connection,
      hubUrl: opts.hubUrl,
      demo: opts.demo ?? false,
      // A viewer check is the carrier's job: it knows which client holds which token.
      access: 'operator',
      user: link.user,
      scopeStreets: link.scopeStreets,
      lastSeq,
      headSeq: Math.max(link.headSeq, lastSeq),
      outboxCount: outbox.list().length,
      rejectedChanges,
      lastContactAt: link.lastContactAt,
      hubRefusal: link.hubRefusal,
      rttMs: link.rttMs,
      clockSkewMs: link.clockSkewMs,
      referenceVersion,
      cacheNotice,
      storage: health.alarm,
      // Rev 1.8: absent until a welcome lists features (an older hub lists none).
      ...(link.hubFeatures !== undefined ? { hubFeatures: link.hubFeatures } : {})
    }
  }

  const api: ConsoleApi = {
    async getSnapshot(): Promise<Snapshot> {
      const [incidents, units, handovers, functionalGrids] = await Promise.all([
        store.listLiveIncidentSummaries(liveSet.windowStart()),
        store.listUnits(),
        store.listHandovers(),
        store.listFunctionalGrids()
      ])
      const snapshot: Snapshot = { status: status(), incidents, units, handovers, outbox: outbox.list(), presence, notices: [...notices] }
      // Rev 1.8: absent when the cache holds none (an older hub sends none); the wall draws them too.
      if (functionalGrids.length > 0) snapshot.functionalGrids = functionalGrids
      return snapshot
    },
    getReference: () => store.getReference(),
    getIncident: (id) => store.getIncident(id),
    // The whole cache, not the live set: a case closed before today is still found (and then read
    // with getIncident like any other).
    findIncidents: (query, limit) => store.findIncidentSummaries(query, limit),
    findIncidentMatches: (query, limit) => store.findIncidentMatches(query, limit),
    getSettings: () => Promise.resolve(settings),
    issueCommand: (request) => issueThroughIntake(outbox, settings, request, claimChain),
    resolveOutbox: (commandId, resolution) => outbox.resolve(commandId, resolution),
    async updateSettings(update) {
      const merged = mergeSettings(settings, update)
      if (!merged.ok) return fail('invalid', 'the settings are not valid', merged.issues)
      try {
        await store.setMeta({ settings: merged.value })
      } catch (err) {
        log('error', 'could not save the settings', { error: String(err) })
        return fail('storage', 'the settings could not be saved on this computer')
      }
      settings = merged.value
      events.emit('settings', settings)
      return ok(settings)
    },
    getFigures: (query) => figuresFor(store, query, hubNow()),
    listFigureCases: (query, drill) => figureCasesFor(store, query, drill, hubNow()),
    exportCasesCsv: (query) => casesCsvFor(store, query),
    getFigureCharts: (query) => chartsFor(store, query),
    on: (event, listener) => events.on(event, listener),
    // Issue 12: a core opened on its own has a fixed hub; the app session answers these instead.
    ...fixedSetupMethods({ hubUrl: opts.hubUrl, demo: opts.demo ?? false, dataDir: opts.dataDir, log })
  }

  // Offline-first: nothing above waited for the hub; the link comes up in the background.
  sync.start()
  statusChanged()

  let closed = false
  return {
    api,
    store,
    journal,
    cacheRescued: cacheWatch.rescued,
    debug: {
      sync,
      outbox,
      liveSet,
      status,
      async settle() {
        await sync.runSync()
        await outbox.idle()
      }
    },
    async close() {
      if (closed) return
      closed = true
      cacheWatch.close()
      await sync.close()
      await outbox.close()
      await journal.flush()
      liveSet.close()
      deltas.cancel()
      if (statusTimer !== null) clearTimeout(statusTimer)
      events.clear()
      await store.close()
    }
  }
}

/** The retention option as given, or the default; a bad one is a programming error at start-up. */
function parseRetention(given: FinishedRetention | undefined): FinishedRetention {
  if (given === undefined) return DEFAULT_FINISHED_RETENTION
  const parsed = FinishedRetention.safeParse(given)
  if (!parsed.success) throw new Error(`finishedRetention is not valid: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
}
