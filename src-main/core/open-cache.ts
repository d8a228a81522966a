// Opens the cache file, and when it is damaged (not a database, quick_check fails, a migration
// fails) moves it aside as <name>.corrupt-<timestamp>, builds a fresh one and carries over
// whatever queued commands and consoleId can still be read, so nothing the person did is lost.
// A cache that cannot be opened for want of access (a locked file, a directory in its place, a
// folder without permission, a full disk) is not damaged: it is left alone and the caller gets a
// CacheUnavailableError to show as a storage alarm and retry. A copy rescued from a vanished cache
// (cache-watch.ts) is put in place first.
import { existsSync, renameSync, statSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { narrowFolder, pruneCorruptCopies, secureFiles, withCompanions } from './data-folder'
import type { StorageAlarmKind } from '../../src-shared/api/console-api'
import { Command, Id } from '../../src-shared/protocol'
import { rescuePath } from './cache-watch'
import { type Log, silentLog } from './log'
import { runMigrations } from './migrations'
import { SqliteDb } from '../../src-sqlite/sqlite-db'
import { classifyStorageError } from './storage-health'
import { Store, enableWal, quickCheck, salvageConsoleId, salvageOutbox } from './store'

export type CacheNotice = { movedTo: string; at: string }

export type OpenedCache = {
  store: Store
  /** Set when the file was damaged and rebuilt. */
  notice: CacheNotice | null
  /** Queued commands carried over from a damaged file. */
  salvaged: number
}

/** The cache cannot be opened now (not damaged): shown as a storage alarm, tried again later. */
export class CacheUnavailableError extends Error {
  constructor(
    readonly kind: StorageAlarmKind,
    readonly reason: string
  ) {
    super(`the local cache cannot be opened (${kind}): ${reason}`)
    this.name = 'CacheUnavailableError'
  }
}

/** Causes of a failed open that say nothing about the file's contents, beyond storage-health's. */
const ACCESS_CODES = /\b(SQLITE_BUSY|SQLITE_LOCKED|SQLITE_PERM|SQLITE_AUTH|EISDIR|ENOTDIR|EEXIST|EBUSY|EMFILE|ENFILE)\b/

function unavailableKind(err: unknown): StorageAlarmKind | null {
  const kind = classifyStorageError(err)
  // At start nothing has vanished yet: a missing piece of the path is a cache that cannot be opened.
  if (kind !== null) return kind === 'vanished' ? 'cannot_open' : kind
  const e = err as { code?: unknown; message?: unknown } | null
  return ACCESS_CODES.test(`${String(e?.code ?? '')} ${String(e?.message ?? '')}`) ? 'cannot_open' : null
}

/**
 * A rescued copy of a vanished cache is this seat's latest state (copied from the open connection
 * after the file left): it takes the file's place, and whatever is at the path now is moved aside.
 */
function adoptRescue(path: string, stamp: string, log: Log): void {
  const rescue = rescuePath(path)
  if (!existsSync(rescue) || !statSync(rescue).isFile()) return
  const displaced: string[] = []
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(path + suffix)) continue
    const aside = `${path}.displaced-${stamp}${suffix}`
    renameSync(path + suffix, aside)
    displaced.push(aside)
  }
  renameSync(rescue, path)
  log('warn', 'the rescued copy of the vanished cache is in place', { path, displaced })
}

async function openChecked(path: string, log: Log): Promise<Store> {
  const db = await SqliteDb.open(path)
  try {
    // A file of garbage fails here with SQLITE_NOTADB; a truncated one fails the check.
    if (!(await quickCheck(db))) throw new Error('PRAGMA quick_check found damage')
    await enableWal(db)
    await runMigrations(db)
    const store = new Store(db, log)
    await store.init()
    return store
  } catch (err) {
    await db.close().catch(() => undefined)
    throw err
  }
}

async function salvage(path: string): Promise<{ commands: { command: unknown; queuedAt: unknown }[]; consoleId: string | null }> {
  let db: SqliteDb | null = null
  try {
    db = await SqliteDb.open(path, 'readonly')
    const commands = await salvageOutbox(db).catch(() => [])
    const consoleId = await salvageConsoleId(db).catch(() => null)
    return { commands, consoleId }
  } catch {
    return { commands: [], consoleId: null }
  } finally {
    await db?.close().catch(() => undefined)
  }
}

function moveAside(path: string, stamp: string): string {
  const movedTo = `${path}.corrupt-${stamp}`
  renameSync(path, movedTo)
  // A stale WAL beside a fresh file would be replayed into it: move it along.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix)
  }
  return movedTo
}

export async function openCache(path: string, opts: { log?: Log; now?: () => number } = {}): Promise<OpenedCache> {
  try {
    return await openOrRebuild(path, opts)
  } catch (err) {
    if (err instanceof CacheUnavailableError) throw err
    const kind = unavailableKind(err)
    if (kind === null) throw err
    throw new CacheUnavailableError(kind, (err as Error).message)
  }
}

async function openOrRebuild(path: string, opts: { log?: Log; now?: () => number }): Promise<OpenedCache> {
  const log = opts.log ?? silentLog
  const now = opts.now ?? Date.now
  // The folder too may be new (a --data folder given for the first time, or one deleted under us).
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  await narrowFolder(dirname(path))
  adoptRescue(path, new Date(now()).toISOString().replace(/[:.]/g, '-'), log)
  const pruned = await pruneCorruptCopies(path, now())
  if (pruned.length > 0) log('info', 'removed copies of a damaged cache older than 30 days', { removed: pruned })
  try {
    const store = await openChecked(path, log)
    await secureFiles(withCompanions(path))
    return { store, notice: null, salvaged: 0 }
  } catch (err) {
    // Locked, a directory in its place, no permission, disk full: nothing says the file is damaged.
    const kind = unavailableKind(err)
    if (kind !== null) throw new CacheUnavailableError(kind, (err as Error).message)
    if (!existsSync(path)) throw err
    log('error', 'console cache is damaged; moving it aside and rebuilding from the hub', {
      path,
      reason: (err as Error).message
    })
    const rescued = await salvage(path)
    const at = new Date(now()).toISOString()
    const movedTo = moveAside(path, at.replace(/[:.]/g, '-'))
    const store = await openChecked(path, log)
    await secureFiles([...withCompanions(path), ...withCompanions(movedTo)])
    if (rescued.consoleId !== null && Id.safeParse(rescued.consoleId).success) {
      await store.restoreConsoleId(rescued.consoleId)
    }
    let salvaged = 0
    for (const row of rescued.commands) {
      const command = Command.safeParse(row.command)
      if (!command.success) continue
      const queuedAt = typeof row.queuedAt === 'string' ? row.queuedAt : at
      await store.addOutbox(command.data, queuedAt).then(
        () => (salvaged += 1),
        () => undefined
      )
    }
    log('warn', 'console cache rebuilt', { movedTo, salvagedCommands: salvaged })
    return { store, notice: { movedTo, at }, salvaged }
  }
}
