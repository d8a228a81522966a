// The writer's memory of committed entity rows (version and data), so a command need not read
// back from SQLite the case it touched a moment ago. The hub is the only writer of its database,
// so a cache filled from committed reads and committed writes can only go stale through a rollback,
// and a rolled-back group never reaches it (its writes live in the group's own overlay).
import type { AnyEntity, StoredKind } from './entity-kinds'

/** A stored row as the writer knows it: data null is a tombstone; version 0 means no row. */
export type CachedRow = { version: number; data: AnyEntity | null }

export function entityKey(kind: StoredKind, id: string): string {
  return `${kind}:${id}`
}

/**
 * Freezes an entity and everything inside it. Cached entities are handed to every later command,
 * so one command mutating what it was given would silently change what the next one reads; frozen,
 * such a bug throws at once instead.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner)
  }
  return value
}

/**
 * Least recently used rows are dropped beyond `capacity`; a miss costs one SQLite read, nothing
 * more. 5,000 rows (a few KiB each) hold every case a district hall touches in a busy hour.
 */
export class EntityCache {
  private readonly rows = new Map<string, CachedRow>()

  constructor(private readonly capacity: number = 5_000) {}

  get(key: string): CachedRow | undefined {
    const row = this.rows.get(key)
    if (row !== undefined) {
      // Map keeps insertion order: re-inserting marks the row as the most recently used.
      this.rows.delete(key)
      this.rows.set(key, row)
    }
    return row
  }

  set(key: string, row: CachedRow): void {
    this.rows.delete(key)
    this.rows.set(key, row)
    while (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next()
      if (oldest.done === true) break
      this.rows.delete(oldest.value)
    }
  }

  clear(): void {
    this.rows.clear()
  }

  get size(): number {
    return this.rows.size
  }
}
