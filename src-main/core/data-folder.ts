// Modes of the console's data folder and files: the folder 0700, its files 0600 (the cache holds case
// records with reporters' names and phones, the outbox and the hub identity), and copies of a damaged
// cache (`<cache>.corrupt-<stamp>`) pruned after 30 days instead of piling up.
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export const CORRUPT_COPY_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000

/** Creates the folder owner-only, and narrows one made earlier with the default 0755. */
export async function secureFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/** Narrows an existing folder to 0700; a missing one is left missing (its creator decides where it goes). */
export async function narrowFolder(dir: string): Promise<void> {
  await chmod(dir, 0o700).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err
  })
}

/** Narrows the given files (those that exist) to 0600. */
export async function secureFiles(paths: readonly string[]): Promise<void> {
  for (const p of paths) await chmod(p, 0o600).catch(() => undefined)
}

/** A SQLite file and its WAL and shared-memory companions. */
export function withCompanions(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`]
}

/** When a corrupt copy was made: from its name's stamp (2026-12-04T16-30-00-000Z), else its mtime. */
async function madeAt(path: string, stamp: string): Promise<number> {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(stamp)
  if (m) return Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return (await stat(path)).mtimeMs
}

/** Removes `<file>.corrupt-*` copies (and their -wal/-shm) older than `maxAgeMs`; returns the names removed. */
export async function pruneCorruptCopies(file: string, now: number, maxAgeMs = CORRUPT_COPY_MAX_AGE_MS): Promise<string[]> {
  const dir = dirname(file)
  const prefix = `${basename(file)}.corrupt-`
  const removed: string[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || name.endsWith('-wal') || name.endsWith('-shm')) continue
    const path = join(dir, name)
    const at = await madeAt(path, name.slice(prefix.length)).catch(() => now)
    if (now - at < maxAgeMs) continue
    for (const p of withCompanions(path)) await rm(p, { force: true })
    removed.push(name)
  }
  return removed
}
