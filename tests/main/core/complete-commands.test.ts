// Completing a run of answered commands in one transaction must give exactly what completing them
// one by one gives: the same results (delta, lastSeq, gap, refusals) and the same cache afterwards.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCache } from '../../../src-main/core/open-cache'
import type { CompletedCommand, Store } from '../../../src-main/core/store'
import { makeCommand } from '../../fixtures/entities'
import { incidentChange } from './changes'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let together: Store
let oneByOne: Store

beforeEach(async () => {
  tmp = makeTempDir()
  together = (await openCache(join(tmp.dir, 'together.sqlite'))).store
  oneByOne = (await openCache(join(tmp.dir, 'one-by-one.sqlite'))).store
})
afterEach(async () => {
  await together.close().catch(() => undefined)
  await oneByOne.close().catch(() => undefined)
  tmp.remove()
})

/** The answers of a run: in order, with a gap, a fill, a newer version of a case, and a repeat. */
function run(): CompletedCommand[] {
  const answered = [
    incidentChange('inc-a', 1, 1),
    incidentChange('inc-b', 1, 3), // seq 2 not seen yet: a gap, lastSeq stays
    incidentChange('inc-c', 1, 2), // fills it: lastSeq moves to 2 only (this answer covers 1..2)
    incidentChange('inc-a', 2, 4), // a newer version of the first case
    incidentChange('inc-a', 2, 4), // the same change again: ignored
    incidentChange('inc-d', 5, 3) // another entity claiming seq 3: refused
  ]
  return answered.map((change) => ({
    commandId: makeCommand({ incidentId: change.id }).commandId,
    input: { changes: [change], refused: [], coverage: { from: change.seq - 1, to: change.seq } },
    rebased: []
  }))
}

describe('Store.completeCommands', () => {
  it('gives each command the result it would have had alone, and the same cache', async () => {
    const items = run()
    for (const store of [together, oneByOne]) {
      for (const item of items) await store.addOutbox(makeCommand({ commandId: item.commandId, incidentId: 'inc-a' }), '2026-11-22T01:00:00.000Z')
    }
    const batched = await together.completeCommands(items)
    const single = []
    for (const item of items) single.push(await oneByOne.completeCommand(item.commandId, item.input, item.rebased))

    expect(batched).toEqual(single)
    expect(batched.map((r) => [r.lastSeq, r.gap, r.applied, r.refused.length])).toEqual([
      [1, false, 1, 0],
      [1, true, 1, 0],
      [2, false, 1, 0],
      [2, true, 1, 0],
      [2, true, 0, 0],
      // Refused, but its answer covered 2..3, so lastSeq moves past it (a refused change is not fetched again).
      [3, false, 0, 1]
    ])
    for (const store of [together, oneByOne]) {
      expect(await store.listOutbox()).toEqual([])
      expect((await store.getMeta()).lastSeq).toBe(3)
      expect((await store.getIncident('inc-a'))?.version).toBe(2)
      expect(await store.getIncident('inc-d')).toBeNull()
    }
    expect(await together.listIncidentSummaries()).toEqual(await oneByOne.listIncidentSummaries())
  })
})
