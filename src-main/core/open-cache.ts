// Opens the cache file, and when it is damaged (not a database, quick_check fails, a migration
// fails) moves it aside as <name>.corrupt-<timestamp>, builds a fresh one and carries over
// whatever queued commands and consoleId can still be read, so nothing the person did is lost.
import { existsSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { narrowFolder, pruneCorruptCopies, secureFiles, withCompanions } from './data-folder'
import { Command, Id } from '../../src-shared/protocol'
import { type Log, silentLog } from './log'
import { runMigrations } from './migrations'
import { SqliteDb } from './sqlite'
import { Store, enableWal, quickCheck, salvageConsoleId, salvageOutbox } from './store'

export type CacheNotice = { movedTo: string; at: string }

export type OpenedCache = {
  store: Store
  /** Set when the file was damaged and rebuilt. */
  notice: CacheNotice | null
  /** Queued commands carried over from a damaged file. */
  salvaged: number
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
  const log = opts.log ?? silentLog
  const now = opts.now ?? Date.now
  await narrowFolder(dirname(path))
  const pruned = await pruneCorruptCopies(path, now())
  if (pruned.length > 0) log('info', 'removed copies of a damaged cache older than 30 days', { removed: pruned })
  try {
    const store = await openChecked(path, log)
    await secureFiles(withCompanions(path))
    return { store, notice: null, salvaged: 0 }
  } catch (err) {
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
