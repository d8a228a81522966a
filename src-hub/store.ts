// The hub's record in SQLite: latest version of every entity, the hub-wide seq, and the
// first answer of every command. One writer connection (every use serialised by SqliteDb); one reader connection.
// Writes that arrive while a transaction runs are committed together in the next one (group
// commit): each is still answered only after the COMMIT that holds it.
import { randomUUID } from 'node:crypto'
import { type Change, type FunctionalGrid, type Handover, type Incident, type Unit } from '../src-shared/protocol'
import { type SqlConnection, SqliteDb } from '../src-sqlite/sqlite-db'
import { migrateHub } from './migrations'
import { EntityCache } from './entity-cache'
import { allFunctionalGrids } from './functional-grid-store'
import { readChangePage } from './change-page'
import { type EntityOf, type Scope, type StoredKind } from './entity-kinds'
import { MESSAGE_BYTE_BUDGET } from './limits'
import { GroupState, Tx, parseEntity } from './tx'

export { Tx } from './tx'

export type Synchronous = 'NORMAL' | 'FULL'

export interface StoreOptions {
  /**
   * WAL + NORMAL already survives a killed process (a commit is in the WAL file before
   * COMMIT returns); FULL also survives power loss at the cost of an fsync per command.
   */
  synchronous?: Synchronous
}

export interface ChangePage {
  changes: Change[]
  more: boolean
  /** Estimated size of the page on the wire, for the sender's byte budget. */
  bytes: number
}

/** Most units of work one transaction takes: bounds how long the first of them waits for its answer. */
const GROUP_MAX = 64

/** What a caller may tell `write` so a group can prefetch for it. */
export type WriteHints = {
  /**
   * The command this write answers: its stored answer, if any, is read for the whole group at
   * once. Such a write must touch SQLite only through `tx` (its writes are sent in bulk later).
   */
  commandId?: string
}

