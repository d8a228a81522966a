// The console cache: the one entry to the SQL on the cache file (entities, meta, reference,
// outbox, refused changes). Every write that spans statements runs in one transaction helper
// (SqliteDb.transaction) opened here; the parts under store/ run inside it: the incident write
// path (store/incident-writes.ts), incident reads (store/incident-reads.ts, SQL fragments in
// store/incident-queries.ts), meta rows (store/meta-rows.ts), outbox rows (store/outbox-rows.ts)
// and the opening checks (store/opening.ts). JSON read back is parsed with its schema
// (store/row-read.ts); a corrupt row is logged and skipped, never trusted.
import { randomUUID } from 'node:crypto'
import { type z } from 'zod'
import { type Delta, type FindMatch, type IncidentSummary, type OutboxEntry, type Settings } from '../../src-shared/api'
import {
  Calendar,
  type Change,
  type Command,
  type FunctionalGrid,
  Handover,
  Id,
  Incident,
  ReferenceData,
  Unit,
  type User
} from '../../src-shared/protocol'
import { type Cached, type Coverage } from './apply-rules'
import { type Log, silentLog } from './log'
import { type Refusal } from './refusal'
import { DEFAULT_SETTINGS } from './settings'
import { type SqlConnection, type SqliteDb } from '../../src-sqlite/sqlite-db'
import { readFunctionalGrids } from './store/functional-grid-rows'
import { clearEntitiesIn } from './store/reset'
import { applyAll } from './store/incident-writes'
import {
  type LiveIncidentTime,
  readFindMatches,
  readFinishedSince,
  readIncidentSummaries,
  readLiveIncidentSummaries,
  readLiveIncidentTimes
} from './store/incident-reads'
import { META_SCHEMAS, type MetaKey, type MetaWrite, writeMeta } from './store/meta-rows'
import { type EntityKind, TABLE, marks } from './store/sql-util'
import {
  type OutboxPatch,
  addOutboxRow,
  deleteOutboxRow,
  listOutboxRows,
  replaceOutboxRow,
  updateOutboxRow
} from './store/outbox-rows'
import { RowReader, parseRows } from './store/row-read'

export type MetaState = {
  consoleId: string
  lastSeq: number
  headSeq: number
  hubId: string | null
  scope: string[] | null
  /** The user of the last welcome, shown while offline. */
  user: User | null
  referenceVersion: string | null
  settings: Settings
}

export type StoredOutbox = OutboxEntry & { ord: number }

export type { LiveIncidentTime }

export type ApplyInput = {
  changes: readonly Change[]
  /** Refused before the store (schema, scope): recorded in the same transaction. */
  refused?: readonly Refusal[]
  /** The seq range the batch covers, or null when it must not move lastSeq. */
  coverage: Coverage
}

export type ApplyResult = {
  delta: Delta
  applied: number
  refused: Refusal[]
  /** The batch started after lastSeq + 1: some changes are missing and a sync is due. */
  gap: boolean
  lastSeq: number
}

/** A command the hub accepted: its result, and the queued commands rebased onto it. */
export type CompletedCommand = { commandId: string; input: ApplyInput; rebased: readonly Command[] }

/** Outbox ids per DELETE: well under SQLite's bound on bound parameters. */
const DELETE_CHUNK = 500

export { MAX_REJECTED_ROWS } from './store/incident-writes'
export { enableWal, quickCheck, salvageConsoleId, salvageOutbox } from './store/opening'

export class Store {
  private readonly read: RowReader

  constructor(
    readonly db: SqliteDb,
    log: Log = silentLog
  ) {
    this.read = new RowReader(log)
  }

  /** Rows whose JSON failed its schema since open (each is also logged). */
  get corruptRows(): number {
    return this.read.corruptRows
  }

  get path(): string {
    return this.db.path
  }

  close(): Promise<void> {
    return this.db.close()
  }

  private parse<S extends z.ZodType>(schema: S, text: unknown, where: string): z.infer<S> | null {
    return this.read.parse(schema, text, where)
  }

  private corrupt(where: string, reason: string): void {
    this.read.corrupt(where, reason)
  }

  // ---- meta ------------------------------------------------------------------------------

  /** Makes sure this installation has its consoleId (made once, kept for good). */
  async init(): Promise<void> {
    await this.db.transaction(async (c) => {
      const row = await c.get(`SELECT value FROM meta WHERE key = 'consoleId'`)
      if (row === undefined || this.parse(Id, row.value, 'meta.consoleId') === null) {
        await writeMeta(c, 'consoleId', `c-${randomUUID()}`)
      }
    })
  }

  /** After a damaged file was rebuilt: keep the installation's identity. */
  async restoreConsoleId(consoleId: string): Promise<void> {
    await this.db.transaction((c) => writeMeta(c, 'consoleId', consoleId))
  }

