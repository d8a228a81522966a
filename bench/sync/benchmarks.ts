// The sync benchmarks of issue 4, each measured against its naive baseline in the same run:
// live ingest into the cache, catch-up of 100,000 changes from the reference hub, outbox drain.
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import { openCache } from '../../src-main/core/open-cache'
import { SyncClient } from '../../src-main/core/sync-client'
import type { Command } from '../../src-shared/protocol'
import { startFaultProxy } from '../../tests/helpers/fault-proxy'
import { DEFAULT_SYNC_TIMING } from '../../src-main/core/sync-client'
import { makeIncident } from '../../tests/fixtures/entities'
import { type Floor, fsyncProbe, rawSocketRate, sqliteBulkInsert, syncPull } from '../floors'
import { type PhaseRunner, type Progress, unbounded } from '../harness'
import { startHubChild } from './hub-child-process'
import { NaiveSender, NaiveStore, connectBare } from './naive'

export type Measured = {
  name: string
  unit: string
  /** What the console core does. */
  core: number
  baseline: number
  /** True when a larger figure is better (a rate); false for a time. */
  higherIsBetter: boolean
  /** The issue's absolute target for `core`. */
  target: number
  notes: string
  /** The machine's own limits measured in the same run, in the figure's unit (see bench/floors.ts). */
  floors?: Floor[]
}

/** How a sync bench is run: its sizes, and the harness's phases (bounded, with progress). */
export type SyncRun<S> = { sizes: S; phase: PhaseRunner; signal: AbortSignal }

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-bench-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Polls `cond`; `far` reports progress as it goes; stops when the harness aborts the phase. */
async function until(cond: () => boolean, timeoutMs: number, what: string, signal?: AbortSignal, far?: () => void): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error(`benchmark timed out waiting for ${what}`)
    if (signal?.aborted) throw new Error(`stopped waiting for ${what}: ${String(signal.reason)}`)
    far?.()
    await new Promise((r) => setTimeout(r, 2))
  }
  far?.()
}

/** The JSON of one incident as the wire and the cache carry it: the row size of the SQLite floor. */
const INCIDENT_JSON = JSON.stringify(makeIncident({ id: 'inc-floor', seq: 1, version: 1, title: '基准事件 0' }))

const silent = (): void => undefined
const HERE = dirname(fileURLToPath(import.meta.url))

// ---- ingest ------------------------------------------------------------------------------------

export type IngestSizes = { changes: number; baselineChanges: number }
export const INGEST_SIZES = { full: { changes: 50_000, baselineChanges: 10_000 }, quick: { changes: 3_000, baselineChanges: 1_000 } }
const INGEST_BATCH = 500

/** A SyncClient over the naive store: the same wire, validation and rules, one transaction per change. */
async function naiveIngest(hubUrl: string, token: string, dir: string, onLastSeq: (n: number) => void): Promise<() => Promise<void>> {
  const opened = await openCache(join(dir, 'naive.sqlite'))
  const store = new NaiveStore(opened.store.db)
  const meta = await store.getMeta()
  const client = new SyncClient(
    { store, hubUrl, token, consoleId: meta.consoleId, lastSeq: meta.lastSeq, scope: meta.scope, user: null, log: silent, now: Date.now },
    {
      applied: (r) => onLastSeq(r.lastSeq),
      cleared: silent,
      referenceChanged: silent,
      linkChanged: silent,
      presence: silent,
      notice: silent,
      online: silent
    }
  )
  client.start()
  return async () => {
    await client.close()
    await store.close()
  }
}

type FeedReply = { url?: string; prepared?: number; pushed?: number }

/** The feed hub in a child process (see feed-child.ts). */
async function startFeedChild(signal?: AbortSignal): Promise<{ url: string; ask(order: Record<string, unknown>): Promise<FeedReply>; stop(): void }> {
  const child = fork(join(HERE, 'feed-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  signal?.addEventListener('abort', () => child.kill('SIGKILL'), { once: true })
  const next = (): Promise<FeedReply> =>
    new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m as FeedReply))
      child.once('exit', (code) => reject(new Error(`feed child exited (${code})`)))
    })
  const hello = await next()
  if (hello.url === undefined) throw new Error('feed child sent no url')
  return {
    url: hello.url,
    ask: (order) => {
      const reply = next()
      child.send(order)
      return reply
    },
    stop: () => child.kill('SIGKILL')
  }
}

