// The case facts (schema 6, format 2 since 7): the store's one writer call keeps a facts row in step with
// every incident write, migration 006 fills it the same way for an older cache (and drops the schema 4
// period index), migration 007 rewrites every row in format 2, a tombstone or a reset empties it, a bad
// row is skipped and counted, and the report path reading it gives the very figures and CSV of the full
// `data` rows — also on an older cache opened read-only (schema 4, or schema 6 with format 1 rows).
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CASE_FACTS_TABLE, decodeFacts, encodeFacts } from '../../../src-main/core/case-facts'
import { STATUS_CODES, SharedTexts, URGENCY_CODES } from '../../../src-main/core/case-facts-codec'
import { migration004 } from '../../../src-main/core/migrations/004-incident-index'
import { openCache } from '../../../src-main/core/open-cache'
import { CACHE_FILE_NAME, CacheReader } from '../../../src-main/core/report/cache-reader'
import { casesCsv, casesReceivedIn } from '../../../src-main/core/report/case-exports'
import { buildFigures } from '../../../src-main/core/report/figures-report'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import { DIMENSIONS, caseFactsOf, periodOfDays, type CaseFacts } from '../../../src-shared/domain'
import { IncidentStatus, Urgency, type Incident } from '../../../src-shared/protocol'
import { bj } from '../../shared/domain/helpers'
import { NOW, S, WEEK, e } from '../../shared/domain/metrics-timeline'
import { deletion } from './changes'
import { weekIncident, writeWeekCache } from './report/cache-fixture'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(async () => {
  tmp = makeTempDir()
  await writeWeekCache(tmp.dir)
})
afterEach(() => tmp.remove())

const PERIOD = periodOfDays('2026-11-26', '2026-11-30', 480)
const file = (): string => join(tmp.dir, CACHE_FILE_NAME)
async function withDb<T>(fn: (db: SqliteDb) => Promise<T>, mode: 'readonly' | 'readwrite' = 'readonly'): Promise<T> {
  const db = await SqliteDb.open(file(), mode)
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}
const factsRows = (): Promise<Record<string, unknown>[]> => withDb((db) => db.all(`SELECT * FROM ${CASE_FACTS_TABLE} ORDER BY id`))
const tables = (): Promise<string[]> => withDb(async (db) => (await db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).map((r) => String(r.name)))

/** The figures by every dimension and the cases CSV, from the facts and from the full rows of the same cache. */
async function figuresBothWays(): Promise<void> {
  const reader = await CacheReader.open(tmp.dir)
  try {
    const full = await reader.snapshot(PERIOD.from.getTime(), PERIOD.to.getTime())
    const facts = await reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime())
    expect(facts.skipped).toBe(0)
    for (const by of DIMENSIONS) expect(buildFigures({ ...full, incidents: facts.incidents }, PERIOD, by, NOW)).toEqual(buildFigures(full, PERIOD, by, NOW))
    const csv = (xs: Parameters<typeof casesCsv>[0]): string => casesCsv(casesReceivedIn(xs, PERIOD.from.getTime(), PERIOD.to.getTime()), 480)
    expect(csv(facts.incidents)).toEqual(csv(full.incidents))
    expect(csv(facts.incidents).split('\r\n').length - 2).toBe(5) // P Q R S V
  } finally {
    await reader.close()
  }
}

/** Turns the cache back into what schema 4 left: the period index, no case facts. */
async function downgradeToSchema4(): Promise<void> {
  await withDb(async (db) => {
    // Schema 4 had neither the case facts (6) nor the functional grids (5).
    await db.exclusive((c) => c.exec(`DROP TRIGGER case_facts_gone; DROP TABLE ${CASE_FACTS_TABLE}; DROP TABLE functional_grids; PRAGMA user_version = 3`))
    await db.transaction(async (c) => {
      await migration004.up(c)
      await c.exec('PRAGMA user_version = 4')
    })
  }, 'readwrite')
}

/** Format 1, as schema 6 wrote it: absolute ms, status and urgency as text, kinds/times/units apart. */
function encodeFormat1(f: CaseFacts): string {
  const part = (k: number): number[] => f.entries.filter((_, i) => i % 3 === k)
  return JSON.stringify([1, f.id, f.code, f.status, f.urgency, f.categoryCode, f.gridCode, f.reportedMs, f.deadlineMs, f.pausedMs, f.assignees, part(0), part(1), part(2), f.unitSets])
}

