// The hub's record in SQLite: latest version of every entity, the hub-wide seq, and the
// first answer of every command. One writer connection behind a queue; one reader connection.
import { randomUUID } from 'node:crypto'
import { type Change, type EntityKind, type Handover, type Incident, type Unit } from '../src-shared/protocol'
import { Db, SerialQueue, type Row, type SqlValue } from './db'
import { ENTITY_SCHEMAS, streetOf, type AnyEntity, type EntityOf, type Scope } from './entity-kinds'
import { CHANGE_OVERHEAD_BYTES, MESSAGE_BYTE_BUDGET } from './limits'

const SCHEMA_VERSION = 1

const MIGRATION_1 = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  street_code TEXT,
  data TEXT,
  deleted_at INTEGER,
  PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS entities_by_seq ON entities (seq);
CREATE TABLE IF NOT EXISTS commands (command_id TEXT PRIMARY KEY, answer TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS commands_by_at ON commands (at);
CREATE TABLE IF NOT EXISTS day_counters (day TEXT PRIMARY KEY, n INTEGER NOT NULL);
`

export type Synchronous = 'NORMAL' | 'FULL'

export interface StoreOptions {
  /**
   * WAL + NORMAL already survives a killed process (a commit is in the WAL file before
   * COMMIT returns); FULL also survives power loss at the cost of an fsync per command.
   */
  synchronous?: Synchronous
}

function parseEntity<K extends EntityKind>(kind: K, json: string): EntityOf<K> {
  return ENTITY_SCHEMAS[kind].parse(JSON.parse(json)) as EntityOf<K>
}

function isKind(value: unknown): value is EntityKind {
  return value === 'incident' || value === 'unit' || value === 'handover'
}

function rowToChange(row: Row): Change {
  const kind = row.kind
  if (!isKind(kind)) throw new Error(`stored entity has unknown kind ${String(kind)}`)
  const data = typeof row.data === 'string' ? parseEntity(kind, row.data) : null
  return { seq: Number(row.seq), entity: kind, id: String(row.id), version: Number(row.version), data } as Change
}

/** A write transaction: sees its own writes; its seqs become visible only after COMMIT. */
export class Tx {
  readonly changes: Change[] = []
  constructor(
    private readonly db: Db,
    public head: number
  ) {}

  /** Stored versions this transaction has already seen, so put() need not ask again. */
  private readonly versions = new Map<string, number>()

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityOf<K> | null> {
    const row = await this.db.get('SELECT version, data FROM entities WHERE kind = ? AND id = ?', [kind, id])
    this.versions.set(`${kind}:${id}`, row ? Number(row.version) : 0)
    return row && typeof row.data === 'string' ? parseEntity(kind, row.data) : null
  }

  private async storedVersion(kind: EntityKind, id: string): Promise<number> {
    const known = this.versions.get(`${kind}:${id}`)
    if (known !== undefined) return known
    const row = await this.db.get('SELECT version FROM entities WHERE kind = ? AND id = ?', [kind, id])
    return row ? Number(row.version) : 0
  }

  /** Writes the entity's next version with the next seq; the schema is checked before anything is stored. */
  async put<K extends EntityKind>(kind: K, entity: EntityOf<K>): Promise<EntityOf<K>> {
    const version = (await this.storedVersion(kind, entity.id)) + 1
    const seq = this.head + 1
    const stored = ENTITY_SCHEMAS[kind].parse({ ...entity, version, seq }) as EntityOf<K>
    await this.db.run(
      `INSERT INTO entities (kind, id, version, seq, street_code, data, deleted_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, seq = excluded.seq,
         street_code = excluded.street_code, data = excluded.data, deleted_at = NULL`,
      [kind, stored.id, version, seq, streetOf(kind, stored as AnyEntity), JSON.stringify(stored)]
    )
    this.head = seq
    this.versions.set(`${kind}:${stored.id}`, version)
    this.changes.push({ seq, entity: kind, id: stored.id, version, data: stored } as Change)
    return stored
  }

  /** Replaces the entity by a tombstone (data NULL) so consoles learn it is gone. */
  async remove(kind: EntityKind, id: string, now: number): Promise<boolean> {
    const row = await this.db.get('SELECT version, street_code FROM entities WHERE kind = ? AND id = ? AND data IS NOT NULL', [
      kind,
      id
    ])
    if (!row) return false
    const version = Number(row.version) + 1
    const seq = this.head + 1
    await this.db.run('UPDATE entities SET version = ?, seq = ?, data = NULL, deleted_at = ? WHERE kind = ? AND id = ?', [
      version,
      seq,
      now,
      kind,
      id
    ])
    this.head = seq
    this.versions.set(`${kind}:${id}`, version)
    this.changes.push({ seq, entity: kind, id, version, data: null } as Change)
    return true
  }

  async findAnswer(commandId: string): Promise<string | null> {
    const row = await this.db.get('SELECT answer FROM commands WHERE command_id = ?', [commandId])
    return row ? String(row.answer) : null
  }

  async saveAnswer(commandId: string, answerJson: string, now: number): Promise<void> {
    await this.db.run('INSERT INTO commands (command_id, answer, at) VALUES (?, ?, ?)', [commandId, answerJson, now])
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

export interface ChangePage {
  changes: Change[]
  more: boolean
}

export class HubStore {
  private readonly queue = new SerialQueue()
  private listeners: ((changes: Change[]) => void)[] = []
  private closed = false

  private constructor(
    private readonly writer: Db,
    private readonly reader: Db,
    public readonly hubId: string,
    private head: number,
    private min: number
  ) {}

  static async open(path: string, options: StoreOptions = {}): Promise<HubStore> {
    // A reader and a writer connection must see one database, and WAL needs a file.
    if (path === '' || path.startsWith(':memory:') || path.includes('mode=memory')) {
      throw new Error('the hub store needs a database file (in-memory SQLite cannot be shared or run WAL)')
    }
    const writer = await Db.open(path)
    try {
      await writer.exec('PRAGMA journal_mode = WAL')
      await writer.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`)
      await writer.exec('PRAGMA busy_timeout = 5000')
      const userVersion = Number((await writer.get('PRAGMA user_version'))?.user_version ?? 0)
      if (userVersion > SCHEMA_VERSION) {
        throw new Error(`database schema ${userVersion} is newer than this hub understands (${SCHEMA_VERSION})`)
      }
      if (userVersion < 1) {
        await writer.exec(`BEGIN; ${MIGRATION_1} PRAGMA user_version = 1; COMMIT;`)
      }
      await writer.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('hub_id', ?)", [`hub-${randomUUID()}`])
      await writer.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('head_seq', '0')")
      await writer.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('min_seq', '1')")
      const meta = new Map((await writer.all('SELECT key, value FROM meta')).map((r) => [String(r.key), String(r.value)]))
      const reader = await Db.open(path)
      await reader.exec('PRAGMA busy_timeout = 5000')
      return new HubStore(
        writer,
        reader,
        meta.get('hub_id') ?? 'hub',
        Number(meta.get('head_seq')),
        Number(meta.get('min_seq'))
      )
    } catch (err) {
      await writer.close().catch(() => undefined)
      throw err
    }
  }

  headSeq(): number {
    return this.head
  }

  minSeq(): number {
    return this.min
  }

  /** Called with the changes of every committed write, in seq order. */
  onCommit(listener: (changes: Change[]) => void): void {
    this.listeners.push(listener)
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction, after every earlier write. The seq bump, the entity
   * writes and any stored answer commit together or not at all; listeners hear only committed changes.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.closed) throw new Error('store is closed')
      const tx = new Tx(this.writer, this.head)
      await this.writer.exec('BEGIN IMMEDIATE')
      let value: T
      try {
        value = await fn(tx)
        if (tx.head !== this.head) {
          await this.writer.run("UPDATE meta SET value = ? WHERE key = 'head_seq'", [String(tx.head)])
        }
        await this.writer.exec('COMMIT')
      } catch (err) {
        await this.writer.exec('ROLLBACK').catch(() => undefined)
        throw err
      }
      this.head = tx.head
      if (tx.changes.length > 0) for (const listener of this.listeners) listener(tx.changes)
      return value
    })
  }

  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityOf<K> | null> {
    const row = await this.reader.get('SELECT data FROM entities WHERE kind = ? AND id = ?', [kind, id])
    return row && typeof row.data === 'string' ? parseEntity(kind, row.data) : null
  }

  getIncident(id: string): Promise<Incident | null> {
    return this.get('incident', id)
  }

  getUnit(id: string): Promise<Unit | null> {
    return this.get('unit', id)
  }

  getHandover(id: string): Promise<Handover | null> {
    return this.get('handover', id)
  }

  async listUnits(): Promise<Unit[]> {
    const rows = await this.reader.all("SELECT data FROM entities WHERE kind = 'unit' AND data IS NOT NULL ORDER BY id")
    return rows.map((r) => parseEntity('unit', String(r.data)))
  }

  async countEntities(kind: EntityKind): Promise<number> {
    const row = await this.reader.get('SELECT COUNT(*) AS n FROM entities WHERE kind = ? AND data IS NOT NULL', [kind])
    return Number(row?.n ?? 0)
  }

  /** Incident ids claimed per console, to rebuild presence after a restart. */
  async claimsByConsole(): Promise<Map<string, Set<string>>> {
    const rows = await this.reader.all(
      "SELECT id, json_extract(data, '$.claimedBy.consoleId') AS console FROM entities WHERE kind = 'incident' AND json_extract(data, '$.claimedBy.consoleId') IS NOT NULL"
    )
    const out = new Map<string, Set<string>>()
    for (const r of rows) {
      const set = out.get(String(r.console)) ?? new Set<string>()
      set.add(String(r.id))
      out.set(String(r.console), set)
    }
    return out
  }

  /**
   * Compacted changes after `sinceSeq`: the table holds only each entity's latest version, so
   * rows with seq > sinceSeq in seq order are exactly the protocol's compaction. Out-of-scope rows are skipped.
   */
  async changesSince(sinceSeq: number, limit: number, scope: Scope, maxBytes: number = MESSAGE_BYTE_BUDGET): Promise<ChangePage> {
    const params: SqlValue[] = [sinceSeq]
    let filter = ''
    if (scope !== '*') {
      const streets = [...scope]
      filter = ` AND (street_code IS NULL${streets.length ? ` OR street_code IN (${streets.map(() => '?').join(',')})` : ''})`
      params.push(...streets)
    }
    params.push(limit + 1)
    const rows = await this.reader.all(
      `SELECT kind, id, version, seq, data FROM entities WHERE seq > ?${filter} ORDER BY seq LIMIT ?`,
      params
    )
    // Also cut the page by size, so a page of long-timeline cases stays within what consoles accept.
    let bytes = 0
    let take = 0
    for (const row of rows.slice(0, limit)) {
      const size = CHANGE_OVERHEAD_BYTES + (typeof row.data === 'string' ? Buffer.byteLength(row.data) : 0)
      if (take > 0 && bytes + size > maxBytes) break
      bytes += size
      take++
    }
    return { changes: rows.slice(0, take).map(rowToChange), more: rows.length > take }
  }

  /** Reads head and min seq in one consistent snapshot of the reader connection. */
  async committedSeqs(): Promise<{ headSeq: number; minSeq: number }> {
    const rows = await this.reader.all("SELECT key, value FROM meta WHERE key IN ('head_seq', 'min_seq')")
    const meta = new Map(rows.map((r) => [String(r.key), Number(r.value)]))
    return { headSeq: meta.get('head_seq') ?? 0, minSeq: meta.get('min_seq') ?? 1 }
  }

  /**
   * Drops tombstones deleted before `cutoff` (ms) and command answers stored before `answersCutoff`,
   * and raises minSeq past the newest dropped tombstone: a console behind that point can no longer
   * learn of the deletion and must reset.
   */
  async purge(cutoff: number, answersCutoff: number = cutoff): Promise<{ tombstones: number; minSeq: number }> {
    const result = await this.write(async () => {
      await this.writer.run('DELETE FROM commands WHERE at < ?', [answersCutoff])
      const row = await this.writer.get(
        'SELECT MAX(seq) AS s, COUNT(*) AS n FROM entities WHERE data IS NULL AND deleted_at < ?',
        [cutoff]
      )
      const n = Number(row?.n ?? 0)
      if (n > 0) {
        await this.writer.run('DELETE FROM entities WHERE data IS NULL AND deleted_at < ?', [cutoff])
        const next = Math.max(this.min, Number(row?.s) + 1)
        await this.writer.run("UPDATE meta SET value = ? WHERE key = 'min_seq'", [String(next)])
        return { tombstones: n, minSeq: next }
      }
      return { tombstones: 0, minSeq: this.min }
    })
    // Only a committed purge moves minSeq.
    this.min = result.minSeq
    return result
  }

  async journalMode(): Promise<string> {
    return String((await this.reader.get('PRAGMA journal_mode'))?.journal_mode)
  }

  async close(): Promise<void> {
    await this.queue.idle()
    if (this.closed) return
    this.closed = true
    await this.reader.close()
    await this.writer.close()
  }
}
