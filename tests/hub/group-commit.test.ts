// Group commit in the hub's store: writes that queue behind a running transaction share the next
// one, yet each keeps its own outcome, seqs stay consecutive, and a failure or a repeat inside a
// group behaves exactly as it would alone.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Change, Unit } from '../../src-shared/protocol'
import { HubStore } from '../../src-hub/store'

let dir: string
let store: HubStore
const heard: Change[][] = []

const unit = (id: string, openCount = 0): Unit => ({
  id,
  version: 1,
  seq: 0,
  name: `单位 ${id}`,
  kind: 'street_dept',
  streetCode: '110101001',
  gridCodes: [],
  categories: ['01'],
  status: 'available',
  location: null,
  openCount
})

const ID_A = '11111111-1111-4111-8111-111111111111'

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gcc-group-'))
  store = await HubStore.open(join(dir, 'hub.sqlite'))
  heard.length = 0
  store.onCommit((c) => heard.push(c))
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('group commit', () => {
  it('commits writes queued together in fewer transactions, with consecutive seqs and one outcome each', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => store.write((tx) => tx.put('unit', unit(`u-${i}`))))
    const stored = await Promise.all(writes)
    expect(stored.map((u) => u.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(store.headSeq()).toBe(20)
    // The first write starts alone; the 19 queued behind it share the next transaction.
    expect(heard.length).toBeLessThan(20)
    expect(heard.flat().map((c) => c.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    // Resolved means committed: the reader connection sees every one of them.
    for (const u of stored) expect(await store.getUnit(u.id)).toEqual(u)
  })

  it('keeps a failing write from taking its neighbours with it', async () => {
    const blocker = store.write((tx) => tx.put('unit', unit('u-first')))
    const a = store.write((tx) => tx.put('unit', unit('u-a')))
    const bad = store.write(async (tx) => {
      await tx.put('unit', unit('u-bad'))
      throw new Error('boom')
    })
    const c = store.write((tx) => tx.put('unit', unit('u-c')))
    await expect(bad).rejects.toThrow('boom')
    const [first, sa, sc] = await Promise.all([blocker, a, c])
    expect([first.seq, sa.seq, sc.seq]).toEqual([1, 2, 3])
    expect(await store.getUnit('u-bad')).toBeNull()
    expect(store.headSeq()).toBe(3)
    expect(heard.flat().map((ch) => ch.id)).toEqual(['u-first', 'u-a', 'u-c'])
  })

  it('lets the second of two writes for the same command in one group find the first one’s answer', async () => {
    const answerOnce = (): Promise<string> =>
      store.write(
        async (tx) => {
          const prior = await tx.findAnswer(ID_A)
          if (prior !== null) return `repeat:${prior}`
          await tx.saveAnswer(ID_A, '"first"', Date.now())
          return 'first'
        },
        { commandId: ID_A }
      )
    const blocker = store.write((tx) => tx.put('unit', unit('u-0')))
    const results = await Promise.all([answerOnce(), answerOnce()])
    await blocker
    expect(results).toEqual(['first', 'repeat:"first"'])
    // A later group prefetches the stored answer.
    expect(await answerOnce()).toBe('repeat:"first"')
  })

  it('hands out frozen entities, so one command cannot change what the next one reads', async () => {
    await store.write((tx) => tx.put('unit', unit('u-f')))
    const got = await store.write((tx) => tx.get('unit', 'u-f'))
    expect(got).not.toBeNull()
    expect(() => {
      ;(got as Unit).openCount = 99
    }).toThrow(TypeError)
    expect((await store.write((tx) => tx.get('unit', 'u-f')))?.openCount).toBe(0)
  })

  it('forgets what a rolled-back group wrote: later writes see the committed version only', async () => {
    await store.write((tx) => tx.put('unit', unit('u-v')))
    const blocker = store.write((tx) => tx.put('unit', unit('u-other')))
    const failing = store.write(async (tx) => {
      const current = await tx.get('unit', 'u-v')
      await tx.put('unit', { ...(current as Unit), openCount: 7 })
      throw new Error('rolled back')
    })
    const reader = store.write((tx) => tx.get('unit', 'u-v'))
    await blocker
    await expect(failing).rejects.toThrow('rolled back')
    const seen = await reader
    expect(seen?.version).toBe(1)
    expect(seen?.openCount).toBe(0)
    const next = await store.write(async (tx) => tx.put('unit', { ...((await tx.get('unit', 'u-v')) as Unit), openCount: 1 }))
    expect(next.version).toBe(2)
    expect(await store.getUnit('u-v')).toEqual(next)
  })

  it('writes a command’s rows before a write that reads SQLite itself (a purge) in the same group', async () => {
    await store.write((tx) => tx.put('unit', unit('u-t')))
    const blocker = store.write((tx) => tx.put('unit', unit('u-blocker')))
    const removed = store.write((tx) => tx.remove('unit', 'u-t', 1000), { commandId: ID_A })
    const purged = store.purge(2000)
    await blocker
    expect(await removed).toBe(true)
    expect((await purged).tombstones).toBe(1)
    expect(await store.getUnit('u-t')).toBeNull()
    // The tombstone's seq was the newest purged, so a console behind it must reset.
    expect(store.minSeq()).toBe(4)
  })
})