type WriteJob = {
  fn: (tx: Tx) => Promise<unknown>
  hints: WriteHints
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

export class HubStore {
  private listeners: ((changes: Change[]) => void)[] = []
  private closed = false
  private readonly cache = new EntityCache()
  /** Writes waiting for the transaction in progress to end; the next group takes them. */
  private waiting: WriteJob[] = []
  private pumping = false

  private constructor(
    private readonly writer: SqliteDb,
    private readonly reader: SqliteDb,
    public readonly hubId: string,
    private head: number,
    private min: number
  ) {}

  static async open(path: string, options: StoreOptions = {}): Promise<HubStore> {
    // A reader and a writer connection must see one database, and WAL needs a file.
    if (path === '' || path.startsWith(':memory:') || path.includes('mode=memory')) {
      throw new Error('the hub store needs a database file (in-memory SQLite cannot be shared or run WAL)')
    }
    const writer = await SqliteDb.open(path)
    try {
      await writer.exclusive(async (c) => {
        await c.exec('PRAGMA journal_mode = WAL')
        await c.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`)
        await c.exec('PRAGMA busy_timeout = 5000')
      })
      await migrateHub(writer)
      const meta = await writer.exclusive(async (c) => {
        await c.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('hub_id', ?)", [`hub-${randomUUID()}`])
        await c.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('head_seq', '0')")
        await c.run("INSERT OR IGNORE INTO meta (key, value) VALUES ('min_seq', '1')")
        return new Map((await c.all('SELECT key, value FROM meta')).map((r) => [String(r.key), String(r.value)]))
      })
      const reader = await SqliteDb.open(path)
      await reader.exclusive((c) => c.exec('PRAGMA busy_timeout = 5000'))
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
   * Runs `fn` in an IMMEDIATE transaction, after every earlier write, and resolves after its COMMIT.
   * The seq bump, the entity writes and any stored answer commit together or not at all; listeners
   * hear only committed changes. Writes queued behind a running transaction share the next one; if
   * any of them throws, that transaction is rolled back and each of its writes is run again in a
   * transaction of its own, so one failure never takes its neighbours with it. `fn` must therefore
   * keep its effects inside `tx` (it may run twice, the first run rolled back).
   */
  write<T>(fn: (tx: Tx) => Promise<T>, hints: WriteHints = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ fn, hints, resolve: resolve as (value: unknown) => void, reject })
      this.pump()
    })
  }

  /** Starts the next group unless one is running; a group ends by starting the one after it. */
  private pump(): void {
    if (this.pumping || this.waiting.length === 0) return
    this.pumping = true
    const group = this.waiting.splice(0, GROUP_MAX)
    void this.writer
      .exclusive((conn) => this.runGroup(group, conn))
      // A closed connection refuses the group before it runs: its writes are refused, not lost.
      .catch((err: unknown) => {
        for (const job of group) job.reject(err)
      })
      .finally(() => {
        this.pumping = false
        this.pump()
      })
  }

  /** One transaction for the whole group; on failure, each write alone. Never rejects. */
  private async runGroup(group: readonly WriteJob[], conn: SqlConnection): Promise<void> {
    if (this.closed) {
      for (const job of group) job.reject(new Error('store is closed'))
      return
    }
    let outcome: { values: unknown[]; changes: Change[]; head: number }
    try {
      outcome = await this.transact(group, conn)
    } catch (err) {
      // A rolled-back group may have cached what it read after its own direct SQL (a purge):
      // forget everything rather than reason about which rows that could be.
      this.cache.clear()
      if (group.length === 1) {
        group[0]?.reject(err)
        return
      }
      for (const job of group) await this.runGroup([job], conn)
      return
    }
    this.head = outcome.head
    if (outcome.changes.length > 0) for (const listener of this.listeners) listener(outcome.changes)
    group.forEach((job, i) => job.resolve(outcome.values[i]))
  }

  private async transact(
    group: readonly WriteJob[],
    conn: SqlConnection
  ): Promise<{ values: unknown[]; changes: Change[]; head: number }> {
    const state = new GroupState(this.cache)
    await conn.exec('BEGIN IMMEDIATE')
    try {
      await this.prefetchAnswers(group, state, conn)
      const values: unknown[] = []
      const changes: Change[] = []
      let head = this.head
      for (const job of group) {
        // A write that is not a command (a seed, a purge) may run its own SQL: let it see every row.
        if (job.hints.commandId === undefined) await state.flush(conn)
        const tx = new Tx(conn, head, state)
        values.push(await job.fn(tx))
        head = tx.head
        changes.push(...tx.changes)
      }
      await state.flush(conn)
      if (head !== this.head) await conn.run("UPDATE meta SET value = ? WHERE key = 'head_seq'", [String(head)])
      await conn.exec('COMMIT')
      state.commit()
      return { values, changes, head }
    } catch (err) {
      await conn.exec('ROLLBACK').catch(() => undefined)
      throw err
    }
  }

  /** The stored answers of the group's commands, in one read instead of one per command. */
  private async prefetchAnswers(group: readonly WriteJob[], state: GroupState, conn: SqlConnection): Promise<void> {
    const ids = [...new Set(group.flatMap((job) => (job.hints.commandId === undefined ? [] : [job.hints.commandId])))]
    if (ids.length === 0) return
    const rows = await conn.all(
      `SELECT command_id, answer FROM commands WHERE command_id IN (${ids.map(() => '?').join(',')})`,
      ids
    )
    for (const id of ids) state.answers.set(id, null)
    for (const row of rows) state.answers.set(String(row.command_id), String(row.answer))
  }

  async get<K extends StoredKind>(kind: K, id: string): Promise<EntityOf<K> | null> {
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

  async countEntities(kind: StoredKind): Promise<number> {
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

  /** Compacted changes after `sinceSeq` (change-page.ts), as objects. */
  async changesSince(
    sinceSeq: number,
    limit: number,
    scope: Scope,
    maxBytes: number = MESSAGE_BYTE_BUDGET,
    /** Rev 1.8: include functional grids (only for a console whose handshake lists the feature). */
    withFunctionalGrids = false
  ): Promise<ChangePage> {
    const page = await readChangePage(this.reader, sinceSeq, limit, scope, maxBytes, withFunctionalGrids)
    return { changes: page.rows.map((r) => r.change()), more: page.more, bytes: page.bytes }
  }

  /** The same page as the UTF-8 JSON of each change, the stored data's bytes spliced in unparsed (for `sync` answers). */
  async changesSinceUtf8(
    sinceSeq: number,
    limit: number,
    scope: Scope,
    maxBytes: number = MESSAGE_BYTE_BUDGET,
    withFunctionalGrids = false
  ): Promise<{ changes: Buffer[][]; lastSeq: number; more: boolean; bytes: number }> {
    const page = await readChangePage(this.reader, sinceSeq, limit, scope, maxBytes, withFunctionalGrids)
    return { changes: page.rows.map((r) => r.utf8()), lastSeq: page.rows.at(-1)?.seq ?? 0, more: page.more, bytes: page.bytes }
  }

  /** Every stored functional grid, oldest first (rev 1.8; tests and admin tools). */
  listFunctionalGrids(): Promise<FunctionalGrid[]> {
    return allFunctionalGrids(this.reader)
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
    const result = await this.write(async (tx) => {
      const sql = tx.sql
      await sql.run('DELETE FROM commands WHERE at < ?', [answersCutoff])
      const row = await sql.get(
        'SELECT MAX(seq) AS s, COUNT(*) AS n FROM entities WHERE data IS NULL AND deleted_at < ?',
        [cutoff]
      )
      const n = Number(row?.n ?? 0)
      if (n > 0) {
        await sql.run('DELETE FROM entities WHERE data IS NULL AND deleted_at < ?', [cutoff])
        // The writer's cache still holds those tombstones; the rows are gone, so forget them too.
        this.cache.clear()
        const next = Math.max(this.min, Number(row?.s) + 1)
        await sql.run("UPDATE meta SET value = ? WHERE key = 'min_seq'", [String(next)])
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
    // Every group queued so far runs first: the connection takes jobs in arrival order.
    await this.writer.exclusive(async () => undefined)
    if (this.closed) return
    this.closed = true
    await this.reader.close()
    await this.writer.close()
  }
}
