// Shared pieces of the fault, crash and bad-data tests: a console with short timers and a log
// recorder, a recorder of every change the hub commits, a fast bulk change generator that goes
// through the hub's own store (versions and seqs made by the hub), and entity-by-entity checks
// of a console cache against the hub.
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { openConsole, type ConsoleCore } from '../../src-main/core'
import type { LogLevel } from '../../src-main/core/log'
import type { SqliteDb } from '../../src-sqlite/sqlite-db'
import type { Change, EntityKind, Incident, Unit } from '../../src-shared/protocol'
import type { Hub } from '../../src-hub/hub'

export type LogLine = { level: LogLevel; msg: string; data?: Record<string, unknown> }

/** Short timers so reconnects, retries and heartbeats happen within a test's time. */
export const FAST_TIMING = {
  ackTimeoutMs: 1500,
  heartbeatMs: 300,
  reconnectDelayMs: 50,
  reconnectDelayMaxMs: 300,
  refusedRetryMs: 500,
  retryBaseMs: 50,
  retryMaxMs: 300
}

export async function openTestConsole(
  dataDir: string,
  hubUrl: string,
  token: string,
  timing: Parameters<typeof openConsole>[0]['timing'] = {}
): Promise<{ core: ConsoleCore; logs: LogLine[] }> {
  const logs: LogLine[] = []
  const core = await openConsole({
    dataDir,
    hubUrl,
    token,
    timing: { ...FAST_TIMING, ...timing },
    log: (level, msg, data) => {
      // Debug lines (one per sync page) would grow without bound in a long run.
      if (level !== 'debug') logs.push(data === undefined ? { level, msg } : { level, msg, data })
    }
  })
  return { core, logs }
}

/** Polls `cond`; on timeout the error names `what` and, when given, the state `detail` describes. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
  detail?: () => unknown
): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) {
      const state = detail === undefined ? '' : `; state: ${JSON.stringify(detail()).slice(0, 4000)}`
      throw new Error(`timed out after ${ms} ms waiting for ${what}${state}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

// ---- what the hub committed ------------------------------------------------------------------

export type HubEvent = {
  seq: number
  entity: EntityKind
  id: string
  version: number
  live: boolean
  /** For incidents: the commandId of the newest timeline entry (the command that made this version). */
  commandId: string | null
}

function eventOf(c: Change): HubEvent {
  const commandId = c.entity === 'incident' && c.data !== null ? (c.data.timeline.at(-1)?.commandId ?? null) : null
  return { seq: c.seq, entity: c.entity, id: c.id, version: c.version, live: c.data !== null, commandId }
}

/**
 * Records every change the hub commits from now on, in commit (= seq) order, after the versions
 * it already holds (the hub seeds its units before a test can listen).
 */
export async function recordHub(hub: Hub): Promise<HubEvent[]> {
  const events: HubEvent[] = []
  hub.store.onCommit((changes) => {
    for (const c of changes) events.push(eventOf(c))
  })
  const before = (await hubEntities(hub)).map(eventOf)
  const seen = new Set(events.map((e) => e.seq))
  events.unshift(...before.filter((e) => !seen.has(e.seq)))
  events.sort((a, b) => a.seq - b.seq)
  return events
}

/** Every commandId in every incident timeline the hub holds now, with how often it occurs. */
export async function timelineCommandCounts(hub: Hub): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const c of await hubEntities(hub)) {
    if (c.entity !== 'incident' || c.data === null) continue
    for (const entry of c.data.timeline) {
      if (entry.commandId !== undefined) counts.set(entry.commandId, (counts.get(entry.commandId) ?? 0) + 1)
    }
  }
  return counts
}

/** The hub's whole record: the latest version of every entity, tombstones included, in seq order. */
export async function hubEntities(hub: Hub): Promise<Change[]> {
  const out: Change[] = []
  // Paged like a console's sync: the hub also cuts pages by size.
  for (let since = 0; ; ) {
    const page = await hub.store.changesSince(since, 5000, '*')
    out.push(...page.changes)
    const last = page.changes.at(-1)
    if (!page.more || last === undefined) return out
    since = last.seq
  }
}

