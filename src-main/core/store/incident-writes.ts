// The incident write path: every change the cache applies — a sync page, a live batch, a command's
// answer — goes through applyAll, inside the caller's transaction (Store.transaction). Rows are
// decided against what is cached (apply-rules.ts) and written by writeEntities.
import { summarize } from '../../../src-shared/api'
import { type Change } from '../../../src-shared/protocol'
import { advanceLastSeq, type Cached, decide } from '../apply-rules'
import { DeltaBuilder } from '../delta-builder'
import { type Refusal, excerpt, refusal } from '../refusal'
import { type SqlConnection, type SqlValue } from '../../../src-sqlite/sqlite-db'
import { type ApplyInput, type ApplyResult } from '../store'
import { writeIncidentIndex } from '../incident-index'
import { readLastSeq, writeMeta } from './meta-rows'
import { type EntityKind, TABLE, chunks, marks } from './sql-util'

/** How many refused changes the cache keeps for inspection; older ones are dropped. */
export const MAX_REJECTED_ROWS = 1000

/**
 * Applies several inputs in order inside the caller's transaction, with the result each would
 * have had alone: the rows they touch are read once, kept current in memory as each input is
 * decided, and written once at the end (a run of answered commands costs a handful of driver
 * round trips, not a handful per command).
 */
export async function applyAll(c: SqlConnection, inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
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
       UNION ALL SELECT MAX(seq) FROM handovers UNION ALL SELECT MAX(seq) FROM functional_grids)`
  )
  const highest = typeof top?.m === 'number' ? top.m : null
  if (highest === null || Math.min(...seqs) > highest) return out
  for (const part of chunks([...new Set(seqs)])) {
    const m = marks(part.length)
    const rows = await c.all(
      `SELECT 'incident' AS kind, id, seq FROM incidents WHERE seq IN (${m})
       UNION ALL SELECT 'unit', id, seq FROM units WHERE seq IN (${m})
       UNION ALL SELECT 'handover', id, seq FROM handovers WHERE seq IN (${m})
       UNION ALL SELECT 'functionalGrid', id, seq FROM functional_grids WHERE seq IN (${m})`,
      [...part, ...part, ...part, ...part]
    )
    for (const r of rows) out.set(Number(r.seq), `${String(r.kind)}:${String(r.id)}`)
  }
  return out
}

/** Rows per INSERT: 100 × 6 parameters stays far below SQLite's variable limit. */
const WRITE_CHUNK = 100

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
  await writeIncidentIndex(c, changes) // issue 10: the period index the figures and exports read
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
