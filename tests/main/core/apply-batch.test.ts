import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openCache } from '../../../src-main/core/open-cache'
import type { Store } from '../../../src-main/core/store'
import { screenBatch } from '../../../src-main/core/validate-changes'
import { deletion, incidentChange, unitChange } from './changes'
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

describe('applyBatch', () => {
  it('writes a large batch whole or not at all, even with its statements in flight together', async () => {
    // A row SQLite refuses in the middle of the third of five 100-row statements.
    await store.db.exclusive((c) =>
      c.exec(`CREATE TRIGGER refuse_bad BEFORE INSERT ON incidents WHEN NEW.id = 'i-bad' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`)
    )
    const changes = Array.from({ length: 500 }, (_, i) => incidentChange(i === 250 ? 'i-bad' : `i${i}`, 1, i + 1))
    await expect(store.applyBatch({ changes, coverage: { from: 0, to: 500 } })).rejects.toThrow(/refused by test/)
    expect(await store.listIncidentSummaries()).toEqual([])
    expect((await store.getMeta()).lastSeq).toBe(0)
    // The connection is usable afterwards, and the same batch without the bad row goes in whole.
    const good = changes.filter((ch) => ch.id !== 'i-bad')
    const r = await store.applyBatch({ changes: good, coverage: { from: 0, to: 500 } })
    expect(r.applied).toBe(499)
    expect((await store.listIncidentSummaries()).length).toBe(499)
  })

  it('applies a batch, moves lastSeq with it and returns the delta', async () => {
    const r = await store.applyBatch({
      changes: [incidentChange('i1', 1, 1), unitChange('u1', 1, 2), incidentChange('i1', 2, 3, { status: 'accepted' })],
      coverage: { from: 0, to: 3 }
    })
    expect(r).toMatchObject({ applied: 3, gap: false, lastSeq: 3, refused: [] })
    expect(r.delta.incidents).toHaveLength(1)
    expect(r.delta.incidents[0]).toMatchObject({ id: 'i1', version: 2, status: 'accepted' })
    expect(r.delta.units.map((u) => u.id)).toEqual(['u1'])
    expect((await store.getMeta()).lastSeq).toBe(3)
  })

  it('keeps the higher version only', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 3, 5, { title: 'v3' })], coverage: { from: 0, to: 5 } })
    const r = await store.applyBatch({ changes: [incidentChange('i1', 2, 4, { title: 'v2' })], coverage: null })
    expect(r.applied).toBe(0)
    expect(r.refused).toEqual([])
    expect((await store.getIncident('i1'))?.title).toBe('v3')
  })

  it('data null deletes, leaves a tombstone, and a late old change cannot revive it', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1)], coverage: { from: 0, to: 1 } })
    const del = await store.applyBatch({ changes: [deletion('incident', 'i1', 2, 2)], coverage: { from: 1, to: 2 } })
    expect(del.delta.removedIncidentIds).toEqual(['i1'])
    expect(await store.listIncidentSummaries()).toEqual([])
    const late = await store.applyBatch({ changes: [incidentChange('i1', 1, 1)], coverage: null })
    expect(late.applied).toBe(0)
    expect(await store.getIncident('i1')).toBeNull()
    expect(await store.entityVersion('incident', 'i1')).toEqual({ version: 2, seq: 2, live: false })
  })

  it('an out-of-scope stub for something never cached writes nothing but still moves lastSeq', async () => {
    const r = await store.applyBatch({ changes: [deletion('incident', 'far', 4, 1)], coverage: { from: 0, to: 1 } })
    expect(r).toMatchObject({ applied: 0, lastSeq: 1 })
    expect(r.delta.removedIncidentIds).toEqual([])
    expect(await store.entityVersion('incident', 'far')).toBeNull()
  })

  it('does not move lastSeq past a gap, but still applies by version', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1)], coverage: { from: 0, to: 1 } })
    const r = await store.applyBatch({ changes: [incidentChange('i2', 1, 5)], coverage: { from: 4, to: 5 } })
    expect(r).toMatchObject({ gap: true, lastSeq: 1, applied: 1 })
    expect((await store.getMeta()).lastSeq).toBe(1)
  })

  it('refuses a version going back and a reused seq, counts and stores them, applies the rest', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 5, 10), incidentChange('i2', 1, 11)], coverage: { from: 0, to: 11 } })
    const r = await store.applyBatch({
      changes: [incidentChange('i1', 4, 12), incidentChange('i3', 1, 11), incidentChange('i4', 1, 13)],
      coverage: { from: 11, to: 13 }
    })
    expect(r.applied).toBe(1)
    expect(r.refused.map((x) => x.reason)).toEqual([
      'version went back from 5 to 4',
      'duplicate seq 11: already held by incident:i2'
    ])
    expect(r.lastSeq).toBe(13)
    const stored = await store.listRejected()
    expect(stored).toHaveLength(2)
    expect(stored[0]?.raw).toContain('"id":"i3"')
    expect((await store.getIncident('i1'))?.version).toBe(5)
  })

  it('stores refusals from screening in the same transaction and applies the good changes', async () => {
    const screened = screenBatch([incidentChange('ok', 1, 1), { seq: 2, entity: 'incident', id: 'bad' }], new Set(['110101006']))
    const r = await store.applyBatch({ changes: screened.accepted, refused: screened.refused, coverage: { from: 0, to: 2 } })
    expect(r.applied).toBe(1)
    expect(r.refused).toHaveLength(1)
    expect(r.lastSeq).toBe(2)
    expect((await store.listRejected())[0]).toMatchObject({ seq: 2, reason: expect.stringMatching(/^schema:/) })
  })

  it('keeps at most MAX_REJECTED_ROWS refused changes', async () => {
    const bad = Array.from({ length: 1200 }, (_, i) => ({ seq: i + 1, entity: 'incident', id: `b${i}` }))
    const screened = screenBatch(bad, null)
    await store.applyBatch({ changes: [], refused: screened.refused, coverage: null })
    const count = await store.db.exclusive((c) => c.get('SELECT COUNT(*) AS n FROM rejected_changes'))
    expect(count?.n).toBe(1000)
  })

  it('writes entities and lastSeq in one transaction: a failure leaves neither', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1)], coverage: { from: 0, to: 1 } })
    // Make the refusal log (written last in the transaction) fail.
    await store.db.exclusive((c) => c.exec('DROP TABLE rejected_changes'))
    await expect(
      store.applyBatch({
        changes: [incidentChange('i2', 1, 2)],
        refused: [{ seq: 3, entity: null, id: null, reason: 'x', raw: {} }],
        coverage: { from: 1, to: 3 }
      })
    ).rejects.toThrow()
    expect(await store.getIncident('i2')).toBeNull()
    expect((await store.getMeta()).lastSeq).toBe(1)
  })
})
