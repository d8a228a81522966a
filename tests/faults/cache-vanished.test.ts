// A cache file deleted or moved under a running console (issue 12): SQLite goes on writing to the
// nameless file, so only the idle check notices. The alarm `vanished` is raised within a few seconds
// without any write, commands are refused with `storage`, the copy back is retried on the backoff
// while the folder cannot take it, and then the core reopens on a copy made from the open
// connection: the cases and the queued commands are all there and reach the hub once each.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleStatus, StorageAlarmKind } from '../../src-shared/api'
import { AppSession } from '../../src-main/core/app-session'
import { CACHE_FILE, openConsole } from '../../src-main/core/console-service'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { FAST_TIMING, sleep, timelineCommandCounts, waitFor } from './support'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let proxy: FaultProxy
let session: AppSession | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-vanish-')
  hub = await startTestHub({ seedIncidents: 3 })
  proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(hub.url).port) })
})
afterEach(async () => {
  await session?.close()
  session = null
  await proxy.close()
  await hub.stop()
  tmp.remove()
})

/** A session on a real hub (through the proxy) with its cache in `cacheDir`, short timers, and every status it emits. */
async function openSession(cacheDir: string): Promise<{ s: AppSession; statuses: ConsoleStatus[]; logs: string[] }> {
  const statuses: ConsoleStatus[] = []
  const logs: string[] = []
  const log = (_level: string, msg: string): void => void logs.push(msg)
  const s = await AppSession.open({
    settingsDir: tmp.dir,
    overrides: { hub: { url: proxy.url, token: hub.tokens.dispatcher }, demo: false, sources: [] },
    startDemo: () => Promise.reject(new Error('no demo here')),
    openCore: (o) =>
      openConsole({ ...o, log, dataDir: cacheDir, timing: { ...FAST_TIMING, storageRetryBaseMs: 200, storageRetryMaxMs: 1600, cacheCheckMs: 250 } }),
    log
  })
  s.api.on('status', (st) => statuses.push(st))
  session = s
  return { s, statuses, logs }
}

const status = async (s: AppSession): Promise<ConsoleStatus> => (await s.api.getSnapshot()).status

describe('a cache file that vanishes while the console is idle', () => {
  it('is noticed without a write, refuses commands, retries on the backoff, and reopens on a copy with nothing lost', async () => {
    const cacheDir = join(tmp.dir, 'cache')
    const { s, statuses, logs } = await openSession(cacheDir)
    await waitFor(async () => (await status(s)).lastSeq === hub.hub.store.headSeq() && (await status(s)).connection === 'online', 10_000, 'the first sync', () => statuses.at(-1))
    const [incident] = (await s.api.getSnapshot()).incidents
    if (incident === undefined) throw new Error('no seeded case in the cache')

    // The link drops; two notes wait in the outbox.
    proxy.setMode({ kind: 'down' })
    await waitFor(async () => (await status(s)).connection === 'offline', 10_000, 'offline')
    const queued: string[] = []
    for (const text of ['离线备注一', '离线备注二']) {
      const r = await s.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text } })
      if (!r.ok) throw new Error(r.error.message)
      queued.push(r.value.command.commandId)
    }
    const firstCore = s.currentCore

    // The whole cache folder goes, and a plain file takes its name: the copy cannot be written yet.
    rmSync(cacheDir, { recursive: true, force: true })
    writeFileSync(cacheDir, 'not a folder')
    const goneAt = Date.now()
    await waitFor(async () => (await status(s)).storage?.kind === 'vanished', 3000, 'the vanished alarm', () => statuses.at(-1))
    console.info(`vanished noticed ${Date.now() - goneAt} ms after the folder went (idle check every 250 ms)`)
    const refused = await s.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text: '丢失时' } })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('storage')
      expect(refused.error.message).toContain('vanished')
    }
    // Reads still work from the open connection.
    expect((await s.api.getSnapshot()).outbox.map((e) => e.command.commandId)).toEqual(queued)
    const copyTries = (): number => logs.filter((m) => m === 'could not copy the vanished cache back yet').length
    const triesBefore = copyTries()
    await sleep(3000)
    // On the alarm's backoff (200 ms doubling to 1.6 s, widened by the refused writes too), not a loop.
    const tries = copyTries() - triesBefore
    console.info(`${tries} copy attempts in 3 s while the folder could not be made`)
    expect(tries).toBeGreaterThanOrEqual(1)
    expect(tries).toBeLessThanOrEqual(6)
    expect(s.currentCore).toBe(firstCore)
    expect((await status(s)).storage?.kind).toBe('vanished')

    // The folder can be made again: the copy is written, the core reopens on it.
    rmSync(cacheDir)
    await waitFor(() => s.currentCore !== null && s.currentCore !== firstCore, 10_000, 'the core to reopen on the copy')
    await waitFor(async () => (await status(s)).storage === null, 5000, 'the alarm to clear', () => statuses.at(-1))
    expect(existsSync(join(cacheDir, CACHE_FILE))).toBe(true)
    expect(existsSync(join(cacheDir, `${CACHE_FILE}.rescue`))).toBe(false)
    const after = await s.api.getSnapshot()
    expect(after.incidents.length).toBe(3)
    expect(after.outbox.map((e) => e.command.commandId)).toEqual(queued)
    // The screens heard the whole set again (one delta after the reopen).
    const kinds = statuses.map((st) => st.storage?.kind ?? null)
    expect(kinds).toContain<StorageAlarmKind | null>('vanished')
    expect(kinds.at(-1)).toBeNull()

    // The link is back: each queued note reaches the hub exactly once.
    proxy.setMode({ kind: 'pass' })
    await waitFor(async () => (await s.api.getSnapshot()).outbox.length === 0, 15_000, 'the outbox to drain')
    const counts = await timelineCommandCounts(hub.hub)
    for (const id of queued) expect(counts.get(id)).toBe(1)
  }, 40_000)

  it('moved away and back under its name: the alarm clears on the same connection', async () => {
    const cacheDir = join(tmp.dir, 'cache')
    mkdirSync(cacheDir)
    const { s } = await openSession(cacheDir)
    await waitFor(async () => (await status(s)).connection === 'online', 10_000, 'online')
    const core = s.currentCore
    const file = join(cacheDir, CACHE_FILE)
    // A tool "tidying" the folder moves the file away; a folder in the copy's place keeps the
    // alarm standing (the copy cannot take its name) until the file is moved back.
    mkdirSync(`${file}.rescue`)
    renameSync(file, `${file}.moved`)
    await waitFor(async () => (await status(s)).storage?.kind === 'vanished', 3000, 'the vanished alarm')
    await sleep(1000)
    renameSync(`${file}.moved`, file)
    await waitFor(async () => (await status(s)).storage === null, 5000, 'the alarm to clear')
    expect(s.currentCore).toBe(core)
    expect(existsSync(`${file}.rescue-partial`)).toBe(false)
    const [incident] = (await s.api.getSnapshot()).incidents
    if (incident === undefined) throw new Error('no case')
    const r = await s.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text: '回来了' } })
    expect(r.ok).toBe(true)
  }, 30_000)
})
