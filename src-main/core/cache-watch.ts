// Notices, while the console is idle, that its cache file is gone from its folder (deleted, moved,
// replaced). SQLite keeps writing to the open file when its name is gone, so no write ever fails:
// without this check the seat would go on "saving" into a file nobody can find again. Every few
// seconds the file at the path is compared with the open one (device and inode); on a mismatch the
// storage alarm `vanished` is raised and writes are refused (so the outbox keeps its rows and backs
// off as for a full disk). Recovery, on the alarm's widening backoff: the file back under its name
// clears the alarm; otherwise the open connection — which still holds every row, outbox and journal
// included — is copied to `<file>.rescue` (VACUUM INTO), and the owner is told to reopen the core,
// which puts the rescue in place (open-cache.ts). Nothing held by the connection is lost.
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Log } from './log'
import type { SqliteDb } from '../../src-sqlite/sqlite-db'
import type { StorageHealth } from './storage-health'

export type FileIdentity = { dev: number; ino: number }

/** The rescued copy of a vanished cache, put in place by openCache at the next open. */
export const rescuePath = (cachePath: string): string => `${cachePath}.rescue`

/** Device and inode of the file at `path`, or null when nothing is there. */
export async function identityOf(path: string): Promise<FileIdentity | null> {
  try {
    const s = await stat(path)
    return { dev: s.dev, ino: s.ino }
  } catch {
    return null
  }
}

const sameFile = (a: FileIdentity | null, b: FileIdentity | null): boolean =>
  a !== null && b !== null && a.dev === b.dev && a.ino === b.ino

/** Statements that change the file; reads go on (the person can still look at cases). */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|COMMIT|END)\b/i

function vanishedError(path: string, detail: string): Error {
  // ENOENT: classifyStorageError reports it as `vanished`.
  return Object.assign(new Error(`ENOENT: the cache file is no longer at ${path} (${detail})`), { code: 'ENOENT' })
}

export type CacheWatchOptions = {
  path: string
  db: SqliteDb
  health: StorageHealth
  log: Log
  /** Idle check interval (default 2 s). */
  intervalMs?: number
}

export class CacheWatch {
  private original: FileIdentity | null = null
  private timer: NodeJS.Timeout | null = null
  private lost = false
  private closed = false
  private busy = false
  private resolveRescued: () => void = () => undefined
  /** Resolves once the cache has been copied to its rescue file: the core should be reopened. */
  readonly rescued: Promise<void> = new Promise((resolve) => (this.resolveRescued = resolve))

  constructor(private readonly opts: CacheWatchOptions) {}

  get vanished(): boolean {
    return this.lost
  }

  async start(): Promise<void> {
    this.original = await identityOf(this.opts.path)
    this.schedule(this.opts.intervalMs ?? 2000)
  }

  close(): void {
    this.closed = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  /** One check now (the timer calls it; tests may too). */
  async check(): Promise<void> {
    if (this.closed || this.busy) return
    this.busy = true
    try {
      if (this.lost) await this.recover()
      else await this.look()
    } finally {
      this.busy = false
    }
    // Healthy: the plain interval; while vanished: the alarm's backoff (1 s doubling to 60 s).
    this.schedule(this.lost ? this.opts.health.retryDelayMs() : (this.opts.intervalMs ?? 2000))
  }

  private schedule(ms: number): void {
    if (this.closed) return
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.check()
    }, ms)
    this.timer.unref?.()
  }

  private async look(): Promise<void> {
    const now = await identityOf(this.opts.path)
    if (sameFile(now, this.original)) return
    this.lost = true
    const detail = now === null ? 'deleted or moved' : 'another file is there now'
    this.opts.log('error', 'the console cache file is gone from its folder', { path: this.opts.path, detail })
    // Refuse writes from now on: they would land in a file that no longer has a name. A new error
    // each time, so each refused attempt counts once towards the alarm's backoff.
    this.opts.db.interpose((sql) => (WRITE.test(sql) ? vanishedError(this.opts.path, detail) : null))
    this.opts.health.failed(vanishedError(this.opts.path, detail), this.opts.path)
  }

  private async recover(): Promise<void> {
    const { path, db, health, log } = this.opts
    const rescue = rescuePath(path)
    const partial = `${rescue}-partial`
    if (sameFile(await identityOf(path), this.original)) {
      // Put back under its name (moved back, folder restored): the open file is the cache again.
      this.lost = false
      db.interpose(null)
      await rm(partial, { force: true }).catch(() => undefined)
      log('info', 'the console cache file is back in its folder')
      health.succeeded()
      return
    }
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 })
      await rm(partial, { force: true })
      // `all`, not `run`: the copy is not a write of the cache and must not clear the alarm.
      await db.exclusive((conn) => conn.all('VACUUM INTO ?', [partial]))
      await rename(partial, rescue)
    } catch (err) {
      // The folder cannot take the copy yet (gone for good, full, read-only): try again later.
      health.failed(vanishedError(path, `no copy could be written: ${(err as Error).message}`), path)
      log('warn', 'could not copy the vanished cache back yet', { path, error: (err as Error).message, retryInMs: health.retryDelayMs() })
      return
    }
    log('warn', 'copied the vanished cache from the open connection; reopening on the copy', { rescue })
    this.close()
    this.resolveRescued()
  }
}