  async getMeta(): Promise<MetaState> {
    const { rows, ref } = await this.db.exclusive(async (c) => ({
      rows: await c.all('SELECT key, value FROM meta'),
      ref: await c.get('SELECT version FROM reference WHERE id = 1')
    }))
    const values = new Map(rows.map((r) => [String(r.key), r.value]))
    const read = <T>(key: MetaKey, schema: z.ZodType<T>, fallback: T): T => {
      if (!values.has(key)) return fallback
      const value = this.parse(schema, values.get(key), `meta.${key}`)
      return value === null ? fallback : value
    }
    return {
      consoleId: read('consoleId', META_SCHEMAS.consoleId, 'c-unknown'),
      lastSeq: read('lastSeq', META_SCHEMAS.lastSeq, 0),
      headSeq: read('headSeq', META_SCHEMAS.headSeq, 0),
      hubId: read('hubId', META_SCHEMAS.hubId, null),
      scope: read('scope', META_SCHEMAS.scope, null),
      user: read('user', META_SCHEMAS.user, null),
      referenceVersion: typeof ref?.version === 'string' ? ref.version : null,
      settings: read('settings', META_SCHEMAS.settings, DEFAULT_SETTINGS)
    }
  }

  async setMeta(values: MetaWrite): Promise<void> {
    await this.db.transaction(async (c) => {
      for (const [key, value] of Object.entries(values)) {
        if (value !== undefined) await writeMeta(c, key as MetaKey, value)
      }
    })
  }

  // ---- reference data --------------------------------------------------------------------

  async getReference(): Promise<ReferenceData | null> {
    const row = await this.db.exclusive((c) => c.get('SELECT data FROM reference WHERE id = 1'))
    return row ? this.parse(ReferenceData, row.data, 'reference') : null
  }

  async setReference(ref: ReferenceData): Promise<void> {
    await this.db.exclusive((c) =>
      c.run(
        `INSERT INTO reference (id, version, data) VALUES (1, ?, ?)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, data = excluded.data`,
        [ref.version, JSON.stringify(ref)]
      )
    )
  }

  // ---- entities --------------------------------------------------------------------------

  /** Applies a screened batch and moves lastSeq, all in one transaction. */
  applyBatch(input: ApplyInput): Promise<ApplyResult> {
    return this.db.transaction((c) => this.applyIn(c, input))
  }

  /** Several batches in order, in one transaction, each with the result it would have had alone. */
  applyBatches(inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
    return this.db.transaction((c) => this.applyAllIn(c, inputs))
  }

  private async applyIn(c: SqlConnection, input: ApplyInput): Promise<ApplyResult> {
    return (await this.applyAllIn(c, [input]))[0] as ApplyResult
  }

  /** Applies several inputs in order inside the caller's transaction (store/incident-writes.ts). */
  private applyAllIn(c: SqlConnection, inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
    return applyAll(c, inputs)
  }

  /** Drops every cached entity and sets lastSeq to 0 (a reset, store/reset.ts); the outbox stays. */
  clearEntities(): Promise<Delta> {
    return this.db.transaction((c) => clearEntitiesIn(c))
  }

  listIncidentSummaries(): Promise<IncidentSummary[]> {
    return this.db.exclusive((c) => readIncidentSummaries(c, this.read))
  }

  /** The renderer's live set: open cases and those finished at or after `sinceMs` (store/incident-reads.ts). */
  listLiveIncidentSummaries(sinceMs: number): Promise<IncidentSummary[]> {
    return this.db.exclusive((c) => readLiveIncidentSummaries(c, this.read, sinceMs))
  }

  /** Finished cases that finished at or after `sinceMs` (open ones left out), for a window that grew. */
  listFinishedSince(sinceMs: number): Promise<IncidentSummary[]> {
    return this.db.exclusive((c) => readFinishedSince(c, this.read, sinceMs))
  }

  /** Id, status and finishing time of each case in the live set, without parsing whole summaries. */
  listLiveIncidentTimes(sinceMs: number): Promise<LiveIncidentTime[]> {
    return this.db.exclusive((c) => readLiveIncidentTimes(c, this.read, sinceMs))
  }

  /**
   * Up to `limit` cached cases whose code, title or address contains `query` (ASCII case ignored; `%`, `_`
   * and `\` match themselves): exact code, then code prefix, code substring, title or address; newest
   * reported first within each. The whole cache, not the live set: the find panel's way to an old case.
   * Read-only. A damaged row is skipped and counted, and the next match takes its place.
   */
  async findIncidentSummaries(query: string, limit: number): Promise<IncidentSummary[]> {
    return (await this.findIncidentMatches(query, limit)).map((m) => m.incident)
  }

  /** The find query's cases with what matched (code, title, address, reporter's name or phone). */
  findIncidentMatches(query: string, limit: number): Promise<FindMatch[]> {
    return this.db.exclusive((c) => readFindMatches(c, this.read, query, limit))
  }

