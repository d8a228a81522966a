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
}

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-bench-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > end) throw new Error(`benchmark timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

const silent = (): void => undefined
const HERE = dirname(fileURLToPath(import.meta.url))

// ---- ingest ------------------------------------------------------------------------------------

const INGEST_N = 50_000
const INGEST_BASELINE_N = 10_000
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
async function startFeedChild(): Promise<{ url: string; ask(order: Record<string, unknown>): Promise<FeedReply>; stop(): void }> {
  const child = fork(join(HERE, 'feed-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
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

export async function benchIngest(): Promise<Measured> {
  const rate = async (n: number, naive: boolean): Promise<number> => {
    const feed = await startFeedChild()
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
      await until(() => welcomed || (c?.debug.sync.isOnline ?? false), 10_000, 'the welcome')
      await feed.ask({ prepare: n })
      await new Promise((r) => setTimeout(r, 200))
      const started = performance.now()
      await feed.ask({ push: INGEST_BATCH })
      const seqNow = (): number => (c === null ? lastSeq : c.debug.status().lastSeq)
      await until(() => seqNow() === n, 120_000, 'ingest')
      return n / ((performance.now() - started) / 1000)
    } finally {
      await core?.close()
      await stopNaive?.()
      feed.stop()
      tmp.remove()
    }
  }
  const core = await rate(INGEST_N, false)
  const baseline = await rate(INGEST_BASELINE_N, true)
  return {
    name: 'Live ingest into the cache (sync client → SQLite)',
    unit: 'changes/s',
    core,
    baseline,
    higherIsBetter: true,
    target: 20_000,
    notes: `${INGEST_N.toLocaleString('en')} incident changes in live messages of ${INGEST_BATCH} (baseline: ${INGEST_BASELINE_N.toLocaleString('en')}, one transaction per change)`
  }
}

// ---- catch-up ------------------------------------------------------------------------------------

const CATCH_UP_N = 100_000
const CATCH_UP_BASELINE_N = 20_000

type HubReady = { url: string; head: number; token: string; seedMs: number; targets: string[] }

/** The reference hub in a child process (see hub-child.ts), ready; `stop` closes it. */
async function startHubChild(entities: number, targets = 0): Promise<{ ready: HubReady; stop(): Promise<void> }> {
  const child = fork(join(HERE, 'hub-child.ts'), [String(entities), String(targets)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const stop = async (): Promise<void> => {
    child.send({ close: true })
    await new Promise((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        r(null)
      }, 5000)
      child.once('exit', () => {
        clearTimeout(timer)
        r(null)
      })
    })
  }
  try {
    const ready = await new Promise<HubReady>((resolve, reject) => {
      child.once('message', (m) => resolve(m as HubReady))
      child.once('exit', (code) => reject(new Error(`hub child exited (${code})`)))
    })
    return { ready, stop }
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
}

export async function benchCatchUp(): Promise<Measured> {
  const hubChild = await startHubChild(CATCH_UP_N)
  try {
    const { ready } = hubChild
    const { url, head, token } = ready

    const tmp = tempDir()
    let coreMs: number
    try {
      const started = performance.now()
      const core = await openConsole({ dataDir: tmp.dir, hubUrl: url, token })
      await until(() => core.debug.status().lastSeq === head, 120_000, 'catch-up')
      coreMs = performance.now() - started
      await core.close()
    } finally {
      tmp.remove()
    }

    // The baseline: the same sync client, one transaction per change, over the first pages only.
    const tmp2 = tempDir()
    let baselineMs: number
    try {
      let lastSeq = 0
      const started = performance.now()
      const stop = await naiveIngest(url, token, tmp2.dir, (s) => (lastSeq = s))
      await until(() => lastSeq >= CATCH_UP_BASELINE_N, 120_000, 'baseline catch-up')
      const ms = performance.now() - started
      const reached = lastSeq
      await stop()
      baselineMs = (ms / reached) * head
    } finally {
      tmp2.remove()
    }
    return {
      name: `Catch-up of ${CATCH_UP_N.toLocaleString('en')} changes from the reference hub`,
      unit: 's',
      core: coreMs / 1000,
      baseline: baselineMs / 1000,
      higherIsBetter: false,
      target: 5,
      notes: `reference hub in its own process; ${head.toLocaleString('en')} entities seeded in ${(ready.seedMs / 1000).toFixed(1)} s; baseline timed over its first ${CATCH_UP_BASELINE_N.toLocaleString('en')}+ changes and scaled to ${head.toLocaleString('en')}`
    }
  } finally {
    await hubChild.stop()
  }
}

// ---- outbox drain --------------------------------------------------------------------------------

const DRAIN_N = 1000
const DRAIN_TARGETS = 50

function note(incidentId: string, i: number): Omit<Command, 'commandId' | 'issuedAt'> {
  return { type: 'note', incidentId, payload: { text: `基准记录 ${i}` } }
}

export async function benchOutboxDrain(): Promise<Measured> {
  const hubChild = await startHubChild(0, DRAIN_TARGETS)
  const hub = { url: hubChild.ready.url, token: hubChild.ready.token }
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) })
  const targets = hubChild.ready.targets
  try {
    // The core: commands typed while the link is down, then the link comes back.
    const tmp = tempDir()
    let coreRate: number
    try {
      proxy.setMode({ kind: 'down' })
      const core = await openConsole({
        dataDir: tmp.dir,
        hubUrl: proxy.url,
        token: hub.token,
        timing: { reconnectDelayMs: 20, reconnectDelayMaxMs: 50 }
      })
      for (let i = 0; i < DRAIN_N; i++) {
        const r = await core.api.issueCommand(note(targets[i % DRAIN_TARGETS] as string, i))
        if (!r.ok) throw new Error(`could not queue: ${r.error.message}`)
      }
      proxy.setMode({ kind: 'pass' })
      await until(() => core.debug.sync.isOnline, 10_000, 'reconnect')
      const started = performance.now()
      await until(() => core.debug.outbox.list().length === 0, 300_000, 'the outbox to drain')
      coreRate = DRAIN_N / ((performance.now() - started) / 1000)
      await core.close()
    } finally {
      tmp.remove()
    }

    const tmp2 = tempDir()
    let baselineRate: number
    try {
      const naive = await NaiveSender.open(join(tmp2.dir, 'naive-outbox.sqlite'))
      for (let i = 0; i < DRAIN_N; i++) {
        await naive.enqueue({ ...note(targets[i % DRAIN_TARGETS] as string, i), commandId: randomUUID(), issuedAt: new Date().toISOString() } as Command)
      }
      const socket = await connectBare(hub.url, hub.token, `c-naive-${randomUUID()}`)
      const started = performance.now()
      const accepted = await naive.drain(socket)
      baselineRate = accepted / ((performance.now() - started) / 1000)
      socket.disconnect()
      await naive.close()
      if (accepted !== DRAIN_N) throw new Error(`the baseline had ${DRAIN_N - accepted} commands refused`)
    } finally {
      tmp2.remove()
    }
    return {
      name: 'Outbox drain to the reference hub',
      unit: 'commands/s',
      core: coreRate,
      baseline: baselineRate,
      higherIsBetter: true,
      target: 0,
      notes: `${DRAIN_N.toLocaleString('en')} notes queued offline over ${DRAIN_TARGETS} cases; reference hub in its own process; baseline: one command per round trip, fsync'd transaction per enqueue, mark and ack`
    }
  } finally {
    await proxy.close()
    await hubChild.stop()
  }
}
