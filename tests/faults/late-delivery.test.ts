// Over a slow or flapping link, a live batch can reach the console after a catch-up page that
// already carried a later version of the same entity. Found by the flapping-link test under load:
// a case created and then deleted came back to life in the cache. Deterministic here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { makeIncident } from '../fixtures/entities'
import { startRogueHub, type RogueHub } from '../helpers/rogue-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { openTestConsole, waitFor } from './support'

let tmp: ReturnType<typeof makeTempDir>
let rogue: RogueHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-late-')
  rogue = await startRogueHub({ streets: ['110101006'], headSeq: 0 })
})
afterEach(async () => {
  await core?.close()
  core = null
  await rogue.close()
  tmp.remove()
})

const live = (id: string, seq: number, version = 1): Record<string, unknown> => ({
  seq,
  entity: 'incident',
  id,
  version,
  data: makeIncident({ id, seq, version })
})

describe('late live changes', () => {
  it('does not bring back a case whose removal the console already synced', async () => {
    // The catch-up page: a case, and the tombstone of one this console never saw (created at 10, removed at 20).
    rogue.syncChanges = [live('inc-kept', 5), { seq: 20, entity: 'incident', id: 'inc-gone', version: 2, data: null }]
    rogue.headSeq = 20
    const started = await openTestConsole(tmp.dir, rogue.url, 'any-token')
    core = started.core
    const c = started.core
    await waitFor(() => c.debug.status().lastSeq === 20, 10_000, 'catch-up')

    // The live batch with its creation arrives late, then the next live batch.
    rogue.emitChanges([live('inc-gone', 10)])
    rogue.headSeq = 21
    rogue.emitChanges([live('inc-next', 21)])
    await waitFor(() => c.debug.status().lastSeq === 21, 10_000, 'the next live batch')

    expect(await c.api.getIncident('inc-gone')).toBeNull()
    expect((await c.api.getSnapshot()).incidents.map((i) => i.id).sort()).toEqual(['inc-kept', 'inc-next'])
    expect(c.debug.status().rejectedChanges).toBe(0)
  }, 30_000)

  it('still applies a late change for a case it holds when the version is newer', async () => {
    rogue.syncChanges = [live('inc-a', 5)]
    rogue.headSeq = 5
    const started = await openTestConsole(tmp.dir, rogue.url, 'any-token')
    core = started.core
    const c = started.core
    await waitFor(() => c.debug.status().lastSeq === 5, 10_000, 'catch-up')
    rogue.headSeq = 7
    rogue.emitChanges([live('inc-a', 6, 2), live('inc-b', 7)])
    await waitFor(() => c.debug.status().lastSeq === 7, 10_000, 'live batch')
    expect((await c.api.getIncident('inc-a'))?.version).toBe(2)
    expect((await c.api.getIncident('inc-b'))?.version).toBe(1)
  }, 30_000)
})