/** Turns the cache back into what schema 6 left: every facts row in format 1. */
async function downgradeToSchema6(): Promise<void> {
  await withDb(async (db) => {
    for (const row of await db.all(`SELECT id, facts FROM ${CASE_FACTS_TABLE}`)) {
      const f = decodeFacts(JSON.parse(String(row.facts)))
      if (!f) throw new Error(`row ${String(row.id)} does not decode`)
      await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = ? WHERE id = ?`, [encodeFormat1(f), String(row.id)]))
    }
    await db.exclusive((c) => c.exec('PRAGMA user_version = 6'))
  }, 'readwrite')
}

describe('the case facts', () => {
  it('the store writes a row per incident: integer times, and the facts of the case as written', async () => {
    const rows = await factsRows()
    expect(rows.map((r) => r.id)).toEqual(['L', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'])
    for (const c of WEEK) {
      const row = rows.find((r) => r.id === c.id)
      expect(row).toMatchObject({ reported_ms: Date.parse(c.reportedAt), settled: c.status === 'closed' ? 1 : 0 })
      expect(decodeFacts(JSON.parse(String(row?.facts)))).toEqual(caseFactsOf(weekIncident(c, 1)))
    }
    expect(await tables()).not.toContain('incident_index')
  })

  it('stay in step with the case on every write', async () => {
    const closed: Incident = {
      ...weekIncident(S, 1),
      version: S.timeline.length + 2,
      seq: 2000,
      status: 'closed',
      timeline: [...S.timeline, e('feedback', '11-30 19:00', 'resolved', ['u2']), e('verify', '11-30 19:30', 'closed', ['u2'])],
      updatedAt: bj('2026-11-30 19:30').toISOString()
    }
    const { store } = await openCache(file())
    try {
      await store.applyBatch({ changes: [{ entity: 'incident', id: 'S', version: closed.version, seq: 2000, data: closed }], coverage: { from: 1002, to: 2000 } })
    } finally {
      await store.close()
    }
    const row = (await factsRows()).find((r) => r.id === 'S')
    expect(row).toMatchObject({ settled: 1, updated_ms: bj('2026-11-30 19:30').getTime() })
    expect(decodeFacts(JSON.parse(String(row?.facts)))).toEqual(caseFactsOf(closed))
    await figuresBothWays()
  })

  it('a tombstone removes the row; a reset empties the table', async () => {
    const { store } = await openCache(file())
    try {
      await store.applyBatch({ changes: [deletion('incident', 'V', 99, 2000)], coverage: { from: 1002, to: 2000 } })
      expect((await store.db.all(`SELECT id FROM ${CASE_FACTS_TABLE}`)).map((r) => r.id)).not.toContain('V')
      await store.clearEntities()
      expect(await store.db.all(`SELECT id FROM ${CASE_FACTS_TABLE}`)).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('figures and the cases CSV from the facts equal those from the full rows', async () => {
    await figuresBothWays()
  })

  it('migration 006 backfills a schema 4 cache with the rows the writer puts in, and drops the period index', async () => {
    const written = await factsRows()
    await downgradeToSchema4()
    expect(await tables()).toContain('incident_index')
    // Opened read-only a schema 4 cache cannot be migrated: the report path reads its period index.
    await figuresBothWays()
    const { store } = await openCache(file())
    await store.close()
    expect(await withDb((db) => db.get('PRAGMA user_version'))).toEqual({ user_version: 7 })
    expect(await factsRows()).toEqual(written)
    expect(await tables()).not.toContain('incident_index')
    await figuresBothWays()
  })

  it('migration 007 rewrites a schema 6 cache in format 2; opened read-only, its format 1 rows give the same figures', async () => {
    const written = await factsRows()
    expect(written.every((r) => String(r.facts).startsWith('[2,'))).toBe(true)
    await downgradeToSchema6()
    const old = await factsRows()
    expect(old.every((r) => String(r.facts).startsWith('[1,'))).toBe(true)
    expect(old.map((r) => r.facts)).not.toEqual(written.map((r) => r.facts))
    await figuresBothWays() // read-only: format 1 as it is
    const { store } = await openCache(file())
    await store.close()
    expect(await withDb((db) => db.get('PRAGMA user_version'))).toEqual({ user_version: 7 })
    expect(await factsRows()).toEqual(written)
    await figuresBothWays()
  })

  it('a cache from before the period index, opened read-only, gives the same figures from its full rows', async () => {
    await withDb((db) => db.exclusive((c) => c.exec(`DROP TRIGGER case_facts_gone; DROP TABLE ${CASE_FACTS_TABLE}; PRAGMA user_version = 3`)), 'readwrite')
    await figuresBothWays()
  })

  it('a row that is not JSON, or not shaped like facts, is skipped and counted; the others are read', async () => {
    await withDb(async (db) => {
      await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '[1,"S"' WHERE id = 'S'`))
      await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '[1,"Q","x"]' WHERE id = 'Q'`))
    }, 'readwrite')
    const reader = await CacheReader.open(tmp.dir)
    try {
      const read = await reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime())
      expect(read.skipped).toBe(2)
      expect(read.incidents.map((c) => c.id).sort()).toEqual(['L', 'P', 'R', 'V', 'W']) // T and U are outside the period
    } finally {
      await reader.close()
    }
  })

  it('two broken rows that would join into valid JSON are still each skipped and counted', async () => {
    // L and W are neighbours in report order: "[1,\"L\"" + "," + "\"W\"]" reads as one array.
    await withDb(async (db) => {
      await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '[1,"L"' WHERE id = 'L'`))
      await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '"W"]' WHERE id = 'W'`))
    }, 'readwrite')
    const reader = await CacheReader.open(tmp.dir)
    try {
      const read = await reader.caseFactsFor(PERIOD.from.getTime(), PERIOD.to.getTime())
      expect(read.skipped).toBe(2)
      expect(read.incidents.map((c) => c.id)).toEqual(['Q', 'R', 'P', 'S', 'V'])
    } finally {
      await reader.close()
    }
  })
})

describe('the facts column', () => {
  const facts = caseFactsOf(weekIncident(S, 1))
  // Times off whole seconds, a pause, assignees that no entry names, no assignees, no deadline.
  const odd: CaseFacts[] = [
    { ...facts, reportedMs: facts.reportedMs + 123, deadlineMs: facts.reportedMs + 86_400_456, pausedMs: facts.reportedMs + 7_001 },
    { ...facts, entries: facts.entries.map((x, i) => (i % 3 === 1 ? x + i * 37 : x)), assignees: ['u9', 'u1'] },
    { ...facts, assignees: [], deadlineMs: null, pausedMs: null, entries: [], unitSets: [] },
    { ...facts, entries: facts.entries.map((x, i) => (i % 3 === 1 ? x - 86_400_000 * 3 : x)) } // entries before the report (a skewed clock)
  ]

  it('round-trips, whatever the times, assignees, status and urgency', () => {
    expect(decodeFacts(JSON.parse(encodeFacts(facts)))).toEqual(facts)
    for (const f of odd) expect(decodeFacts(JSON.parse(encodeFacts(f)))).toEqual(f)
    for (const status of IncidentStatus.options) for (const urgency of Urgency.options) expect(decodeFacts(JSON.parse(encodeFacts({ ...facts, status, urgency })))).toEqual({ ...facts, status, urgency })
  })

  it('format 2 is smaller than format 1 and keeps whole seconds as small numbers', () => {
    const text = encodeFacts(facts)
    expect(text.length).toBeLessThan(encodeFormat1(facts).length * 0.8)
    const [, , , , , , , reported, deadline, , , entries] = JSON.parse(text) as [number, string, string, number, number, string, string, number, number, number, number, number[]]
    expect(reported).toBe(facts.reportedMs)
    expect(deadline).toBe(((facts.deadlineMs ?? 0) - facts.reportedMs) / 1000)
    expect(entries.filter((_, i) => i % 3 === 1).every(Number.isInteger)).toBe(true)
  })

  it('numbers statuses and urgencies by fixed lists that cover every value', () => {
    expect([...STATUS_CODES].sort()).toEqual([...IncidentStatus.options].sort())
    expect([...URGENCY_CODES].sort()).toEqual([...Urgency.options].sort())
  })

  it('decoded with shared texts, cases hold one copy of a category, grid and unit list, and the same facts', () => {
    const shared = new SharedTexts()
    const a = decodeFacts(JSON.parse(encodeFacts(facts)), shared)
    const b = decodeFacts(JSON.parse(encodeFacts({ ...facts, id: 'S2' })), shared)
    expect(a).toEqual(facts)
    expect(b).toEqual({ ...facts, id: 'S2' })
    expect(a?.gridCode).toBe(b?.gridCode)
    expect(a?.unitSets[1]).toBe(b?.unitSets[1]) // ['u2']: a list of one unit, kept once
    const one = { ...facts, assignees: ['u2'], entries: facts.entries.map((x, i) => (i % 3 === 2 && x > 0 ? 1 : x)), unitSets: [['u2']] }
    const c = decodeFacts(JSON.parse(encodeFacts(one)), shared)
    const d = decodeFacts(JSON.parse(encodeFacts({ ...one, id: 'S3' })), shared)
    expect(c).toEqual(one)
    expect(c?.unitSets).toBe(d?.unitSets) // [['u2']]: the whole list of lists, kept once
    expect(c?.unitSets[0]).toBe(a?.unitSets[1])
  })

  it('still reads format 1', () => {
    expect(decodeFacts(JSON.parse(encodeFormat1(facts)))).toEqual(facts)
    for (const f of odd) expect(decodeFacts(JSON.parse(encodeFormat1(f)))).toEqual(f)
  })

  it('refuses anything not shaped like facts of format 2', () => {
    expect(decodeFacts(JSON.parse(encodeFacts(facts)))).toEqual(facts)
    const good = JSON.parse(encodeFacts(facts)) as unknown[]
    const bad = (i: number, v: unknown): unknown[] => good.map((x, j) => (j === i ? v : x))
    const entries = good[11] as number[]
    const cases: unknown[] = [
      null,
      {},
      good.slice(0, 12),
      [...good, 0],
      bad(0, 3), // another format
      bad(1, 7), // id
      bad(2, null), // code
      bad(3, 'closed'), // status as text (format 1's way)
      bad(3, STATUS_CODES.length), // a status number that is not there
      bad(3, 1.5),
      bad(4, URGENCY_CODES.length), // urgency
      bad(5, '01'), // category
      bad(6, '1101'), // grid
      bad(7, '2026-11-28'), // reported as text
      bad(8, 'never'), // deadline
      bad(9, 'x'), // paused
      bad(10, 3), // assignees: a unit set that is not there
      bad(10, -1),
      bad(10, [1]), // assignees of numbers
      bad(11, entries.slice(1)), // entries not in triples
      bad(11, entries.map((x, i) => (i === 0 ? 99 : x))), // an unknown kind
      bad(11, entries.map((x, i) => (i === 1 ? '600' : x))), // a time as text
      bad(11, entries.map((x, i) => (i === 2 ? 5 : x))), // a unit set that is not there
      bad(11, {}), // entries not an array
      bad(12, [[1]]), // unit sets of numbers
      bad(12, 'u1') // unit sets not an array
    ]
    for (const v of cases) expect(decodeFacts(v), JSON.stringify(v)).toBeNull()
  })

  it('refuses anything not shaped like facts of format 1', () => {
    const good = JSON.parse(encodeFormat1(facts)) as unknown[]
    const bad = (i: number, v: unknown): unknown[] => good.map((x, j) => (j === i ? v : x))
    const cases: unknown[] = [
      good.slice(0, 14),
      bad(1, 7), // id
      bad(3, 'done'), // status
      bad(4, 'soon'), // urgency
      bad(5, '01'), // category
      bad(6, '1101'), // grid
      bad(7, '2026-11-28'), // reported as text
      bad(8, 'never'), // deadline
      bad(10, [1]), // assignees
      bad(11, [99, 2, 3, 4]), // an unknown kind
      bad(12, [1, 2]), // times shorter than kinds
      bad(13, [0, 1, 3, 1]), // a unit set that is not there
      bad(14, [[1]]) // unit sets of numbers
    ]
    for (const v of cases) expect(decodeFacts(v), JSON.stringify(v)).toBeNull()
  })
})