export async function benchIngest(r: SyncRun<IngestSizes> = { sizes: INGEST_SIZES.full, phase: unbounded, signal: new AbortController().signal }): Promise<Measured> {
  const { changes: N, baselineChanges: NB } = r.sizes
  const rate = async (n: number, naive: boolean, progress: Progress, signal: AbortSignal): Promise<number> => {
    const feed = await startFeedChild(signal)
    const tmp = tempDir()
    let lastSeq = 0
    let core: ConsoleCore | null = null
    let stopNaive: (() => Promise<void>) | null = null
    try {
      if (naive) stopNaive = await naiveIngest(feed.url, 'bench', tmp.dir, (s) => (lastSeq = s))
      else core = await openConsole({ dataDir: tmp.dir, hubUrl: feed.url, token: 'bench' })
      const c = core
      let welcomed = false
      if (c === null) {
        // The naive client reports nothing until changes come: give its welcome time.
        await new Promise((r) => setTimeout(r, 1000))
        welcomed = true
      }
      await until(() => welcomed || (c?.debug.sync.isOnline ?? false), 10_000, 'the welcome', signal)
      await feed.ask({ prepare: n })
      await new Promise((r) => setTimeout(r, 200))
      const started = performance.now()
      await feed.ask({ push: INGEST_BATCH })
      const seqNow = (): number => (c === null ? lastSeq : c.debug.status().lastSeq)
      await until(() => seqNow() === n, 120_000, 'ingest', signal, () => progress(seqNow(), n, 'changes'))
      return n / ((performance.now() - started) / 1000)
    } finally {
      await core?.close()
      await stopNaive?.()
      feed.stop()
      tmp.remove()
    }
  }
  const core = await r.phase('core', (p, s) => rate(N, false, p, s), `${N.toLocaleString('en')} changes`)
  const baseline = await r.phase('baseline', (p, s) => rate(NB, true, p, s), `${NB.toLocaleString('en')} changes`)
  // Floor: the same changes from the same feed child to a bare client that only counts them.
  const raw = await r.phase(
    'floor: raw socket',
    async (p, s) => {
      const feed = await startFeedChild(s)
      try {
        await feed.ask({ prepare: N })
        await new Promise((r) => setTimeout(r, 200))
        return await rawSocketRate(feed.url, N, () => feed.ask({ push: INGEST_BATCH }), p, s)
      } finally {
        feed.stop()
      }
    },
    `${N.toLocaleString('en')} changes`
  )
  const bulk = await r.phase('floor: sqlite', (p) => sqliteBulkInsert(N, INGEST_BATCH, INCIDENT_JSON, p), `${N.toLocaleString('en')} rows`)
  return {
    name: 'Live ingest into the cache (sync client → SQLite)',
    unit: 'changes/s',
    core,
    baseline,
    higherIsBetter: true,
    target: 20_000,
    notes: `${N.toLocaleString('en')} incident changes in live messages of ${INGEST_BATCH} (baseline: ${NB.toLocaleString('en')}, one transaction per change)`,
    floors: [
      { name: 'raw Socket.IO receive', value: raw, detail: `the same ${N.toLocaleString('en')} changes in messages of ${INGEST_BATCH} to a bare client that only counts them` },
      {
        name: 'SQLite bulk insert, synchronous = FULL',
        value: bulk.rowsPerSecond,
        detail: `${bulk.rows.toLocaleString('en')} rows of ${bulk.rowBytes} B, ${INGEST_BATCH} per transaction, WAL, same disk`
      }
    ]
  }
}

// ---- catch-up ------------------------------------------------------------------------------------

export type CatchUpSizes = { changes: number; baselineChanges: number }
export const CATCH_UP_SIZES = { full: { changes: 100_000, baselineChanges: 20_000 }, quick: { changes: 4_000, baselineChanges: 1_000 } }

