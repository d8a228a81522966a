// One writer per data folder (issue 12): a lock file created exclusively, holding the owner's pid.
// A second console (or demo hub) on the same folder is refused with a message naming the owner; a
// lock left by a process that is gone (a crash, a power cut) is taken over.
import { hostname } from 'node:os'
import { open, readFile, unlink } from 'node:fs/promises'

export class InstanceLockedError extends Error {
  override name = 'InstanceLockedError'
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number
  ) {
    super(`another Grid Command Console (process ${ownerPid}) is already using this data folder (${lockFile}); close it first, or start with --data pointing to another folder`)
  }
}

export type InstanceLock = { file: string; release(): Promise<void> }

type Owner = { pid: number; host: string; startedAt: string }

/** True if a process with this pid exists (EPERM: it exists, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(file: string): Promise<Owner | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: String(parsed.host ?? ''), startedAt: String(parsed.startedAt ?? '') } : null
  } catch {
    return null
  }
}

export async function acquireInstanceLock(file: string, pid: number = process.pid): Promise<InstanceLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600)
      const owner: Owner = { pid, host: hostname(), startedAt: new Date().toISOString() }
      await handle.writeFile(JSON.stringify(owner))
      await handle.close()
      return {
        file,
        release: async () => {
          // Only our own lock is removed: a stale-lock takeover by someone else must not be undone.
          if ((await readOwner(file))?.pid === pid) await unlink(file).catch(() => undefined)
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = await readOwner(file)
    // An unreadable lock is being written right now, or is torn: look again before judging it.
    if (owner === null && attempt === 0) {
      await new Promise((r) => setTimeout(r, 100))
      continue
    }
    if (owner !== null && owner.pid !== pid && processAlive(owner.pid) && (owner.host === '' || owner.host === hostname())) {
      throw new InstanceLockedError(file, owner.pid)
    }
    // The owner is gone (or it is us after a restart with the same pid): take the lock over.
    await unlink(file).catch(() => undefined)
  }
  throw new Error(`could not take the lock ${file}`)
}
