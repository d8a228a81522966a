import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CacheUnavailableError, openCache } from '../../../src-main/core/open-cache'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import type { Store } from '../../../src-main/core/store'
import { makeCommand } from '../../fixtures/entities'
import { incidentChange } from './changes'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let path: string
let store: Store | null = null
const NOW = Date.parse('2026-11-22T03:04:05.678Z')

beforeEach(() => {
  tmp = makeTempDir()
  path = join(tmp.dir, 'cache.sqlite')
})
afterEach(async () => {
  await store?.close().catch(() => undefined)
  store = null
  tmp.remove()
})

function asideFiles(): string[] {
  return readdirSync(tmp.dir).filter((f) => f.includes('.corrupt-') && !/-(wal|shm)$/.test(f))
}

describe('openCache', () => {
  it('opens a sound file with no notice', async () => {
    const opened = await openCache(path)
    store = opened.store
    expect(opened.notice).toBeNull()
  })

  it('opens in WAL mode with synchronous = FULL, so a power cut cannot take a queued command', async () => {
    store = (await openCache(path)).store
    const [mode] = await store.db.exclusive((c) => c.all('PRAGMA journal_mode'))
    const [sync] = await store.db.exclusive((c) => c.all('PRAGMA synchronous'))
    expect(mode).toEqual({ journal_mode: 'wal' })
    expect(sync).toEqual({ synchronous: 2 })
  })

  it('moves a file of garbage bytes aside and builds a fresh cache', async () => {
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 7) % 256))
    writeFileSync(path, garbage)
    const logs: string[] = []
    const opened = await openCache(path, { now: () => NOW, log: (l, m) => logs.push(`${l}:${m}`) })
    store = opened.store
    expect(opened.notice).toEqual({ movedTo: `${path}.corrupt-2026-11-22T03-04-05-678Z`, at: '2026-11-22T03:04:05.678Z' })
    expect(readFileSync(opened.notice?.movedTo ?? '')).toEqual(garbage)
    expect((await store.getMeta()).lastSeq).toBe(0)
    expect(logs.some((l) => l.startsWith('error:console cache is damaged'))).toBe(true)
  })

  it('moves a truncated real database aside', async () => {
    store = (await openCache(path)).store
    const changes = Array.from({ length: 400 }, (_, i) =>
      incidentChange(`i${i}`, 1, i + 1, { description: '路面破损 '.repeat(200) })
    )
    await store.applyBatch({ changes, coverage: { from: 0, to: 400 } })
    await store.db.exclusive((c) => c.exec('PRAGMA wal_checkpoint(TRUNCATE)'))
    await store.close()
    store = null
    const size = statSync(path).size
    expect(size).toBeGreaterThan(100_000)
    truncateSync(path, Math.floor(size / 3))
    const opened = await openCache(path, { now: () => NOW })
    store = opened.store
    expect(opened.notice?.movedTo).toMatch(/\.corrupt-/)
    expect(asideFiles()).toHaveLength(1)
    expect(await store.listIncidentSummaries()).toEqual([])
    expect((await store.getMeta()).lastSeq).toBe(0)
  })

  it('moves aside a file whose schema is newer than this console knows', async () => {
    const db = await SqliteDb.open(path)
    await db.exclusive((c) => c.exec('PRAGMA user_version = 42; CREATE TABLE future (x)'))
    await db.close()
    const opened = await openCache(path, { now: () => NOW })
    store = opened.store
    expect(opened.notice).not.toBeNull()
    expect(existsSync(opened.notice?.movedTo ?? '')).toBe(true)
  })

  it('carries readable queued commands and the consoleId over from a damaged file', async () => {
    store = (await openCache(path)).store
    const consoleId = (await store.getMeta()).consoleId
    const a = makeCommand()
    const b = makeCommand({ type: 'note', payload: { text: '复核' } })
    await store.addOutbox(a, '2026-11-22T01:00:00.000Z')
    await store.addOutbox(b, '2026-11-22T01:00:01.000Z')
    await store.close()
    store = null
    // Damage it in a way SQLite can still partly read: a newer schema version.
    const db = await SqliteDb.open(path)
    await db.exclusive((c) => c.exec('PRAGMA user_version = 42'))
    await db.close()
    const opened = await openCache(path, { now: () => NOW })
    store = opened.store
    expect(opened.salvaged).toBe(2)
    expect((await store.listOutbox()).map((e) => e.command.commandId)).toEqual([a.commandId, b.commandId])
    expect((await store.getMeta()).consoleId).toBe(consoleId)
  })

  it('makes a missing folder, and says the cache cannot be opened (not damaged) when a file takes the folder\'s name', async () => {
    const made = await openCache(join(tmp.dir, 'missing', 'cache.sqlite'))
    await made.store.close()
    writeFileSync(join(tmp.dir, 'blocked'), 'a file, not a folder')
    const err: unknown = await openCache(join(tmp.dir, 'blocked', 'cache.sqlite')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CacheUnavailableError)
    expect((err as CacheUnavailableError).kind).toBe('cannot_open')
  })
})