export async function benchCatchUp(
  r: SyncRun<CatchUpSizes> = { sizes: CATCH_UP_SIZES.full, phase: unbounded, signal: new AbortController().signal }
): Promise<Measured> {
  const { changes: CATCH_UP_N, baselineChanges: CATCH_UP_BASELINE_N } = r.sizes
  const hubChild = await r.phase('seed hub', () => startHubChild(CATCH_UP_N, 0, r.signal), `${CATCH_UP_N.toLocaleString('en')} entities`)
  try {
    const { ready } = hubChild
    const { url, head, token } = ready

    // The hub shares the two cores with the console: its CPU in each phase is printed beside the figure.
    const hubCpu0 = hubChild.cpuSeconds()
    const coreMs = await r.phase('core', async (progress, signal) => {
      const tmp = tempDir()
      try {
        const started = performance.now()
        const core = await openConsole({ dataDir: tmp.dir, hubUrl: url, token })
        try {
          const seq = (): number => core.debug.status().lastSeq
          await until(() => seq() === head, 120_000, 'catch-up', signal, () => progress(seq(), head, 'changes'))
          return performance.now() - started
        } finally {
          await core.close()
        }
      } finally {
        tmp.remove()
      }
    })

    const hubCpuCore = hubChild.cpuSeconds() - hubCpu0
    // The baseline: the same sync client, one transaction per change, over the first pages only.
    const baselineMs = await r.phase(
      'baseline',
      async (progress, signal) => {
        const tmp2 = tempDir()
        try {
          let lastSeq = 0
          const started = performance.now()
          const stop = await naiveIngest(url, token, tmp2.dir, (s) => (lastSeq = s))
          try {
            await until(() => lastSeq >= CATCH_UP_BASELINE_N, 120_000, 'baseline catch-up', signal, () =>
              progress(lastSeq, CATCH_UP_BASELINE_N, 'changes')
            )
          } finally {
            await stop()
          }
          const ms = performance.now() - started
          return (ms / lastSeq) * head
        } finally {
          tmp2.remove()
        }
      },
      `first ${CATCH_UP_BASELINE_N.toLocaleString('en')}+ changes`
    )
    // Floors: the pages alone (no screening, no cache), and the rows alone into SQLite.
    const limit = DEFAULT_SYNC_TIMING.syncPageLimit
    const hubCpu1 = hubChild.cpuSeconds()
    const pull = await r.phase('floor: sync pages', (p, s) => syncPull(url, token, limit, p, s), `pages of ${limit.toLocaleString('en')}`)
    const hubCpuPull = hubChild.cpuSeconds() - hubCpu1
    const bulk = await r.phase('floor: sqlite', (p) => sqliteBulkInsert(head, limit, INCIDENT_JSON, p), `${head.toLocaleString('en')} rows`)
    return {
      name: `Catch-up of ${CATCH_UP_N.toLocaleString('en')} changes from the reference hub`,
      unit: 's',
      core: coreMs / 1000,
      baseline: baselineMs / 1000,
      higherIsBetter: false,
      target: 3, // issue 13 (issue 4 asked 5 s)
      notes: `reference hub in its own process (its CPU: ${hubCpuCore.toFixed(2)} s while the console caught up, ${hubCpuPull.toFixed(2)} s for the bare pages); ${head.toLocaleString('en')} entities seeded in ${(ready.seedMs / 1000).toFixed(1)} s; baseline timed over its first ${CATCH_UP_BASELINE_N.toLocaleString('en')}+ changes and scaled to ${head.toLocaleString('en')}`,
      floors: [
        {
          name: 'sync pages, no cache',
          value: pull.seconds,
          detail: `a bare client paging all ${pull.changes.toLocaleString('en')} changes (${limit.toLocaleString('en')} a page) from the same hub and dropping them`
        },
        {
          name: 'SQLite bulk insert, synchronous = FULL',
          value: bulk.seconds,
          detail: `${bulk.rows.toLocaleString('en')} rows of ${bulk.rowBytes} B, ${limit.toLocaleString('en')} per transaction, WAL, same disk (${Math.round(bulk.rowsPerSecond).toLocaleString('en')} rows/s)`
        }
      ]
    }
  } finally {
    await hubChild.stop()
  }
}

// ---- outbox drain --------------------------------------------------------------------------------

export type DrainSizes = { commands: number; targets: number; fsyncs: number }
export const DRAIN_SIZES = { full: { commands: 1000, targets: 50, fsyncs: 300 }, quick: { commands: 100, targets: 10, fsyncs: 50 } }
/** The outbox's flight: up to 32 commands in flight, their answers written together. */
const DRAIN_FLIGHT = 32

function note(incidentId: string, i: number): Omit<Command, 'commandId' | 'issuedAt'> {
  return { type: 'note', incidentId, payload: { text: `基准记录 ${i}` } }
}