/**
 * Order check: for each case, the commands typed for it (`issued`, in typing order, with the case
 * they name; null for reports, which make their own) must have been applied by the hub in that
 * order (`events`, in commit order). Returns one line per case applied out of order.
 */
export function perCaseOrderErrors(
  events: readonly HubEvent[],
  issued: readonly { commandId: string; incidentId: string | null }[]
): string[] {
  const caseOf = new Map(issued.filter((c) => c.incidentId !== null).map((c) => [c.commandId, c.incidentId as string]))
  const typed = new Map<string, string[]>()
  for (const c of issued) if (c.incidentId !== null) typed.set(c.incidentId, [...(typed.get(c.incidentId) ?? []), c.commandId])
  const applied = new Map<string, string[]>()
  for (const e of events) {
    const id = e.commandId === null ? undefined : caseOf.get(e.commandId)
    if (id === undefined || e.commandId === null) continue
    applied.set(id, [...(applied.get(id) ?? []), e.commandId])
  }
  const out: string[] = []
  for (const [id, want] of typed) {
    const got = applied.get(id) ?? []
    if (got.join() !== want.join()) out.push(`${id}: applied ${got.length} in another order than the ${want.length} typed`)
  }
  return out
}

// ---- a fast change generator ---------------------------------------------------------------

/** Id prefix of generated incidents: commands in these tests never touch them. */
export const GENERATED_PREFIX = 'inc-gen-'

/**
 * Churn on the hub through its store's own write transactions (the hub assigns version and seq,
 * listeners broadcast them live): new incidents, edits of earlier ones, deletions, unit status
 * flips. About `n` changes per call; far faster than n commands, so tests can make tens of thousands.
 */
export class HubChurn {
  private readonly live: string[] = []
  private made = 0
  private flips = 0

  constructor(
    private readonly hub: Hub,
    /** Valid incidents to clone (from reportIncidents): grid, location, category come from them. */
    private readonly templates: readonly Incident[],
    private readonly units: readonly Unit[],
    private readonly random: () => number = Math.random
  ) {
    if (templates.length === 0) throw new Error('HubChurn needs at least one template incident')
  }

