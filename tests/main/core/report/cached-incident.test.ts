// The read-only report path checks cached rows with a light structural check instead of a full zod
// parse: every incident the full schema accepts passes, and a corrupt row in a real cache file (not
// JSON, a wrong shape, a bad timeline entry, a bad code) is skipped and counted, never trusted.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteDb } from '../../../../src-sqlite/sqlite-db'
import { CACHE_FILE_NAME, CacheReader } from '../../../../src-main/core/report/cache-reader'
import { looksLikeCachedIncident } from '../../../../src-main/core/report/cached-incident'
import { Incident } from '../../../../src-shared/protocol'
import { WEEK } from '../../../shared/domain/metrics-timeline'
import { makeTempDir } from '../temp-dir'
import { weekIncident, writeWeekCache } from './cache-fixture'

const FROM = Date.parse('2026-11-25T16:00:00.000Z')
const TO = Date.parse('2026-11-30T16:00:00.000Z')
const tmp = makeTempDir('gcc-cached-incident-')

/** Corruptions of a valid incident, each of which the full schema refuses too. */
const CORRUPT: [string, (v: Record<string, unknown>) => unknown][] = [
  ['no timeline', (v) => ({ ...v, timeline: undefined })],
  ['a timeline entry without a time', (v) => ({ ...v, timeline: [{ action: 'report', actor: { id: 'a', name: '甲', role: 'dispatcher' } }] })],
  ['a timeline entry with an unknown status', (v) => ({ ...v, timeline: [{ ...(v.timeline as object[])[0], to: 'vanished' }] })],
  ['an unknown status', (v) => ({ ...v, status: 'lost' })],
  ['a grid code that is not 15 digits', (v) => ({ ...v, gridCode: '1101' })],
  ['a reportedAt that is not a time', (v) => ({ ...v, reportedAt: 'yesterday' })],
  ['counters missing a field', (v) => ({ ...v, counters: { returns: 0 } })],
  ['assignees not a list of ids', (v) => ({ ...v, assignees: 'u1' })],
  ['a location without lat', (v) => ({ ...v, location: { lng: 116.4 } })],
  ['an array', () => []],
  ['null', () => null]
]

describe('looksLikeCachedIncident', () => {
  const valid = WEEK.map((c, i) => weekIncident(c, i + 1))

  it('accepts every incident the full schema accepts', () => {
    for (const inc of valid) {
      expect(Incident.safeParse(inc).success).toBe(true)
      expect(looksLikeCachedIncident(JSON.parse(JSON.stringify(inc)))).toBe(true)
    }
  })

  it.each(CORRUPT)('refuses %s (as the full schema does)', (_name, corrupt) => {
    const bad = corrupt(JSON.parse(JSON.stringify(valid[0])) as Record<string, unknown>)
    expect(Incident.safeParse(bad).success).toBe(false)
    expect(looksLikeCachedIncident(bad)).toBe(false)
  })
})

describe('CacheReader over a cache with corrupt rows', () => {
  let clean: Incident[] = []
  beforeAll(async () => {
    await writeWeekCache(tmp.dir)
    const reader = await CacheReader.open(tmp.dir)
    clean = (await reader.incidentsFor(FROM, TO)).incidents
    await reader.close()
    // Damage three stored rows behind the store's back: broken JSON, a wrong shape, a bad timeline.
    const db = await SqliteDb.open(join(tmp.dir, CACHE_FILE_NAME))
    const ids = clean.slice(0, 3).map((c) => c.id)
    const first = clean[0] as Incident
    await db.exclusive(async (c) => {
      await c.run('UPDATE incidents SET data = ? WHERE id = ?', ['{"id": "oops", ', ids[0] ?? ''])
      await c.run('UPDATE incidents SET data = ? WHERE id = ?', [JSON.stringify({ id: ids[1], code: 42 }), ids[1] ?? ''])
      await c.run('UPDATE incidents SET data = ? WHERE id = ?', [JSON.stringify({ ...first, id: ids[2], timeline: [{ at: 'soon' }] }), ids[2] ?? ''])
    })
    await db.close()
  })
  afterAll(() => tmp.remove())

  it('skips and counts each corrupt row and keeps the others as they were', async () => {
    expect(clean.length).toBeGreaterThan(3)
    const reader = await CacheReader.open(tmp.dir)
    try {
      const { incidents, skipped } = await reader.incidentsFor(FROM, TO)
      expect(skipped).toBe(3)
      expect(incidents).toEqual(clean.slice(3))
      const snap = await reader.snapshot(FROM, TO)
      expect(snap.skipped).toBe(3)
    } finally {
      await reader.close()
    }
  })
})
