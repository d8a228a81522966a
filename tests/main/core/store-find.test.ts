// The cache's find query (findIncidentSummaries) on a real SQLite file: codes, titles and addresses,
// LIKE wildcards typed by a person, the ranking, the limit and damaged rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openCache } from '../../../src-main/core/open-cache'
import type { Store } from '../../../src-main/core/store'
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

type Row = {
  id: string
  code: string
  title?: string
  address?: string
  reportedAt: string
  status?: string
  reporter?: { name?: string; phone?: string }
}

async function seed(rows: Row[]): Promise<void> {
  await store.applyBatch({
    changes: rows.map(({ id, ...over }, i) => incidentChange(id, 1, i + 1, { status: 'closed', ...over })),
    coverage: { from: 1, to: rows.length }
  })
}

const ids = async (query: string, limit = 50): Promise<string[]> =>
  (await store.findIncidentSummaries(query, limit)).map((s) => s.id)

describe('findIncidentSummaries', () => {
  beforeEach(() =>
    seed([
      { id: 'old-0042', code: 'DC20261121-0042', title: '井盖缺失', address: '东四北大街 3 号', reportedAt: '2026-11-21T02:00:00Z' },
      { id: 'new-0042x', code: 'DC20261123-00420', title: '占道经营', address: '朝阳门内大街', reportedAt: '2026-11-23T02:00:00Z' },
      { id: 'mid-10042', code: 'DC20261122-10042', title: '暴露垃圾', address: '东四北大街 12 号', reportedAt: '2026-11-22T09:00:00+08:00' },
      { id: 'title-hit', code: 'DC20261120-0007', title: '路灯不亮 DC20261121', address: '南锣鼓巷', reportedAt: '2026-11-20T02:00:00Z' },
      { id: 'pct', code: 'DC20261119-0001', title: '噪音 100% 超标', address: '交道口_北二条', reportedAt: '2026-11-19T02:00:00Z' },
      { id: 'open-one', code: 'DC20261123-0500', title: '井盖松动', address: '东四北大街 30 号', reportedAt: '2026-11-23T05:00:00Z', status: 'dispatched' }
    ])
  )

  it('puts the exact code first, ignoring ASCII case and surrounding spaces', async () => {
    expect(await ids('  dc20261121-0042 ')).toEqual(['old-0042'])
    // Exact before a longer code that starts with it.
    expect(await ids('DC20261123-0042')).toEqual(['new-0042x'])
  })

  it('ranks code prefix, then code substring, then title or address; newest reported first within each', async () => {
    // Prefix: the 21st's codes (one); substring of a code: none; title: one.
    expect(await ids('DC20261121')).toEqual(['old-0042', 'title-hit'])
    // Substring of three codes, newest reported first (the 22nd at 09:00+08:00 is 01:00 UTC).
    expect(await ids('0042')).toEqual(['new-0042x', 'mid-10042', 'old-0042'])
    // Every code from the 20th on starts so: newest first; the 19th's case has no match at all.
    expect(await ids('DC2026112')).toEqual(['open-one', 'new-0042x', 'mid-10042', 'old-0042', 'title-hit'])
    // A code prefix ranks above a code substring, even when older.
    expect(await ids('DC20261120')).toEqual(['title-hit'])
    expect(await ids('2026112')).toEqual(['open-one', 'new-0042x', 'mid-10042', 'old-0042', 'title-hit'])
  })

  it('matches titles and addresses, open and finished cases alike', async () => {
    expect(await ids('井盖')).toEqual(['open-one', 'old-0042'])
    expect(await ids('东四北大街')).toEqual(['open-one', 'mid-10042', 'old-0042'])
    expect(await ids('no such thing')).toEqual([])
  })

  it('treats % and _ and a backslash as plain characters', async () => {
    expect(await ids('%')).toEqual(['pct'])
    expect(await ids('100%')).toEqual(['pct'])
    expect(await ids('_')).toEqual(['pct'])
    expect(await ids('交道口_北')).toEqual(['pct'])
    // Unescaped, '_' would match any one character: 交道口X北 must not match.
    expect(await ids('东四_大街')).toEqual([])
    expect(await ids('0%2')).toEqual([])
    expect(await ids('\\')).toEqual([])
  })

  it('returns at most `limit`, the best ones', async () => {
    expect(await ids('DC2026112', 2)).toEqual(['open-one', 'new-0042x'])
    expect(await ids('DC2026112', 5)).toHaveLength(5)
    expect(await ids('0042', 1)).toEqual(['new-0042x'])
    expect(await ids('', 10)).toEqual([])
    expect(await ids('0042', 0)).toEqual([])
  })

  it('leaves out deleted cases (tombstones)', async () => {
    await store.applyBatch({
      changes: [{ entity: 'incident', id: 'old-0042', version: 2, seq: 7, data: null }],
      coverage: { from: 7, to: 7 }
    })
    expect(await ids('0042')).toEqual(['new-0042x', 'mid-10042'])
  })

  it('skips and counts a damaged row, and the next match takes its place', async () => {
    await store.db.exclusive((c) => c.run(`UPDATE incidents SET summary = 'not json' WHERE id = 'new-0042x'`))
    await store.db.exclusive((c) =>
      c.run(`UPDATE incidents SET summary = json_set(summary, '$.urgency', 'whenever') WHERE id = 'mid-10042'`)
    )
    const before = store.corruptRows
    // The schema-invalid row ranks where it matched and is skipped; the next one fills the page.
    expect(await ids('0042', 1)).toEqual(['old-0042'])
    expect(store.corruptRows).toBe(before + 1)
    // The row that is not JSON cannot be matched: it comes last, and is skipped and counted too.
    expect(await ids('0042')).toEqual(['old-0042'])
    expect(store.corruptRows).toBe(before + 3)
  })
})

