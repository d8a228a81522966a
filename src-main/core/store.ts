// The console cache: the only module with SQL on the cache file (entities, meta, reference,
// outbox, refused changes). JSON read back is parsed with its schema; a corrupt row is logged
// and skipped, never trusted.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  ApiError,
  DAY_MS,
  type Delta,
  IncidentSummary,
  inLiveSet,
  OutboxEntry,
  type OutboxState,
  Settings,
  summarize
} from '../../src-shared/api'
import {
  Calendar,
  type Change,
  CLOSED_STATES,
  Command,
  Handover,
  Id,
  Incident,
  IncidentStatus,
  IsoDate,
  isOpenStatus,
  ReferenceData,
  Seq,
  StreetCode,
  Unit,
  User
} from '../../src-shared/protocol'
import { advanceLastSeq, type Cached, type Coverage, decide } from './apply-rules'
import { DeltaBuilder, emptyDelta } from './delta-builder'
import { writeIncidentIndex } from './incident-index'
import { type Log, silentLog } from './log'
import { type Refusal, excerpt, refusal } from './refusal'
import { DEFAULT_SETTINGS } from './settings'
import { type SqlConnection, type SqlValue, type SqliteDb } from './sqlite'

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

/** What the core keeps of a case in the renderer's live set. */
export type LiveIncidentTime = Pick<IncidentSummary, 'id' | 'status' | 'updatedAt'>

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

/** How many refused changes the cache keeps for inspection; older ones are dropped. */
export const MAX_REJECTED_ROWS = 1000

const TABLE = { incident: 'incidents', unit: 'units', handover: 'handovers' } as const
type EntityKind = keyof typeof TABLE

const META_SCHEMAS = {
  consoleId: Id,
  lastSeq: Seq,
  headSeq: Seq,
  hubId: Id.nullable(),
  scope: z.array(StreetCode).nullable(),
  user: User.nullable(),
  settings: Settings
}
type MetaKey = keyof typeof META_SCHEMAS
type MetaWrite = Partial<Omit<MetaState, 'consoleId' | 'lastSeq' | 'referenceVersion'>>

const CHUNK = 300

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

function marks(n: number): string {
  return new Array(n).fill('?').join(',')
}

export class Store {
  /** Rows whose JSON failed its schema since open (each is also logged). */
  corruptRows = 0

  constructor(
    readonly db: SqliteDb,
    private readonly log: Log = silentLog
  ) {}

  get path(): string {
    return this.db.path
  }

  close(): Promise<void> {
    return this.db.close()
  }

  // ---- JSON in and out -------------------------------------------------------------------

