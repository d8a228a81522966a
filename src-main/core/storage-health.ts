// Whether the cache can still be written. A write that fails for want of space, permission or the
// file itself raises one storage alarm (shown in the status bar and on the wall); while it stands
// the sync client and the outbox retry on a widening backoff instead of hammering the disk, and the
// first write that succeeds again clears it.
import { existsSync } from 'node:fs'
import type { StorageAlarm, StorageAlarmKind } from '../../src-shared/api/console-api'

export type StorageTiming = {
  storageRetryBaseMs: number
  storageRetryMaxMs: number
  /** How often an idle console checks that its cache file is still the file at its path (cache-watch.ts). */
  cacheCheckMs: number
}
export const DEFAULT_STORAGE_TIMING: StorageTiming = { storageRetryBaseMs: 1000, storageRetryMaxMs: 60_000, cacheCheckMs: 2000 }

/** sqlite3 puts the primary result code in `code`; Node's fs puts the errno name there. */
const BY_CODE: Record<string, StorageAlarmKind> = {
  SQLITE_FULL: 'full',
  ENOSPC: 'full',
  EDQUOT: 'full',
  SQLITE_READONLY: 'read_only',
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  SQLITE_IOERR: 'io',
  EIO: 'io',
  SQLITE_CANTOPEN: 'cannot_open',
  ENOENT: 'vanished'
}

function codeOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && code in BY_CODE) return code
  // Some driver paths give only the message ("SQLITE_FULL: database or disk is full").
  const message = String((err as { message?: unknown }).message ?? '')
  const m = /\b(SQLITE_[A-Z]+|E[A-Z]+)\b/.exec(message)
  return m !== null && m[1] !== undefined && m[1] in BY_CODE ? m[1] : null
}

/**
 * The alarm kind of a write error, or null when it is not about storage (a constraint, a bug).
 * A cache file that is gone from its folder is reported as vanished whatever SQLite said about it.
 */
export function classifyStorageError(err: unknown, path?: string): StorageAlarmKind | null {
  const code = codeOf(err)
  if (code === null) return null
  const kind = BY_CODE[code] ?? null
  if (kind !== null && path !== undefined && path !== '' && !existsSync(path)) return 'vanished'
  return kind
}

export class StorageHealth {
  private current: StorageAlarm | null = null
  private failures = 0
  private readonly listeners = new Set<() => void>()
  /** The database observer and the caller that catches the same error both report it: count it once. */
  private readonly seen = new WeakSet<object>()
  private readonly timing: StorageTiming

  constructor(
    private readonly now: () => number = Date.now,
    timing: Partial<StorageTiming> = {}
  ) {
    this.timing = { ...DEFAULT_STORAGE_TIMING, ...timing }
  }

  get alarm(): StorageAlarm | null {
    return this.current
  }

  /** Failed writes since the alarm was raised (0 when healthy). */
  get failureCount(): number {
    return this.failures
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Notes a failed write; true (and the alarm raised or kept) when it was a storage failure. */
  failed(err: unknown, path?: string): boolean {
    const kind = classifyStorageError(err, path)
    if (kind === null) return false
    if (typeof err === 'object' && err !== null) {
      if (this.seen.has(err)) return true
      this.seen.add(err)
    }
    this.failures += 1
    const message = String((err as { message?: unknown } | null)?.message ?? err).slice(0, 500)
    const prev = this.current
    // `since` is when the trouble began, not the latest failure: the alarm says how long it has stood.
    this.current = { kind, since: prev?.since ?? new Date(this.now()).toISOString(), message }
    if (prev === null || prev.kind !== kind || prev.message !== message) this.emit()
    return true
  }

  /** Notes a write that reached the disk: the alarm, if any, is over. */
  succeeded(): void {
    if (this.current === null) return
    this.current = null
    this.failures = 0
    this.emit()
  }

  /** How long to wait before the next write attempt: base doubling per failure, capped. */
  retryDelayMs(): number {
    const n = Math.max(0, this.failures - 1)
    return Math.min(this.timing.storageRetryMaxMs, this.timing.storageRetryBaseMs * 2 ** Math.min(n, 20))
  }

  private emit(): void {
    for (const l of this.listeners) l()
  }
}
