import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openCache } from '../../../src-main/core/open-cache'
import { DEFAULT_SETTINGS } from '../../../src-main/core/settings'
import type { Store } from '../../../src-main/core/store'
import type { ReferenceData } from '../../../src-shared/protocol'
import { makeCommand } from '../../fixtures/entities'
import { incidentChange, unitChange } from './changes'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let path: string

beforeEach(async () => {
  tmp = makeTempDir()
  path = join(tmp.dir, 'cache.sqlite')
  store = (await openCache(path)).store
})
afterEach(async () => {
  await store.close().catch(() => undefined)
  tmp.remove()
})

const reference: ReferenceData = {
  version: 'ref-1',
  streets: [],
  communities: [],
  grids: { type: 'FeatureCollection', features: [] },
  categories: [
    {
      code: '0102',
      major: '01',
      kind: 'event',
      name: '暴露垃圾',
      nameEn: 'Exposed rubbish',
      limit: { value: 2, unit: 'working_hours' },
      defaultUrgency: 'normal'
    }
  ],
  responsibilities: [],
  calendar: { utcOffsetMinutes: 480, periods: [{ start: '08:30', end: '17:30' }], workdays: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] }
}

describe('store', () => {
  it('starts with defaults and a consoleId that survives reopening', async () => {
    const meta = await store.getMeta()
    expect(meta).toMatchObject({ lastSeq: 0, headSeq: 0, hubId: null, scope: null, referenceVersion: null })
    expect(meta.settings).toEqual(DEFAULT_SETTINGS)
    expect(meta.consoleId).toMatch(/^c-[0-9a-f-]{36}$/)
    await store.close()
    store = (await openCache(path)).store
    expect((await store.getMeta()).consoleId).toBe(meta.consoleId)
  })

  it('uses WAL', async () => {
    const row = await store.db.exclusive((c) => c.get('PRAGMA journal_mode'))
    expect(row?.journal_mode).toBe('wal')
  })

  it('round-trips meta, settings and reference data', async () => {
    const settings = { ...DEFAULT_SETTINGS, locale: 'en-US' as const, wallDisplayId: 2 }
    await store.setMeta({ headSeq: 12, hubId: 'hub-a', scope: ['110101006'], settings })
    await store.setReference(reference)
    await store.close()
    store = (await openCache(path)).store
    const meta = await store.getMeta()
    expect(meta).toMatchObject({ headSeq: 12, hubId: 'hub-a', scope: ['110101006'], settings, referenceVersion: 'ref-1' })
    expect(await store.getReference()).toEqual(reference)
  })

  it('round-trips entities and gives summaries', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1), unitChange('u1', 1, 2)], coverage: { from: 0, to: 2 } })
    const [summary] = await store.listIncidentSummaries()
    expect(summary).toMatchObject({ id: 'i1', version: 1, escalationLevel: null })
    expect(summary).not.toHaveProperty('timeline')
    expect((await store.getIncident('i1'))?.timeline).toHaveLength(1)
    expect(await store.getIncident('nope')).toBeNull()
    expect((await store.listUnits()).map((u) => u.id)).toEqual(['u1'])
    expect(await store.listHandovers()).toEqual([])
  })

  it('reports a corrupt JSON row instead of trusting it', async () => {
    const logged: string[] = []
    await store.close()
    store = (await openCache(path, { log: (level, msg) => logged.push(`${level}:${msg}`) })).store
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1), incidentChange('i2', 1, 2)], coverage: { from: 0, to: 2 } })
    await store.db.exclusive((c) => c.run(`UPDATE incidents SET summary = '{"id":"i1","version":"x"}', data = 'not json' WHERE id = 'i1'`))
    await store.db.exclusive((c) => c.run(`UPDATE meta SET value = '"-5"' WHERE key = 'lastSeq'`))
    expect((await store.listIncidentSummaries()).map((s) => s.id)).toEqual(['i2'])
    expect(await store.getIncident('i1')).toBeNull()
    expect((await store.getMeta()).lastSeq).toBe(0)
    expect(store.corruptRows).toBe(3)
    expect(logged.filter((l) => l.startsWith('error:'))).toHaveLength(3)
  })

  it('keeps outbox entries in order with their state', async () => {
    const a = makeCommand()
    const b = makeCommand({ type: 'note', payload: { text: '已电话联系' } })
    const first = await store.addOutbox(a, '2026-11-22T01:00:00.000Z')
    await store.addOutbox(b, '2026-11-22T01:00:01.000Z')
    await expect(store.addOutbox(a, '2026-11-22T01:00:02.000Z')).rejects.toThrow(/UNIQUE/)
    await store.updateOutbox(a.commandId, {
      state: 'failed',
      attempts: 2,
      error: { code: 'illegal_transition', message: 'no' }
    })
    const list = await store.listOutbox()
    expect(list.map((e) => e.command.commandId)).toEqual([a.commandId, b.commandId])
    expect(list[0]).toMatchObject({ ord: first.ord, state: 'failed', attempts: 2, error: { code: 'illegal_transition' } })
    expect(list[1]).toMatchObject({ state: 'queued', attempts: 0, error: null, current: null })
    expect(await store.deleteOutbox(a.commandId)).toBe(true)
    expect(await store.deleteOutbox(a.commandId)).toBe(false)
    expect((await store.listOutbox()).map((e) => e.command.commandId)).toEqual([b.commandId])
  })

  it('clearEntities drops the cache but keeps the outbox', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1), unitChange('u1', 1, 2)], coverage: { from: 0, to: 2 } })
    await store.addOutbox(makeCommand(), '2026-11-22T01:00:00.000Z')
    const delta = await store.clearEntities()
    expect(delta).toMatchObject({ lastSeq: 0, removedIncidentIds: ['i1'], removedUnitIds: ['u1'] })
    expect(await store.listIncidentSummaries()).toEqual([])
    expect((await store.getMeta()).lastSeq).toBe(0)
    expect(await store.listOutbox()).toHaveLength(1)
  })
})