  private parse<S extends z.ZodType>(schema: S, text: unknown, where: string): z.infer<S> | null {
    if (typeof text !== 'string') return null
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      this.corrupt(where, 'not JSON')
      return null
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.corrupt(where, parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    return null
  }

  private corrupt(where: string, reason: string): void {
    this.corruptRows += 1
    this.log('error', 'corrupt row in the console cache, skipped', { where, reason })
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

  /**
   * Applies several inputs in order inside the caller's transaction, with the result each would
   * have had alone: the rows they touch are read once, kept current in memory as each input is
   * decided, and written once at the end (a run of answered commands costs a handful of driver
   * round trips, not a handful per command).
   */
  private async applyAllIn(c: SqlConnection, inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
    const lastSeqAtStart = await readLastSeq(c)
    const everything = inputs.flatMap((input) => input.changes)
    const cached = await loadCached(c, everything)
    const owners = await loadSeqOwners(c, everything.map((ch) => ch.seq))
    // The net row of each entity, written after the loop in multi-row statements: one driver
    // round trip per WRITE_CHUNK rows instead of one per change is most of the ingest rate.
    const rows = new Map<string, Change>()
    const allRefused: Refusal[] = []
    const results: ApplyResult[] = []
    let lastSeq = lastSeqAtStart
    for (const input of inputs) {
      const refused: Refusal[] = [...(input.refused ?? [])]
      const delta = new DeltaBuilder()
      let applied = 0
      for (const ch of input.changes) {
        const key = `${ch.entity}:${ch.id}`
        const owner = owners.get(ch.seq)
        if (owner !== undefined && owner !== key) {
          refused.push(refusal(ch, `duplicate seq ${ch.seq}: already held by ${owner}`))
          continue
        }
        const before = cached.get(key)
        const live = ch.data !== null
        // A removal of something never cached has nothing to remove; hubs send such stubs for every
        // out-of-scope change, and keeping them would grow the file without protecting anything.
        if (before === undefined && !live) continue
        // Old news about an entity the cache does not hold: everything up to lastSeq has been seen, so
        // it was removed (or left scope) since, and its tombstone was skipped above. Applying it would
        // bring a deleted case back (a live batch delivered after the sync page that removed it).
        if (before === undefined && ch.seq <= lastSeq) continue
        const verdict = decide({ seq: ch.seq, version: ch.version, live }, before)
        if (verdict.kind === 'ignore') continue
        if (verdict.kind === 'refuse') {
          refused.push(refusal(ch, verdict.reason))
          continue
        }
        rows.set(key, ch)
        if (before) owners.delete(before.seq)
        owners.set(ch.seq, key)
        cached.set(key, { version: ch.version, seq: ch.seq, live })
        applied += 1
        if (ch.data === null) {
          if (before?.live) delta.remove(ch.entity, ch.id)
        } else {
          delta.set(ch.entity, ch.id, ch.entity === 'incident' ? summarize(ch.data) : ch.data)
        }
      }
      const next = advanceLastSeq(lastSeq, input.coverage)
      lastSeq = next.lastSeq
      allRefused.push(...refused)
      results.push({ delta: delta.build(next.lastSeq), applied, refused, gap: next.gap, lastSeq: next.lastSeq })
    }
    await writeEntities(c, [...rows.values()])
    if (lastSeq !== lastSeqAtStart) await writeMeta(c, 'lastSeq', lastSeq)
    await writeRefusals(c, allRefused)
    return results
  }

  /** Drops every cached entity and sets lastSeq to 0 (a reset); the outbox stays. */
  clearEntities(): Promise<Delta> {
    return this.db.transaction(async (c) => {
      const ids = async (table: string): Promise<string[]> =>
        (await c.all(`SELECT id FROM ${table} WHERE data IS NOT NULL`)).map((r) => String(r.id))
      const delta = emptyDelta(0)
      delta.removedIncidentIds = await ids('incidents')
      delta.removedUnitIds = await ids('units')
      delta.removedHandoverIds = await ids('handovers')
      await c.exec('DELETE FROM incidents; DELETE FROM units; DELETE FROM handovers;')
      await writeMeta(c, 'lastSeq', 0)
      return delta
    })
  }

  async listIncidentSummaries(): Promise<IncidentSummary[]> {
    const rows = await this.db.exclusive((c) =>
      c.all('SELECT id, summary FROM incidents WHERE data IS NOT NULL ORDER BY seq')
    )
    return this.parseRows(rows, 'summary', IncidentSummary, 'incidents')
  }

  /**
   * The renderer's live set: open cases, and finished ones that finished at or after `sinceMs` (see
   * live-window.ts). SQL narrows by status and a day-wide margin on the summary's updatedAt (ISO text,
   * offsets vary), then the exact instant is checked here.
   */
  async listLiveIncidentSummaries(sinceMs: number): Promise<IncidentSummary[]> {
    const rows = await this.db.exclusive((c) =>
      c.all(
        `SELECT id, summary FROM incidents WHERE data IS NOT NULL AND ${LIVE_WHERE} ORDER BY seq`,
        liveParams(sinceMs)
      )
    )
    return this.parseRows(rows, 'summary', IncidentSummary, 'incidents').filter((s) => inLiveSet(s, sinceMs))
  }

  /** Finished cases that finished at or after `sinceMs` (open ones left out), for a window that grew. */
  async listFinishedSince(sinceMs: number): Promise<IncidentSummary[]> {
    const rows = await this.db.exclusive((c) =>
      c.all(
        `SELECT id, summary FROM incidents WHERE data IS NOT NULL AND status IN (${marks(CLOSED_STATES.length)})
           AND ${UPDATED_AT} >= ? ORDER BY seq`,
        [...CLOSED_STATES, sqlSince(sinceMs)]
      )
    )
    return this.parseRows(rows, 'summary', IncidentSummary, 'incidents').filter(
      (s) => !isOpenStatus(s.status) && inLiveSet(s, sinceMs)
    )
  }

  /**
   * Id, status and finishing time of each case in the live set, without parsing whole summaries: what
   * the core needs to follow the live set (open ~1 s faster per 100k cached cases than the summaries).
   */
  async listLiveIncidentTimes(sinceMs: number): Promise<LiveIncidentTime[]> {
    const rows = await this.db.exclusive((c) =>
      c.all(
        `SELECT id, status, ${UPDATED_AT} AS updated_at FROM incidents
           WHERE data IS NOT NULL AND ${LIVE_WHERE}`,
        liveParams(sinceMs)
      )
    )
    const out: LiveIncidentTime[] = []
    for (const r of rows) {
      const status = IncidentStatus.safeParse(r.status)
      const updatedAt = IsoDate.safeParse(r.updated_at)
      if (!status.success || !updatedAt.success) {
        this.corrupt(`incidents/${String(r.id)}`, 'status or summary.updatedAt')
        continue
      }
      const time = { id: String(r.id), status: status.data, updatedAt: updatedAt.data }
      if (inLiveSet(time, sinceMs)) out.push(time)
    }
    return out
  }

  /**
   * Up to `limit` cached cases whose code, title or address contains `query` (ASCII case ignored; `%`, `_`
   * and `\` match themselves): exact code, then code prefix, code substring, title or address; newest
   * reported first within each. The whole cache, not the live set: the find panel's way to an old case.
   * Read-only. A damaged row is skipped and counted, and the next match takes its place.
   */
  async findIncidentSummaries(query: string, limit: number): Promise<IncidentSummary[]> {
    const q = query.trim()
    if (q === '' || !(limit >= 1)) return []
    const like = escapeLike(q)
    return this.db.exclusive(async (c) => {
      const out: IncidentSummary[] = []
      // One statement per page: a page short of valid rows (damaged ones skipped) asks for the rest.
      for (let offset = 0; out.length < limit; ) {
        const want = limit - out.length
        const rows = await c.all(FIND_SQL, [q, `${like}%`, `%${like}%`, want, offset])
        out.push(...this.parseRows(rows, 'summary', IncidentSummary, 'incidents'))
        if (rows.length < want) break
        offset += rows.length
      }
      return out
    })
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
    return this.parseRows(rows, 'data', Unit, 'units')
  }

  async listHandovers(): Promise<Handover[]> {
    const rows = await this.db.exclusive((c) =>
      c.all('SELECT id, data FROM handovers WHERE data IS NOT NULL ORDER BY seq')
    )
    return this.parseRows(rows, 'data', Handover, 'handovers')
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

  private parseRows<S extends z.ZodType>(rows: { id?: unknown; [k: string]: unknown }[], col: string, schema: S, table: string): z.infer<S>[] {
    const out: z.infer<S>[] = []
    for (const row of rows) {
      const value = this.parse(schema, row[col], `${table}/${String(row.id)}`)
      if (value !== null) out.push(value)
    }
    return out
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

  // ---- outbox ----------------------------------------------------------------------------

  /** Writes a new command durably (the transaction has committed when this resolves). */
  async addOutbox(command: Command, queuedAt: string): Promise<StoredOutbox> {
    const { lastID } = await this.db.exclusive((c) =>
      c.run(`INSERT INTO outbox (command_id, command, state, attempts, queued_at) VALUES (?, ?, 'queued', 0, ?)`, [
        command.commandId,
        JSON.stringify(command),
        queuedAt
      ])
    )
    return { ord: lastID, command, state: 'queued', attempts: 0, error: null, current: null, queuedAt }
  }

  async listOutbox(): Promise<StoredOutbox[]> {
    const rows = await this.db.exclusive((c) => c.all('SELECT * FROM outbox ORDER BY ord'))
    const out: StoredOutbox[] = []
    for (const r of rows) {
      const where = `outbox/${String(r.command_id)}`
      const command = this.parse(Command, r.command, where)
      const error = r.error === null ? null : this.parse(ApiError, r.error, `${where}.error`)
      const current = r.current === null ? null : this.parse(Incident, r.current, `${where}.current`)
      const entry = OutboxEntry.safeParse({
        command,
        state: r.state,
        attempts: r.attempts,
        error,
        current,
        queuedAt: r.queued_at
      })
      if (command === null || !entry.success) {
        if (command !== null) this.corrupt(where, 'outbox row fields')
        continue
      }
      out.push({ ...entry.data, ord: Number(r.ord) })
    }
    return out
  }

  async updateOutbox(
    commandId: string,
    patch: { state?: OutboxState; attempts?: number; error?: ApiError | null; current?: Incident | null; command?: Command }
  ): Promise<void> {
    const sets: string[] = []
    const params: SqlValue[] = []
    const set = (col: string, value: SqlValue): void => {
      sets.push(`${col} = ?`)
      params.push(value)
    }
    const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v))
    if (patch.state !== undefined) set('state', patch.state)
    if (patch.attempts !== undefined) set('attempts', patch.attempts)
    if (patch.error !== undefined) set('error', json(patch.error))
    if (patch.current !== undefined) set('current', json(patch.current))
    if (patch.command !== undefined) set('command', JSON.stringify(patch.command))
    if (sets.length === 0) return
    await this.db.exclusive((c) => c.run(`UPDATE outbox SET ${sets.join(', ')} WHERE command_id = ?`, [...params, commandId]))
  }

  async deleteOutbox(commandId: string): Promise<boolean> {
    const { changes } = await this.db.exclusive((c) => c.run('DELETE FROM outbox WHERE command_id = ?', [commandId]))
    return changes > 0
  }

  /** Retry after a final error: the old command leaves and a new one joins the end, atomically. */
  async replaceOutbox(oldCommandId: string, command: Command, queuedAt: string): Promise<StoredOutbox> {
    const lastID = await this.db.transaction(async (c) => {
      await c.run('DELETE FROM outbox WHERE command_id = ?', [oldCommandId])
      const r = await c.run(
        `INSERT INTO outbox (command_id, command, state, attempts, queued_at) VALUES (?, ?, 'queued', 0, ?)`,
        [command.commandId, JSON.stringify(command), queuedAt]
      )
      return r.lastID
    })
    return { ord: lastID, command, state: 'queued', attempts: 0, error: null, current: null, queuedAt }
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

// ---- live-set filters (see listLiveIncidentSummaries) ---------------------------------------

/**
 * The summary's updatedAt text. json_extract fails the whole statement on one malformed row, so it is
 * asked only of valid JSON (CASE is evaluated lazily); a damaged row is kept for parse() to report.
 */
const UPDATED_AT = `CASE WHEN json_valid(summary) THEN json_extract(summary, '$.updatedAt') END`

/** Open, or finished with an updatedAt text no earlier than the margin below the instant. */
const LIVE_WHERE = `(status NOT IN (${marks(CLOSED_STATES.length)}) OR NOT json_valid(summary) OR ${UPDATED_AT} >= ?)`

/**
 * updatedAt is compared as text, which is exact only for one offset: a day's margin (more than any
 * offset, ±14 h) keeps every candidate, and the caller checks the instant. -Infinity: no bound.
 */
function sqlSince(sinceMs: number): string {
  return Number.isFinite(sinceMs) ? new Date(sinceMs - DAY_MS).toISOString().slice(0, 10) : ''
}

function liveParams(sinceMs: number): SqlValue[] {
  return [...CLOSED_STATES, sqlSince(sinceMs)]
}

// ---- find (see findIncidentSummaries) ------------------------------------------------------

/** A backslash escapes LIKE's wildcards, so a typed `%` or `_` matches only itself. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/** A field of the summary, asked only of valid JSON (json_extract fails the whole statement otherwise). */
const field = (path: string): string => `CASE WHEN json_valid(summary) THEN json_extract(summary, '$.${path}') END`

/**
 * Rank 0 exact code, 1 code prefix, 2 code substring, 3 title or address; 9 a row whose summary has no
 * code (damaged), kept so parse() reports it; no rank: no match. Params: query, prefix pattern,
 * substring pattern, limit, offset. julianday() reads any offset the hub wrote; seq keeps pages stable.
 */
const FIND_SQL = `
  SELECT id, summary FROM (
    SELECT id, seq, summary,
      CASE
        WHEN code IS NULL THEN 9
        WHEN code = ?1 COLLATE NOCASE THEN 0
        WHEN code LIKE ?2 ESCAPE '\\' THEN 1
        WHEN code LIKE ?3 ESCAPE '\\' THEN 2
        WHEN title LIKE ?3 ESCAPE '\\' OR address LIKE ?3 ESCAPE '\\' THEN 3
      END AS rank,
      reported_at
    FROM (
      SELECT id, seq, summary, ${field('code')} AS code, ${field('title')} AS title,
        ${field('address')} AS address, ${field('reportedAt')} AS reported_at
      FROM incidents WHERE data IS NOT NULL
    )
  )
  WHERE rank IS NOT NULL
  ORDER BY rank, julianday(reported_at) DESC, seq DESC
  LIMIT ?4 OFFSET ?5`

// ---- helpers that run inside a caller's transaction ----------------------------------------

async function writeMeta(c: SqlConnection, key: MetaKey, value: unknown): Promise<void> {
  await c.run(
    `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    [key, JSON.stringify(value)]
  )
}

async function readLastSeq(c: SqlConnection): Promise<number> {
  const row = await c.get(`SELECT value FROM meta WHERE key = 'lastSeq'`)
  if (row === undefined) return 0
  try {
    const parsed = Seq.safeParse(JSON.parse(String(row.value)))
    return parsed.success ? parsed.data : 0
  } catch {
    return 0
  }
}

async function loadCached(c: SqlConnection, changes: readonly Change[]): Promise<Map<string, Cached>> {
  const out = new Map<string, Cached>()
  for (const kind of Object.keys(TABLE) as EntityKind[]) {
    const ids = [...new Set(changes.filter((ch) => ch.entity === kind).map((ch) => ch.id))]
    for (const part of chunks(ids)) {
      const rows = await c.all(
        `SELECT id, version, seq, data IS NOT NULL AS live FROM ${TABLE[kind]} WHERE id IN (${marks(part.length)})`,
        part
      )
      for (const r of rows) {
        out.set(`${kind}:${String(r.id)}`, { version: Number(r.version), seq: Number(r.seq), live: r.live === 1 })
      }
    }
  }
  return out
}

async function loadSeqOwners(c: SqlConnection, seqs: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>()
  if (seqs.length === 0) return out
  // A batch wholly above every cached seq (a catch-up page, live changes) can own none of them:
  // one indexed MAX instead of a lookup per seq (~10% of a catch-up's apply time).
  const top = await c.get(
    `SELECT MAX(m) AS m FROM (SELECT MAX(seq) AS m FROM incidents UNION ALL SELECT MAX(seq) FROM units
       UNION ALL SELECT MAX(seq) FROM handovers)`
  )
  const highest = typeof top?.m === 'number' ? top.m : null
  if (highest === null || Math.min(...seqs) > highest) return out
  for (const part of chunks([...new Set(seqs)])) {
    const m = marks(part.length)
    const rows = await c.all(
      `SELECT 'incident' AS kind, id, seq FROM incidents WHERE seq IN (${m})
       UNION ALL SELECT 'unit', id, seq FROM units WHERE seq IN (${m})
       UNION ALL SELECT 'handover', id, seq FROM handovers WHERE seq IN (${m})`,
      [...part, ...part, ...part]
    )
    for (const r of rows) out.set(Number(r.seq), `${String(r.kind)}:${String(r.id)}`)
  }
  return out
}

/** Rows per INSERT: 100 × 6 parameters stays far below SQLite's variable limit. */
const WRITE_CHUNK = 100
/** Outbox ids per DELETE: well under SQLite's bound on bound parameters. */
const DELETE_CHUNK = 500

/** Upserts the entities' rows (at most one change per entity), a chunk of rows per statement. */
async function writeEntities(c: SqlConnection, changes: readonly Change[]): Promise<void> {
  // Each statement is handed to the driver as soon as its rows are encoded, so the next chunk is
  // encoded (JSON, summaries) while SQLite writes the one before on the driver's thread. Every
  // statement is settled before returning: a failure must not let COMMIT or ROLLBACK overtake one.
  const pending: Promise<unknown>[] = []
  const send = (statement: Promise<unknown>): void => {
    // Read below with allSettled; until then a refusal must not count as unhandled.
    statement.catch(() => undefined)
    pending.push(statement)
  }
  for (const kind of Object.keys(TABLE) as EntityKind[]) {
    const mine = changes.filter((ch) => ch.entity === kind)
    for (let i = 0; i < mine.length; i += WRITE_CHUNK) {
      const part = mine.slice(i, i + WRITE_CHUNK)
      const params: SqlValue[] = []
      for (const ch of part) {
        const data = ch.data === null ? null : JSON.stringify(ch.data)
        if (ch.entity === 'incident') {
          const summary = ch.data === null ? null : JSON.stringify(summarize(ch.data))
          params.push(ch.id, ch.version, ch.seq, ch.data?.status ?? null, summary, data)
        } else {
          params.push(ch.id, ch.version, ch.seq, data)
        }
      }
      if (kind === 'incident') {
        send(
          c.run(
            `INSERT INTO incidents (id, version, seq, status, summary, data) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
           ON CONFLICT(id) DO UPDATE SET version = excluded.version, seq = excluded.seq, status = excluded.status,
             summary = excluded.summary, data = excluded.data`,
            params
          )
        )
      } else {
        send(
          c.run(
            `INSERT INTO ${TABLE[kind]} (id, version, seq, data) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}
           ON CONFLICT(id) DO UPDATE SET version = excluded.version, seq = excluded.seq, data = excluded.data`,
            params
          )
        )
      }
      // Let the driver start on this chunk before the next one is encoded.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }
  const failed = (await Promise.allSettled(pending)).find((r) => r.status === 'rejected')
  if (failed !== undefined) throw failed.reason
  await writeIncidentIndex(c, changes) // issue 10 (k10): the period index the figures and exports read
}

async function writeRefusals(c: SqlConnection, refused: readonly Refusal[]): Promise<void> {
  if (refused.length === 0) return
  const at = new Date().toISOString()
  for (const r of refused.slice(-MAX_REJECTED_ROWS)) {
    await c.run('INSERT INTO rejected_changes (at, seq, entity, entity_id, reason, raw) VALUES (?, ?, ?, ?, ?, ?)', [
      at,
      r.seq,
      r.entity,
      r.id,
      r.reason.slice(0, 1000),
      excerpt(r.raw)
    ])
  }
  await c.run('DELETE FROM rejected_changes WHERE id <= (SELECT MAX(id) FROM rejected_changes) - ?', [MAX_REJECTED_ROWS])
}

// ---- opening checks (used by open-cache.ts, kept here so all SQL stays in this file) ----------

/** PRAGMA quick_check; true when SQLite finds the file sound. Throws if it is not a database. */
export async function quickCheck(db: SqliteDb): Promise<boolean> {
  const rows = await db.exclusive((c) => c.all('PRAGMA quick_check'))
  return rows.length === 1 && rows[0]?.quick_check === 'ok'
}

export async function enableWal(db: SqliteDb): Promise<void> {
  await db.exclusive(async (c) => {
    // FULL, not NORMAL: in WAL mode NORMAL survives a crash but may lose the last commits on a
    // power cut — and a queued command is promised to the dispatcher once its commit returns.
    // The cost is one WAL fsync per transaction (a batch of changes, or one queued command).
    await c.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;')
    // 32 MiB of page cache (default 2 MiB): a catch-up rewrites B-tree pages of a 100k-row table
    // many times; keeping them in memory makes ingest ~30% faster on a desktop that has the RAM.
    await c.exec('PRAGMA cache_size = -32768;')
  })
}

/** Best effort: the queued commands still readable in a damaged file, so none is lost. */
export async function salvageOutbox(db: SqliteDb): Promise<{ command: unknown; queuedAt: unknown }[]> {
  const rows = await db.exclusive((c) => c.all('SELECT command, queued_at FROM outbox ORDER BY ord'))
  const out: { command: unknown; queuedAt: unknown }[] = []
  for (const r of rows) {
    try {
      out.push({ command: JSON.parse(String(r.command)), queuedAt: r.queued_at })
    } catch {
      // unreadable row: nothing to carry over
    }
  }
  return out
}

export async function salvageConsoleId(db: SqliteDb): Promise<string | null> {
  const row = await db.exclusive((c) => c.get(`SELECT value FROM meta WHERE key = 'consoleId'`))
  if (row === undefined) return null
  try {
    const value: unknown = JSON.parse(String(row.value))
    return typeof value === 'string' ? value : null
  } catch {
    return null
  }
}
