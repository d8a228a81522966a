// The store on its own: seq/version assignment, all-or-nothing transactions, schema checks before
// writing, committed-only notifications, refusing in-memory paths.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change, Unit } from '../../src-shared/protocol'
import { HubStore } from '../../src-hub/store'

let dir: string
let store: HubStore
const heard: Change[][] = []

const unit = (id: string, streetCode: string | null = '110101001'): Unit => ({
  id,
  version: 1,
  seq: 0,
  name: `单位 ${id}`,
  kind: 'street_dept',
  streetCode,
  gridCodes: [],
  categories: ['01'],
  status: 'available',
  location: null,
  openCount: 0
})

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gcc-store-'))
  store = await HubStore.open(join(dir, 'hub.sqlite'))
  heard.length = 0
  store.onCommit((c) => heard.push(c))
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('HubStore', () => {
  it('gives each write the next seq and the entity its next version', async () => {
    const a = await store.write((tx) => tx.put('unit', unit('u-a')))
    const b = await store.write((tx) => tx.put('unit', unit('u-b')))
    const a2 = await store.write((tx) => tx.put('unit', { ...a, openCount: 3 }))
    expect([a.seq, b.seq, a2.seq]).toEqual([1, 2, 3])
    expect([a.version, a2.version]).toEqual([1, 2])
    expect(store.headSeq()).toBe(3)
    expect(heard.map((batch) => batch.map((c) => c.seq))).toEqual([[1], [2], [3]])
    expect(await store.getUnit('u-a')).toEqual(a2)
  })

  it('rolls a failed transaction back whole: no entity, no seq, no notification', async () => {
    await expect(
      store.write(async (tx) => {
        await tx.put('unit', unit('u-x'))
        await tx.saveAnswer('11111111-1111-4111-8111-111111111111', '{"ok":true}', Date.now())
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(store.headSeq()).toBe(0)
    expect(await store.getUnit('u-x')).toBeNull()
    expect(heard).toEqual([])
    expect(await store.write((tx) => tx.findAnswer('11111111-1111-4111-8111-111111111111'))).toBeNull()
    // The next write still gets seq 1: a rolled-back seq is not burnt.
    expect((await store.write((tx) => tx.put('unit', unit('u-y')))).seq).toBe(1)
  })

  it('checks the schema before storing: an invalid entity is refused and nothing is written', async () => {
    const bad = { ...unit('u-bad'), streetCode: 'not-a-street' }
    await expect(store.write((tx) => tx.put('unit', bad))).rejects.toThrow()
    expect(await store.getUnit('u-bad')).toBeNull()
    expect(store.headSeq()).toBe(0)
  })

  it('hands out daily case numbers only when taken', async () => {
    const n = await store.write(async (tx) => {
      const peek1 = await tx.peekDailyCounter('2026-11-22')
      const peek2 = await tx.peekDailyCounter('2026-11-22')
      await tx.takeDailyCounter('2026-11-22')
      return [peek1, peek2, await tx.peekDailyCounter('2026-11-22'), await tx.peekDailyCounter('2026-11-23')]
    })
    expect(n).toEqual([1, 1, 2, 1])
  })

  it('filters changes by scope; units with no street are visible to every scope', async () => {
    await store.write(async (tx) => {
      await tx.put('unit', unit('u-1', '110101001'))
      await tx.put('unit', unit('u-2', '110101002'))
      await tx.put('unit', unit('u-3', null))
    })
    const page = await store.changesSince(0, 10, new Set(['110101002']))
    expect(page.changes.map((c) => c.id)).toEqual(['u-2', 'u-3'])
    const none = await store.changesSince(0, 10, new Set())
    expect(none.changes.map((c) => c.id)).toEqual(['u-3'])
  })

  it('refuses an in-memory database', async () => {
    await expect(HubStore.open(':memory:')).rejects.toThrow(/database file/)
  })
})

describe('size-bounded pages', () => {
  it('cuts a sync page by bytes as well as by count, and a live batch the same way', async () => {
    const { chunk } = await import('../../src-hub/broadcaster')
    await store.write(async (tx) => {
      for (let i = 0; i < 10; i++) await tx.put('unit', { ...unit(`u-${i}`), name: `单位${'长'.repeat(90)}${i}` })
    })
    const one = Buffer.byteLength(JSON.stringify(await store.getUnit('u-0')))
    const page = await store.changesSince(0, 10, '*', (one + 128) * 3 + 10)
    expect(page.changes).toHaveLength(3)
    expect(page.more).toBe(true)
    // A single change bigger than the budget still goes out alone rather than block the stream.
    expect((await store.changesSince(0, 10, '*', 1)).changes).toHaveLength(1)
    const all = (await store.changesSince(0, 10, '*')).changes
    expect(chunk(all, (one + 128) * 4 + 10).map((c) => c.length)).toEqual([4, 4, 2])
    expect(chunk(all).map((c) => c.length)).toEqual([10])
  })
})