// Issue 16: 12345 call-backs find a case by the reporter's name or phone (stored masked: 3 + 4 digits).
describe('findIncidentSummaries by reporter', () => {
  beforeEach(() =>
    seed([
      { id: 'wang', code: 'DC20261121-0001', title: '噪音扰民', reportedAt: '2026-11-21T02:00:00Z', reporter: { name: '王秀英', phone: '139****5678' } },
      { id: 'li', code: 'DC20261122-0002', title: '路灯不亮', reportedAt: '2026-11-22T02:00:00Z', reporter: { name: '李王明', phone: '138****1234' } },
      { id: 'pct', code: 'DC20261123-0003', title: '垃圾', reportedAt: '2026-11-23T02:00:00Z', reporter: { name: 'Anna_50%', phone: '010****4321' } },
      { id: 'anon', code: 'DC20261124-0004', title: '井盖', reportedAt: '2026-11-24T02:00:00Z', reporter: {} }
    ])
  )

  it('finds the reporter by part of the name, newest first, ASCII case ignored', async () => {
    expect(await ids('王秀英')).toEqual(['wang'])
    expect(await ids('王明')).toEqual(['li'])
    expect(await ids('anna')).toEqual(['pct'])
  })

  it('does not search names on one character (it would match half the city)', async () => {
    expect(await ids('王')).toEqual([])
  })

  it('treats % and _ in a name query as plain characters', async () => {
    expect(await ids('a_50%')).toEqual(['pct'])
    expect(await ids('秀_')).toEqual([])
    expect(await ids('%%')).toEqual([])
  })

  it('finds by the last 4 digits or the full number, with or without spaces and dashes', async () => {
    expect(await ids('5678')).toEqual(['wang'])
    expect(await ids('13912345678')).toEqual(['wang'])
    expect(await ids('139 1234 5678')).toEqual(['wang'])
    expect(await ids('139-1234-5678')).toEqual(['wang'])
    expect(await ids('+86 139 1234 5678')).toEqual(['wang'])
    // Last 5 digits: the fifth from the end is masked in the cache, the last 4 decide.
    expect(await ids('45678')).toEqual(['wang'])
    // A full number whose first 3 digits differ is another person's phone.
    expect(await ids('13812345678')).toEqual([])
    expect(await ids('13812341234')).toEqual(['li'])
  })

  it('says what matched, with the reporter only for a reporter or phone match', async () => {
    const said = async (q: string) =>
      (await store.findIncidentMatches(q, 10)).map((m) => [m.incident.id, m.matched, m.reporter])
    expect(await said('秀英')).toEqual([['wang', 'reporter', { name: '王秀英', phone: '139****5678' }]])
    expect(await said('139 1234 5678')).toEqual([['wang', 'phone', { name: '王秀英', phone: '139****5678' }]])
    expect(await said('DC20261122-0002')).toEqual([['li', 'code', null]])
    expect(await said('路灯')).toEqual([['li', 'title', null]])
  })

  it('does not take fewer than 4 digits as a phone', async () => {
    expect(await ids('678')).toEqual([])
  })
})

