// Rev 1.8 in the console cache: functional-grid changes go through the common write path into
// their own table (cache schema 5), come back in deltas and listFunctionalGrids, obey versions and
// tombstones like every kind, a reset removes them, and a corrupt row is skipped and counted.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCache } from '../../../../src-main/core/open-cache'
import type { Store } from '../../../../src-main/core/store'
import { screenBatch } from '../../../../src-main/core/validate-changes'
import { deletion, functionalGridChange, incidentChange } from '../changes'
import { makeTempDir } from '../temp-dir'

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

describe('functional grids in the console cache', () => {
  it('are stored, listed and put in the delta beside other kinds; a higher version wins', async () => {
    const r = await store.applyBatch({
      changes: [incidentChange('i1', 1, 1), functionalGridChange('fg-1', 1, 2), functionalGridChange('fg-2', 1, 3, { name: '市容整治' })],
      coverage: { from: 0, to: 3 }
    })
    expect(r).toMatchObject({ applied: 3, lastSeq: 3, refused: [] })
    expect(r.delta.functionalGrids?.map((g) => g.id)).toEqual(['fg-1', 'fg-2'])
    expect(r.delta.removedFunctionalGridIds).toBeUndefined()
    expect((await store.listFunctionalGrids()).map((g) => [g.id, g.seq])).toEqual([['fg-1', 2], ['fg-2', 3]])

    const ended = await store.applyBatch({
      changes: [functionalGridChange('fg-1', 2, 4, { endedAt: '2026-11-22T03:00:00.000Z', endReason: '雨情解除' })],
      coverage: { from: 3, to: 4 }
    })
    expect(ended.delta.functionalGrids).toEqual([expect.objectContaining({ id: 'fg-1', version: 2, endReason: '雨情解除' })])
    const stale = await store.applyBatch({ changes: [functionalGridChange('fg-1', 1, 2)], coverage: null })
    expect(stale.applied).toBe(0)
    expect((await store.listFunctionalGrids()).find((g) => g.id === 'fg-1')?.version).toBe(2)
    // A batch that touched no functional grid carries none of the rev 1.8 fields.
    const other = await store.applyBatch({ changes: [incidentChange('i1', 2, 5)], coverage: { from: 4, to: 5 } })
    expect('functionalGrids' in other.delta || 'removedFunctionalGridIds' in other.delta).toBe(false)
  })

  it('a data-null change (left scope) removes one and leaves a tombstone; a reset clears them all', async () => {
    await store.applyBatch({ changes: [functionalGridChange('fg-1', 1, 1), functionalGridChange('fg-2', 1, 2)], coverage: { from: 0, to: 2 } })
    const gone = await store.applyBatch({ changes: [deletion('functionalGrid', 'fg-1', 2, 3)], coverage: { from: 2, to: 3 } })
    expect(gone.delta.removedFunctionalGridIds).toEqual(['fg-1'])
    expect(await store.entityVersion('functionalGrid', 'fg-1')).toEqual({ version: 2, seq: 3, live: false })
    const revive = await store.applyBatch({ changes: [functionalGridChange('fg-1', 1, 1)], coverage: null })
    expect(revive.applied).toBe(0)
    expect((await store.listFunctionalGrids()).map((g) => g.id)).toEqual(['fg-2'])

    const reset = await store.clearEntities()
    expect(reset.removedFunctionalGridIds).toEqual(['fg-2'])
    expect(await store.listFunctionalGrids()).toEqual([])
    expect(await store.entityVersion('functionalGrid', 'fg-1')).toBeNull()
  })

  it('a seq another kind holds is refused for a functional grid, and the other way round', async () => {
    await store.applyBatch({ changes: [incidentChange('i1', 1, 1), functionalGridChange('fg-1', 1, 2)], coverage: { from: 0, to: 2 } })
    const steal = await store.applyBatch({ changes: [functionalGridChange('fg-2', 1, 1)], coverage: null })
    expect(steal.refused.map((x) => x.reason)).toEqual([expect.stringMatching(/duplicate seq 1: already held by incident:i1/)])
    const back = await store.applyBatch({ changes: [incidentChange('i2', 1, 2)], coverage: null })
    expect(back.refused.map((x) => x.reason)).toEqual([expect.stringMatching(/duplicate seq 2: already held by functionalGrid:fg-1/)])
  })

  it('a corrupt row is skipped and counted, the others still listed', async () => {
    await store.applyBatch({ changes: [functionalGridChange('fg-1', 1, 1), functionalGridChange('fg-2', 1, 2)], coverage: { from: 0, to: 2 } })
    await store.db.exclusive((c) => c.run(`UPDATE functional_grids SET data = '{"id":"fg-1"}' WHERE id = 'fg-1'`))
    const before = store.corruptRows
    expect((await store.listFunctionalGrids()).map((g) => g.id)).toEqual(['fg-2'])
    expect(store.corruptRows).toBe(before + 1)
  })
})

describe('screening functional-grid changes', () => {
  it('one of several streets is in scope when any of its streets is; none of them, it is refused', () => {
    const mixed = functionalGridChange('fg-1', 1, 1, { gridCodes: ['110101006001001', '110101007001001'], streetCodes: ['110101006', '110101007'] })
    const elsewhere = functionalGridChange('fg-2', 1, 2, { gridCodes: ['110101008001001'], streetCodes: ['110101008'] })
    const s = screenBatch([mixed, elsewhere], new Set(['110101007']))
    expect(s.accepted.map((c) => c.id)).toEqual(['fg-1'])
    expect(s.refused.map((r) => r.reason)).toEqual(['street 110101008 is outside this console\'s scope'])
    expect(s.lastSeq).toBe(2)
  })

  it('a functional grid that fails its schema is refused with the path that failed', () => {
    const s = screenBatch([functionalGridChange('fg-1', 1, 1, { gridCodes: [] }), functionalGridChange('fg-2', 1, 2, { unitIds: [] })], null)
    expect(s.accepted).toEqual([])
    expect(s.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/^schema: .*gridCodes/), expect.stringMatching(/^schema: .*unitIds/)])
  })
})