  /** Runs `n` changes in transactions of at most `perTx`. Returns the hub's head afterwards. */
  async run(n: number, perTx = 500): Promise<number> {
    for (let done = 0; done < n; done += perTx) await this.tx(Math.min(perTx, n - done))
    return this.hub.store.headSeq()
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  private async tx(n: number): Promise<void> {
    await this.hub.store.write(async (tx) => {
      for (let i = 0; i < n; i++) {
        const r = this.random()
        if (this.live.length < 50 || r < 0.3) {
          const t = this.pick(this.templates)
          const id = `${GENERATED_PREFIX}${randomUUID()}`
          this.made += 1
          await tx.put('incident', { ...t, id, code: `GEN-${this.made}`, title: `生成事件 ${this.made}`, claimedBy: null })
          this.live.push(id)
        } else if (r < 0.85) {
          const id = this.pick(this.live)
          const current = await tx.get('incident', id)
          if (current === null) continue
          await tx.put('incident', {
            ...current,
            title: `${current.title.slice(0, 60)} ·${current.version}`,
            urgency: current.urgency === 'normal' ? 'important' : 'normal',
            updatedAt: new Date().toISOString()
          })
        } else if (r < 0.92 && this.units.length > 0) {
          const unit = this.pick(this.units)
          const current = await tx.get('unit', unit.id)
          if (current === null) continue
          this.flips += 1
          await tx.put('unit', { ...current, status: current.status === 'available' ? 'busy' : 'available' })
        } else {
          const at = Math.floor(this.random() * this.live.length)
          const [id] = this.live.splice(at, 1)
          if (id !== undefined) await tx.remove('incident', id, Date.now())
        }
      }
    })
  }
}

// ---- the cache against the hub ---------------------------------------------------------------

export type CachedRow = { entity: EntityKind; id: string; version: number; seq: number; data: unknown }

const TABLES: Record<EntityKind, string> = { incident: 'incidents', unit: 'units', handover: 'handovers', functionalGrid: 'functional_grids' }

/** Every row of the cache's entity tables (tombstones included), read straight from SQLite. */
export async function cacheRows(db: SqliteDb): Promise<CachedRow[]> {
  return db.exclusive(async (c) => {
    const out: CachedRow[] = []
    for (const entity of Object.keys(TABLES) as EntityKind[]) {
      for (const r of await c.all(`SELECT id, version, seq, data FROM ${TABLES[entity]}`)) {
        out.push({
          entity,
          id: String(r.id),
          version: Number(r.version),
          seq: Number(r.seq),
          data: typeof r.data === 'string' ? (JSON.parse(r.data) as unknown) : null
        })
      }
    }
    return out
  })
}

export async function cacheLastSeq(db: SqliteDb): Promise<number> {
  const row = await db.exclusive((c) => c.get(`SELECT value FROM meta WHERE key = 'lastSeq'`))
  return row === undefined ? 0 : Number(JSON.parse(String(row.value)))
}

/**
 * Differences between the cache and the hub's record, entity by entity: missing, extra, another
 * version, live vs deleted, or different data. Empty when the cache equals the hub.
 */
export function diffCache(hub: readonly Change[], cache: readonly CachedRow[]): string[] {
  const out: string[] = []
  const cached = new Map(cache.map((r) => [`${r.entity}:${r.id}`, r]))
  for (const h of hub) {
    const key = `${h.entity}:${h.id}`
    const c = cached.get(key)
    cached.delete(key)
    if (c === undefined) {
      // A console that never saw an entity need not keep its tombstone.
      if (h.data !== null) out.push(`${key} v${h.version} missing from the cache`)
      continue
    }
    if (c.version !== h.version) out.push(`${key}: cache v${c.version}, hub v${h.version}`)
    else if ((c.data === null) !== (h.data === null)) out.push(`${key} v${h.version}: live/deleted differs`)
    else if (!isDeepStrictEqual(c.data, h.data)) out.push(`${key} v${h.version}: data differs`)
  }
  for (const key of cached.keys()) out.push(`${key} is in the cache but not at the hub`)
  return out
}

/**
 * Checks a cache against everything the hub committed (`events`, complete from seq 1): for its
 * lastSeq L, every entity must be at least at its version as of L, and every row must be exactly
 * a version the hub made (same id, version and seq). Returns the differences.
 */
export function diffCacheAtLastSeq(events: readonly HubEvent[], cache: readonly CachedRow[], lastSeq: number): string[] {
  const out: string[] = []
  const bySeq = new Map(events.map((e) => [e.seq, e]))
  const asOf = new Map<string, HubEvent>()
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) if (e.seq <= lastSeq) asOf.set(`${e.entity}:${e.id}`, e)
  const cached = new Map(cache.map((r) => [`${r.entity}:${r.id}`, r]))
  for (const [key, e] of asOf) {
    const c = cached.get(key)
    if (c === undefined) {
      if (e.live) out.push(`${key} v${e.version} (seq ${e.seq} ≤ lastSeq ${lastSeq}) missing`)
    } else if (c.version < e.version) {
      out.push(`${key}: cache v${c.version} older than v${e.version} at seq ${e.seq} ≤ lastSeq ${lastSeq}`)
    }
  }
  for (const [key, c] of cached) {
    const e = bySeq.get(c.seq)
    if (e === undefined || `${e.entity}:${e.id}` !== key || e.version !== c.version || e.live !== (c.data !== null)) {
      out.push(`${key} v${c.version} seq ${c.seq} is not a version the hub made`)
    }
  }
  return out
}

/** A compact summary for a failed expectation: the count and the first few lines. */
export function head(lines: readonly string[], n = 10): string[] {
  return lines.length <= n ? [...lines] : [...lines.slice(0, n), `… and ${lines.length - n} more`]
}

export type { ConsoleCore }
