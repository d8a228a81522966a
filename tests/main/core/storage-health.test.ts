import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import { StorageHealth, classifyStorageError } from '../../../src-main/core/storage-health'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.remove())

const err = (code: string, message = code): Error => Object.assign(new Error(message), { code })

describe('classifyStorageError', () => {
  it('names the storage failures and leaves other errors alone', () => {
    expect(classifyStorageError(err('SQLITE_FULL'))).toBe('full')
    expect(classifyStorageError(err('ENOSPC'))).toBe('full')
    expect(classifyStorageError(err('SQLITE_READONLY'))).toBe('read_only')
    expect(classifyStorageError(err('EROFS'))).toBe('read_only')
    expect(classifyStorageError(err('SQLITE_IOERR'))).toBe('io')
    expect(classifyStorageError(err('SQLITE_CANTOPEN'))).toBe('cannot_open')
    expect(classifyStorageError(new Error('SQLITE_FULL: database or disk is full'))).toBe('full')
    expect(classifyStorageError(err('SQLITE_CONSTRAINT'))).toBeNull()
    expect(classifyStorageError(new Error('boom'))).toBeNull()
    expect(classifyStorageError(null)).toBeNull()
  })

  it('a real read-only connection refusing a write is read_only', async () => {
    const path = join(tmp.dir, 'c.sqlite')
    const rw = await SqliteDb.open(path)
    await rw.exclusive((c) => c.exec('CREATE TABLE t (x INTEGER)'))
    await rw.close()
    const ro = await SqliteDb.open(path, 'readonly')
    const health = new StorageHealth()
    ro.watch({ failed: (e, p) => health.failed(e, p), succeeded: () => health.succeeded() })
    await expect(ro.exclusive((c) => c.run('INSERT INTO t VALUES (1)'))).rejects.toThrow(/SQLITE_READONLY/)
    expect(health.alarm?.kind).toBe('read_only')
    await ro.close()
  })

  it('a cache file gone from its folder is vanished, whatever SQLite said', () => {
    const path = join(tmp.dir, 'gone.sqlite')
    rmSync(path, { force: true })
    expect(classifyStorageError(err('SQLITE_READONLY'), path)).toBe('vanished')
    expect(classifyStorageError(err('SQLITE_IOERR'), path)).toBe('vanished')
  })
})

describe('StorageHealth', () => {
  it('keeps since across failures, doubles the delay to its cap, counts an error once, clears on success', () => {
    let t = Date.parse('2026-12-04T08:00:00Z')
    const health = new StorageHealth(() => t, { storageRetryBaseMs: 1000, storageRetryMaxMs: 60_000 })
    let changes = 0
    health.onChange(() => changes++)
    const e1 = err('SQLITE_FULL')
    expect(health.failed(e1)).toBe(true)
    expect(health.failed(e1)).toBe(true)
    expect(health.failureCount).toBe(1)
    expect(health.retryDelayMs()).toBe(1000)
    const delays = [1000]
    for (let i = 0; i < 8; i++) {
      t += 1000
      health.failed(err('SQLITE_FULL'))
      delays.push(health.retryDelayMs())
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
    expect(health.alarm?.since).toBe('2026-12-04T08:00:00.000Z')
    expect(health.failed(err('SQLITE_CONSTRAINT'))).toBe(false)
    health.succeeded()
    expect(health.alarm).toBeNull()
    expect(health.failureCount).toBe(0)
    expect(changes).toBe(2)
  })
})
