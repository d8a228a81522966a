// The period's facts are read in chunks by report time, pipelined (src-main/core/report/case-facts-read.ts):
// however many chunks, the same cases in the same order as one read of the whole selection; the spans
// cover every report time before the period's end exactly once; a broken row costs only itself, in
// whichever chunk it lies.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CASE_FACTS_TABLE } from '../../../../src-main/core/case-facts'
import { CACHE_FILE_NAME } from '../../../../src-main/core/report/cache-reader'
import { readFactsRows, spansOf } from '../../../../src-main/core/report/case-facts-read'
import { SqliteDb } from '../../../../src-sqlite/sqlite-db'
import { caseFactsOf, periodOfDays } from '../../../../src-shared/domain'
import { WEEK } from '../../../shared/domain/metrics-timeline'
import { makeTempDir } from '../temp-dir'
import { weekIncident, writeWeekCache } from './cache-fixture'

let tmp: ReturnType<typeof makeTempDir>
let db: SqliteDb
beforeEach(async () => {
  tmp = makeTempDir()
  await writeWeekCache(tmp.dir)
  db = await SqliteDb.open(join(tmp.dir, CACHE_FILE_NAME), 'readwrite')
})
afterEach(async () => {
  await db.close()
  tmp.remove()
})

const PERIOD = periodOfDays('2026-11-26', '2026-11-30', 480)
const FROM = PERIOD.from.getTime()
const TO = PERIOD.to.getTime()

describe('the chunked read of the case facts', () => {
  it('gives the selection of one whole read, in report order, however many chunks', async () => {
    // The selection as one plain query: reported before the period's end, and open or changed since its start.
    const want = (await db.all(`SELECT id FROM ${CASE_FACTS_TABLE} WHERE reported_ms < ? AND (settled = 0 OR updated_ms >= ?) ORDER BY reported_ms, id`, [TO, FROM])).map((r) => r.id)
    expect(want.length).toBeGreaterThan(4)
    for (const chunks of [1, 2, 3, 8, 64]) {
      const read = await readFactsRows(db, FROM, TO, chunks)
      expect(read.skipped, `${chunks}`).toBe(0)
      expect(read.incidents.map((f) => f.id), `${chunks}`).toEqual(want)
    }
    const byId = new Map(WEEK.map((c, i) => [c.id, caseFactsOf(weekIncident(c, i + 1))]))
    for (const f of (await readFactsRows(db, FROM, TO)).incidents) expect(f).toEqual(byId.get(f.id))
  })

  it('spans cover every report time before the period\'s end once, in order, also for an empty or reversed period', () => {
    for (const [from, to, chunks] of [
      [FROM, TO, 8],
      [FROM, FROM + 7, 8],
      [FROM, FROM, 3],
      [TO, FROM, 4]
    ] as const) {
      const spans = spansOf(from, to, chunks)
      expect(spans).toHaveLength(chunks + 1)
      expect(spans[0]?.[0]).toBeLessThan(-8e15)
      expect(spans[spans.length - 1]?.[1]).toBe(to)
      for (let i = 1; i < spans.length; i++) expect(spans[i]?.[0]).toBe(spans[i - 1]?.[1])
      for (const [a, b] of spans) expect(a).toBeLessThanOrEqual(b)
    }
  })

  it('skips and counts a broken row in any chunk, and reads every other case', async () => {
    const all = (await readFactsRows(db, FROM, TO)).incidents.map((f) => f.id)
    // S is in the period (a chunk of its own days), L before it (the first chunk).
    await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '[2,"S"' WHERE id = 'S'`))
    await db.exclusive((c) => c.run(`UPDATE ${CASE_FACTS_TABLE} SET facts = '[2,"L",1]' WHERE id = 'L'`))
    for (const chunks of [1, 8]) {
      const read = await readFactsRows(db, FROM, TO, chunks)
      expect(read.skipped).toBe(2)
      expect(read.incidents.map((f) => f.id)).toEqual(all.filter((id) => id !== 'S' && id !== 'L'))
    }
  })
})