  /** The calendar's UTC offset from the cached reference data, without parsing all of it; null if none. */
  async getUtcOffsetMinutes(): Promise<number | null> {
    const row = await this.db.exclusive((c) =>
      c.get(
        `SELECT CASE WHEN json_valid(data) THEN json_extract(data, '$.calendar.utcOffsetMinutes') END AS offset
           FROM reference WHERE id = 1`
      )
    )
    if (row === undefined || row.offset === null) return null
    const parsed = Calendar.shape.utcOffsetMinutes.safeParse(row.offset)
    if (parsed.success) return parsed.data
    this.corrupt('reference.calendar.utcOffsetMinutes', parsed.error.issues[0]?.message ?? 'invalid')
    return null
  }

  /** How many cases the cache holds (tombstones left out): for status lines and the soak bench. */
  async countIncidents(): Promise<number> {
    const row = await this.db.exclusive((c) => c.get('SELECT COUNT(*) AS n FROM incidents WHERE data IS NOT NULL'))
    return Number(row?.n ?? 0)
  }

  async listUnits(): Promise<Unit[]> {
    const rows = await this.db.exclusive((c) => c.all('SELECT id, data FROM units WHERE data IS NOT NULL ORDER BY seq'))
    return parseRows(this.read, rows, 'data', Unit, 'units')
  }

  async listHandovers(): Promise<Handover[]> {
    const rows = await this.db.exclusive((c) =>
      c.all('SELECT id, data FROM handovers WHERE data IS NOT NULL ORDER BY seq')
    )
    return parseRows(this.read, rows, 'data', Handover, 'handovers')
  }

  /** Rev 1.8: the cached functional grids (store/functional-grid-rows.ts). */
  listFunctionalGrids(): Promise<FunctionalGrid[]> {
    return this.db.exclusive((c) => readFunctionalGrids(c, (where, reason) => this.corrupt(where, reason)))
  }

  async getIncident(id: string): Promise<Incident | null> {
    const row = await this.db.exclusive((c) => c.get('SELECT data FROM incidents WHERE id = ?', [id]))
    return row ? this.parse(Incident, row.data, `incidents/${id}`) : null
  }

  /** Version and seq the cache holds for an entity (tombstones included), for tests and checks. */
  async entityVersion(kind: EntityKind, id: string): Promise<Cached | null> {
    const row = await this.db.exclusive((c) =>
      c.get(`SELECT version, seq, data IS NOT NULL AS live FROM ${TABLE[kind]} WHERE id = ?`, [id])
    )
    return row ? { version: Number(row.version), seq: Number(row.seq), live: row.live === 1 } : null
  }

  // ---- refused changes -------------------------------------------------------------------

  async listRejected(limit = 100): Promise<{ at: string; seq: number | null; reason: string; raw: string }[]> {
    const rows = await this.db.exclusive((c) =>
      c.all('SELECT at, seq, reason, raw FROM rejected_changes ORDER BY id DESC LIMIT ?', [limit])
    )
    return rows.map((r) => ({
      at: String(r.at),
      seq: typeof r.seq === 'number' ? r.seq : null,
      reason: String(r.reason),
      raw: String(r.raw)
    }))
  }

  // ---- outbox (SQL in store/outbox-rows.ts) ------------------------------------------------

  /** Writes a new command durably (the transaction has committed when this resolves). */
  addOutbox(command: Command, queuedAt: string): Promise<StoredOutbox> {
    return addOutboxRow(this.db, command, queuedAt)
  }

  listOutbox(): Promise<StoredOutbox[]> {
    return listOutboxRows(this.db, this.read)
  }

  updateOutbox(commandId: string, patch: OutboxPatch): Promise<void> {
    return updateOutboxRow(this.db, commandId, patch)
  }

  deleteOutbox(commandId: string): Promise<boolean> {
    return deleteOutboxRow(this.db, commandId)
  }

  /** Retry after a final error: the old command leaves and a new one joins the end, atomically. */
  replaceOutbox(oldCommandId: string, command: Command, queuedAt: string): Promise<StoredOutbox> {
    return replaceOutboxRow(this.db, oldCommandId, command, queuedAt)
  }

  /**
   * On the hub's ok: drop the command and apply its result in one transaction, together with the
   * queued commands rebased onto the version it made (so a restart cannot lose that chain).
   */
  async completeCommand(commandId: string, input: ApplyInput, rebased: readonly Command[] = []): Promise<ApplyResult> {
    const [result] = await this.completeCommands([{ commandId, input, rebased }])
    return result as ApplyResult
  }

  /** Several answered commands completed as above, in order, in one transaction (one commit). */
  completeCommands(items: readonly CompletedCommand[]): Promise<ApplyResult[]> {
    return this.db.transaction(async (c) => {
      for (let i = 0; i < items.length; i += DELETE_CHUNK) {
        const ids = items.slice(i, i + DELETE_CHUNK).map((item) => item.commandId)
        await c.run(`DELETE FROM outbox WHERE command_id IN (${marks(ids.length)})`, ids)
      }
      for (const command of items.flatMap((item) => item.rebased)) {
        await c.run('UPDATE outbox SET command = ? WHERE command_id = ?', [JSON.stringify(command), command.commandId])
      }
      return this.applyAllIn(
        c,
        items.map((item) => item.input)
      )
    })
  }
}