export async function benchOutboxDrain(
  r: SyncRun<DrainSizes> = { sizes: DRAIN_SIZES.full, phase: unbounded, signal: new AbortController().signal }
): Promise<Measured> {
  const { commands: DRAIN_N, targets: DRAIN_TARGETS } = r.sizes
  const hubChild = await r.phase('start hub', () => startHubChild(0, DRAIN_TARGETS, r.signal), `${DRAIN_TARGETS} cases`)
  const hub = { url: hubChild.ready.url, token: hubChild.ready.token }
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) })
  const targets = hubChild.ready.targets
  try {
    // The core: commands typed while the link is down, then the link comes back.
    const coreRate = await r.phase(
      'core',
      async (progress, signal) => {
        const tmp = tempDir()
        try {
          proxy.setMode({ kind: 'down' })
          const core = await openConsole({
            dataDir: tmp.dir,
            hubUrl: proxy.url,
            token: hub.token,
            timing: { reconnectDelayMs: 20, reconnectDelayMaxMs: 50 }
          })
          try {
            for (let i = 0; i < DRAIN_N; i++) {
              const q = await core.api.issueCommand(note(targets[i % DRAIN_TARGETS] as string, i))
              if (!q.ok) throw new Error(`could not queue: ${q.error.message}`)
            }
            proxy.setMode({ kind: 'pass' })
            await until(() => core.debug.sync.isOnline, 10_000, 'reconnect', signal)
            const started = performance.now()
            const left = (): number => core.debug.outbox.list().length
            await until(() => left() === 0, 300_000, 'the outbox to drain', signal, () => progress(DRAIN_N - left(), DRAIN_N, 'commands'))
            return DRAIN_N / ((performance.now() - started) / 1000)
          } finally {
            await core.close()
          }
        } finally {
          tmp.remove()
        }
      },
      `${DRAIN_N.toLocaleString('en')} commands`
    )

    const baselineRate = await r.phase(
      'baseline',
      async () => {
        const tmp2 = tempDir()
        try {
          const naive = await NaiveSender.open(join(tmp2.dir, 'naive-outbox.sqlite'))
          for (let i = 0; i < DRAIN_N; i++) {
            await naive.enqueue({ ...note(targets[i % DRAIN_TARGETS] as string, i), commandId: randomUUID(), issuedAt: new Date().toISOString() } as Command)
          }
          const socket = await connectBare(hub.url, hub.token, `c-naive-${randomUUID()}`)
          const started = performance.now()
          const accepted = await naive.drain(socket)
          const rate = accepted / ((performance.now() - started) / 1000)
          socket.disconnect()
          await naive.close()
          if (accepted !== DRAIN_N) throw new Error(`the baseline had ${DRAIN_N - accepted} commands refused`)
          return rate
        } finally {
          tmp2.remove()
        }
      },
      `${DRAIN_N.toLocaleString('en')} commands`
    )
    // Floors: one fsync per command at best, and the answers' rows alone into SQLite.
    const fsync = await r.phase('floor: fsync', (p) => fsyncProbe(r.sizes.fsyncs, p), `${r.sizes.fsyncs} syncs`)
    const commandJson = JSON.stringify({ ...note(targets[0] ?? 'inc', 0), commandId: randomUUID(), issuedAt: new Date().toISOString() })
    const bulk = await r.phase('floor: sqlite', (p) => sqliteBulkInsert(DRAIN_N * 10, DRAIN_FLIGHT, commandJson, p), `${(DRAIN_N * 10).toLocaleString('en')} rows`)
    return {
      name: 'Outbox drain to the reference hub',
      unit: 'commands/s',
      core: coreRate,
      baseline: baselineRate,
      higherIsBetter: true,
      target: 0,
      notes: `${DRAIN_N.toLocaleString('en')} notes queued offline over ${DRAIN_TARGETS} cases; reference hub in its own process; baseline: one command per round trip, fsync'd transaction per enqueue, mark and ack`,
      floors: [
        {
          name: 'fsync probe',
          value: fsync.perSecond,
          detail: `4 KiB write + fsync, ${fsync.n} in a row on the same disk: ${fsync.perSecond.toFixed(0)}/s, median ${fsync.medianMs.toFixed(2)} ms (one per command)`
        },
        {
          name: 'SQLite bulk insert, synchronous = FULL',
          value: bulk.rowsPerSecond,
          detail: `${bulk.rows.toLocaleString('en')} rows of ${bulk.rowBytes} B, ${DRAIN_FLIGHT} per transaction (the outbox's flight), WAL, same disk`
        }
      ]
    }
  } finally {
    await proxy.close()
    await hubChild.stop()
  }
}
