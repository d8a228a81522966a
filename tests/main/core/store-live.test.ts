// The cache's read queries for the renderer's live set: exact on the instant whatever offset the
// hub wrote updatedAt in, and careful with rows that do not parse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openCache } from '../../../src-main/core/open-cache'
import type { Store } from '../../../src-main/core/store'
import type { ReferenceData } from '../../../src-shared/protocol'
import { incidentChange } from './changes'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let store: Store

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
})
afterEach(async () => {
  await store.close().catch(() => undefined)
  tmp.remove()
})

const DAY_START = Date.parse('2026-11-22T00:00:00+08:00')

async function seed(): Promise<void> {
  const rows: [string, string, string][] = [
    ['open-old', 'dispatched', '2026-10-01T08:00:00Z'],
    ['closed-today-utc', 'closed', '2026-11-21T16:00:00.000Z'], // exactly local midnight, written in UTC
    ['closed-today-local', 'rejected', '2026-11-22T00:00:01+08:00'],
    ['closed-yesterday-local', 'merged', '2026-11-21T23:59:59+08:00'], // text sorts after the bound's date
    ['closed-yesterday-west', 'closed', '2026-11-21T03:59:58-12:00'], // 15:59:58 UTC: text far below the bound
    ['closed-long-ago', 'closed', '2026-01-01T00:00:00Z']
  ]
  await store.applyBatch({
    changes: rows.map(([id, status, updatedAt], i) => incidentChange(id, 1, i + 1, { status, updatedAt })),
    coverage: { from: 1, to: rows.length }
  })
}

describe('live-set queries', () => {
  it('listLiveIncidentSummaries: open cases and those finished at or after the instant, any offset', async () => {
    await seed()
    const ids = (await store.listLiveIncidentSummaries(DAY_START)).map((s) => s.id)
    expect(ids).toEqual(['open-old', 'closed-today-utc', 'closed-today-local'])
    expect((await store.listLiveIncidentSummaries(-Infinity)).length).toBe(6)
    // The full list still has everything.
    expect((await store.listIncidentSummaries()).length).toBe(6)
    expect(await store.countIncidents()).toBe(6)
  })

  it('listFinishedSince: finished cases only', async () => {
    await seed()
    const ids = (await store.listFinishedSince(DAY_START - 1000)).map((s) => s.id)
    expect(ids).toEqual(['closed-today-utc', 'closed-today-local', 'closed-yesterday-local'])
  })

  it('listLiveIncidentTimes: the same set, id, status and updatedAt only', async () => {
    await seed()
    expect(await store.listLiveIncidentTimes(DAY_START)).toEqual([
      { id: 'open-old', status: 'dispatched', updatedAt: '2026-10-01T08:00:00Z' },
      { id: 'closed-today-utc', status: 'closed', updatedAt: '2026-11-21T16:00:00.000Z' },
      { id: 'closed-today-local', status: 'rejected', updatedAt: '2026-11-22T00:00:01+08:00' }
    ])
  })

  it('skips and counts a row whose summary is damaged, and keeps the others', async () => {
    await seed()
    await store.db.exclusive((c) => c.run(`UPDATE incidents SET summary = '{"updatedAt": 5}' WHERE id = 'closed-today-local'`))
    await store.db.exclusive((c) => c.run(`UPDATE incidents SET summary = 'not json' WHERE id = 'open-old'`))
    const before = store.corruptRows
    expect((await store.listLiveIncidentSummaries(DAY_START)).map((s) => s.id)).toEqual(['closed-today-utc'])
    expect((await store.listLiveIncidentTimes(DAY_START)).map((s) => s.id)).toEqual(['closed-today-utc'])
    expect(store.corruptRows).toBeGreaterThan(before)
  })

  it('getUtcOffsetMinutes reads the calendar offset; none without reference data, none when out of range', async () => {
    expect(await store.getUtcOffsetMinutes()).toBeNull()
    const reference = {
      version: 'ref-1',
      streets: [],
      communities: [],
      grids: { type: 'FeatureCollection', features: [] },
      categories: [],
      responsibilities: [],
      calendar: { utcOffsetMinutes: 480, periods: [{ start: '08:30', end: '17:30' }], workdays: [1], holidays: [], extraWorkdays: [] }
    } as unknown as ReferenceData
    await store.setReference(reference)
    expect(await store.getUtcOffsetMinutes()).toBe(480)
    await store.db.exclusive((c) => c.run(`UPDATE reference SET data = json_set(data, '$.calendar.utcOffsetMinutes', 9999)`))
    const before = store.corruptRows
    expect(await store.getUtcOffsetMinutes()).toBeNull()
    expect(store.corruptRows).toBe(before + 1)
    await store.db.exclusive((c) => c.run(`UPDATE reference SET data = 'not json'`))
    expect(await store.getUtcOffsetMinutes()).toBeNull()
  })
})
