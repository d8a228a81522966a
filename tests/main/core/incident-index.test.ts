// The period index (schema 4): the store's one writer call fills it with every incident write, the
// migration fills it the same way for an existing cache, a tombstone or a reset empties it, and the
// report path reading it gives the very figures and CSV of the full `data` rows.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migration004 } from '../../../src-main/core/migrations/004-incident-index'
import { openCache } from '../../../src-main/core/open-cache'
import { CACHE_FILE_NAME, CacheReader } from '../../../src-main/core/report/cache-reader'
import { casesCsv, casesReceivedIn } from '../../../src-main/core/report/case-exports'
import { buildFigures } from '../../../src-main/core/report/figures-report'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import { DIMENSIONS, periodOfDays } from '../../../src-shared/domain'
import { NOW } from '../../shared/domain/metrics-timeline'
import { deletion } from './changes'
import { writeWeekCache } from './report/cache-fixture'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(async () => {
  tmp = makeTempDir()
  await writeWeekCache(tmp.dir)
})
afterEach(() => tmp.remove())

const file = (): string => join(tmp.dir, CACHE_FILE_NAME)
async function indexRows(): Promise<Record<string, unknown>[]> {
  const db = await SqliteDb.open(file(), 'readonly')
  try {
    return await db.exclusive((c) => c.all('SELECT * FROM incident_index ORDER BY id'))
  } finally {
    await db.close()
  }
}

describe('the period index', () => {
  it('the store writes a row per incident with integer times and place columns', async () => {
    const rows = await indexRows()
    expect(rows.map((r) => r.id)).toEqual(['L', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'])
    const q = rows.find((r) => r.id === 'Q')
    expect(q).toMatchObject({
      reported_ms: Date.parse('2026-11-26T01:00:00Z'),
      closed_ms: Date.parse('2026-11-30T04:00:00Z'), // the last verify → closed, 12:00 Beijing
      settled: 1,
      street: '110101006',
      community: '110101006001',
      grid: '110101006001007',
      category: '0601',
      status: 'closed',
      units: 'u1'
    })
    expect(Object.keys(JSON.parse(String(q?.slim))).sort()).toEqual(
      ['assignees', 'categoryCode', 'code', 'deadlineAt', 'gridCode', 'id', 'pausedAt', 'reportedAt', 'status', 'timeline', 'urgency'].sort()
    )
    expect(rows.find((r) => r.id === 'S')).toMatchObject({ settled: 0, closed_ms: null, units: 'u1;u2' })
  })

  it('the migration backfills an existing cache with the same values the writer puts in', async () => {
    const written = await indexRows()
    const db = await SqliteDb.open(file())
    try {
      await db.exclusive((c) => c.exec('DROP TRIGGER incident_index_gone; DROP TABLE incident_index; PRAGMA user_version = 3'))
      await db.transaction((c) => migration004.up(c))
      const filled = await db.exclusive((c) => c.all('SELECT * FROM incident_index ORDER BY id'))
      expect(filled.map((r) => ({ ...r, slim: JSON.parse(String(r.slim)) }))).toEqual(written.map((r) => ({ ...r, slim: JSON.parse(String(r.slim)) })))
    } finally {
      await db.close()
    }
  })

  it('a tombstone removes the row; a reset empties the index', async () => {
    const { store } = await openCache(file())
    try {
      await store.applyBatch({ changes: [deletion('incident', 'V', 99, 2000)], coverage: { from: 1002, to: 2000 } })
      expect((await store.db.exclusive((c) => c.all('SELECT id FROM incident_index'))).map((r) => r.id)).not.toContain('V')
      await store.clearEntities()
      expect(await store.db.exclusive((c) => c.all('SELECT id FROM incident_index'))).toEqual([])
    } finally {
      await store.close()
    }
  })

  it('figures and the cases CSV from the index equal those from the full rows', async () => {
    const period = periodOfDays('2026-11-26', '2026-11-30', 480)
    const reader = await CacheReader.open(tmp.dir)
    try {
      const full = await reader.snapshot(period.from.getTime(), period.to.getTime())
      const slim = await reader.slimIncidentsFor(period.from.getTime(), period.to.getTime())
      expect(slim.skipped).toBe(0)
      for (const by of DIMENSIONS) {
        expect(buildFigures({ ...full, incidents: slim.incidents }, period, by, NOW)).toEqual(buildFigures(full, period, by, NOW))
      }
      const csv = (xs: Parameters<typeof casesCsv>[0]): string => casesCsv(casesReceivedIn(xs, period.from.getTime(), period.to.getTime()), 480)
      expect(csv(slim.incidents)).toEqual(csv(full.incidents))
      expect(csv(slim.incidents).split('\r\n').length - 2).toBe(5) // P Q R S V
    } finally {
      await reader.close()
    }
  })

  it('a corrupt slim row is skipped and counted, never trusted', async () => {
    const db = await SqliteDb.open(file())
    await db.exclusive((c) => c.run(`UPDATE incident_index SET slim = '{"id":"S"' WHERE id = 'S'`))
    await db.close()
    const reader = await CacheReader.open(tmp.dir)
    try {
      const period = periodOfDays('2026-11-26', '2026-11-30', 480)
      const slim = await reader.slimIncidentsFor(period.from.getTime(), period.to.getTime())
      expect(slim.skipped).toBe(1)
      expect(slim.incidents.map((c) => c.id)).not.toContain('S')
    } finally {
      await reader.close()
    }
  })
})
