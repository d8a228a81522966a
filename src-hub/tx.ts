// One unit of work inside a write transaction (a command, a seed, a purge). Several units may
// share one SQLite transaction (group commit, see store.ts); each sees the writes of the units
// before it through the group's overlay, and its seqs become visible only after COMMIT.
import type { Change } from '../src-shared/protocol'
import type { SqlConnection } from '../src-sqlite/sqlite-db'
import { deepFreeze, entityKey, type CachedRow, type EntityCache } from './entity-cache'
import { ENTITY_SCHEMAS, streetOf, type AnyEntity, type EntityOf, type StoredKind } from './entity-kinds'

export function parseEntity<K extends StoredKind>(kind: K, json: string): EntityOf<K> {
  return ENTITY_SCHEMAS[kind].parse(JSON.parse(json)) as EntityOf<K>
}

/** An entities row as written: kind, id, version, seq, street_code, data, deleted_at. */
type EntityRowValues = [StoredKind, string, number, number, string | null, string | null, number | null]

/** Rows per multi-row statement: 7 parameters each, well under SQLite's bound. */
const ROWS_PER_STATEMENT = 100

/**
 * What the units of one group share: the committed cache, their uncommitted rows and answers, and
 * the writes not yet sent to SQLite. Entity rows and answers are written in multi-row statements
 * when the group flushes (before COMMIT, and before any unit that may read SQLite directly), so a
 * command on a cached case costs no driver round trip of its own.
 */
export class GroupState {
  /** Rows written by this group, not yet committed: they reach the cache only after COMMIT. */
  readonly overlay = new Map<string, CachedRow>()
  /** Command answers known for this group: prefetched (null = none stored) or saved by a unit. */
  readonly answers = new Map<string, string | null>()
  /** Each entity's latest row in this group (the table holds only an entity's latest version). */
  private readonly pendingRows = new Map<string, EntityRowValues>()
  private pendingAnswers: [string, string, number][] = []

  constructor(readonly cache: EntityCache) {}

  writeRow(key: string, values: EntityRowValues): void {
    this.pendingRows.delete(key)
    this.pendingRows.set(key, values)
  }

  writeAnswer(commandId: string, answerJson: string, at: number): void {
    this.pendingAnswers.push([commandId, answerJson, at])
  }

  /** Sends the pending writes to SQLite (inside the group's transaction). */
  async flush(db: SqlConnection): Promise<void> {
    const rows = [...this.pendingRows.values()]
    this.pendingRows.clear()
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const part = rows.slice(i, i + ROWS_PER_STATEMENT)
      await db.run(
        `INSERT INTO entities (kind, id, version, seq, street_code, data, deleted_at) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
           street_code = excluded.street_code, data = excluded.data, deleted_at = excluded.deleted_at`,
        part.flat()
      )
    }
    const answers = this.pendingAnswers
    this.pendingAnswers = []
    for (let i = 0; i < answers.length; i += ROWS_PER_STATEMENT) {
      const part = answers.slice(i, i + ROWS_PER_STATEMENT)
      await db.run(`INSERT INTO commands (command_id, answer, at) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flat())
    }
  }

  /** After COMMIT: the group's rows become what the writer knows. */
  commit(): void {
    for (const [key, row] of this.overlay) this.cache.set(key, row)
  }
}

export class Tx {
  readonly changes: Change[] = []

  constructor(
    private readonly db: SqlConnection,
    public head: number,
    private readonly group: GroupState
  ) {}

  /** The transaction's connection, for a write that runs its own SQL (a purge, a seed). */
  get sql(): SqlConnection {
    return this.db
  }

  /**
   * The row as this unit sees it: the group's own writes first, then the committed cache, then
   * SQLite (a key the group wrote is always in the overlay, so unflushed writes are never missed).
   */
  private async row(kind: StoredKind, id: string): Promise<CachedRow> {
    const key = entityKey(kind, id)
    const known = this.group.overlay.get(key) ?? this.group.cache.get(key)
    if (known !== undefined) return known
    const stored = await this.db.get('SELECT version, data FROM entities WHERE kind = ? AND id = ?', [kind, id])
    const row: CachedRow = stored
      ? { version: Number(stored.version), data: typeof stored.data === 'string' ? deepFreeze(parseEntity(kind, stored.data)) : null }
      : { version: 0, data: null }
    // A key missing from the overlay was not written by this group, so SQLite gave the committed row.
    this.group.cache.set(key, row)
    return row
  }

  /** The stored entity (frozen: build a new object to change it), or null when absent or deleted. */
  async get<K extends StoredKind>(kind: K, id: string): Promise<EntityOf<K> | null> {
    return (await this.row(kind, id)).data as EntityOf<K> | null
  }

  /** Writes the entity's next version with the next seq; the schema is checked before anything is stored. */
  async put<K extends StoredKind>(kind: K, entity: EntityOf<K>): Promise<EntityOf<K>> {
    const version = (await this.row(kind, entity.id)).version + 1
    const seq = this.head + 1
    const stored = deepFreeze(ENTITY_SCHEMAS[kind].parse({ ...entity, version, seq }) as EntityOf<K>)
    const key = entityKey(kind, stored.id)
    this.group.writeRow(key, [kind, stored.id, version, seq, streetOf(kind, stored as AnyEntity), JSON.stringify(stored), null])
    this.head = seq
    this.group.overlay.set(key, { version, data: stored as AnyEntity })
    this.changes.push({ seq, entity: kind, id: stored.id, version, data: stored } as Change)
    return stored
  }

  /** Replaces the entity by a tombstone (data NULL) so consoles learn it is gone. */
  async remove(kind: StoredKind, id: string, now: number): Promise<boolean> {
    const current = await this.row(kind, id)
    if (current.data === null) return false
    const version = current.version + 1
    const seq = this.head + 1
    const key = entityKey(kind, id)
    this.group.writeRow(key, [kind, id, version, seq, streetOf(kind, current.data), null, now])
    this.head = seq
    this.group.overlay.set(key, { version, data: null })
    this.changes.push({ seq, entity: kind, id, version, data: null } as Change)
    return true
  }

  async findAnswer(commandId: string): Promise<string | null> {
    const known = this.group.answers.get(commandId)
    if (known !== undefined) return known
    const row = await this.db.get('SELECT answer FROM commands WHERE command_id = ?', [commandId])
    return row ? String(row.answer) : null
  }

  saveAnswer(commandId: string, answerJson: string, now: number): Promise<void> {
    if (this.group.answers.get(commandId) != null) throw new Error(`an answer for command ${commandId} is already stored`)
    this.group.writeAnswer(commandId, answerJson, now)
    // A repeat of this command later in the same group must find this answer.
    this.group.answers.set(commandId, answerJson)
    return Promise.resolve()
  }

  /** The number the day's next case will get (1, 2, …), for case codes like DC20261122-0042. */
  async peekDailyCounter(day: string): Promise<number> {
    const row = await this.db.get('SELECT n FROM day_counters WHERE day = ?', [day])
    return Number(row?.n ?? 0) + 1
  }

  /** Uses up the day's next number; called only once the case is really created, so codes have no holes. */
  async takeDailyCounter(day: string): Promise<void> {
    await this.db.run('INSERT INTO day_counters (day, n) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET n = n + 1', [day])
  }
}
