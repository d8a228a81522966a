// Rev 1.8 on the console core: against a real hub a 1.8 console says it speaks functional grids,
// sees the hub's features in its status, issues create/end through the outbox, stores the grids (its
// own and others', live and after a restart) and hands them out in snapshot and delta, to the wall
// too. Against a hub that predates 1.8 (no welcome.features) hubFeatures stays undefined; a bad
// functional-grid change from the wire is refused with its reason and loses nothing around it.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Delta } from '../../src-shared/api'
import type { ConsoleCore } from '../../src-main/core'
import { makeIncident } from '../fixtures/entities'
import { startRogueHub, type RogueHub } from '../helpers/rogue-hub'
import { callerFor, startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor } from './console-harness'

const HOUR = 3_600_000
const C1 = '110101001001'
const TEAM = ['u-gw-110101001001001', 'u-san-110101001']

let tmp: ReturnType<typeof makeTempDir>
const cores: ConsoleCore[] = []

beforeEach(() => {
  tmp = makeTempDir('gcc-fg-')
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  tmp.remove()
})

async function open(dir: string, url: string, token: string): Promise<ConsoleCore> {
  const { core } = await startConsole(dir, url, token)
  cores.push(core)
  return core
}

function payload(name: string, fromMs: number, toMs: number, area: Record<string, unknown> = { communityCode: C1 }) {
  return { name, purpose: '防汛巡查与积水点值守', fromAt: new Date(fromMs).toISOString(), toAt: new Date(toMs).toISOString(), unitIds: TEAM, area }
}

describe('console ⇄ reference hub: functional grids (rev 1.8)', () => {
  let hub: TestHub
  beforeEach(async () => {
    hub = await startTestHub()
  })
  afterEach(async () => {
    await hub.stop()
  })

  it('a lead creates and ends one through the outbox; cache, snapshot, delta and status.hubFeatures show it', async () => {
    const c = await open(tmp.dir, hub.url, hub.tokens.lead)
    await waitFor(() => c.debug.status().connection === 'online' && c.debug.status().lastSeq === hub.hub.store.headSeq(), 15_000, 'online')
    expect(c.debug.status().hubFeatures).toEqual(['functionalGrid'])
    expect((await c.api.getSnapshot()).status.hubFeatures).toEqual(['functionalGrid'])
    const deltas: Delta[] = []
    c.api.on('delta', (d) => deltas.push(d))

    const now = Date.now()
    const r = await c.api.issueCommand({ type: 'functionalGrid.create', payload: payload('汛期专项', now - HOUR, now + 4 * HOUR) })
    if (!r.ok) throw new Error(r.error.message)
    await waitFor(() => c.debug.outbox.list().length === 0, 15_000, 'create answered')
    const [onHub] = await hub.hub.store.listFunctionalGrids()
    if (!onHub) throw new Error('the hub stored no functional grid')
    expect(onHub.gridCodes).toEqual(['110101001001001', '110101001001002'])
    expect((await c.api.getSnapshot()).functionalGrids).toEqual([onHub])
    await waitFor(() => deltas.some((d) => d.functionalGrids?.some((g) => g.id === onHub.id)), 10_000, 'a delta with the grid')

    const end = await c.api.issueCommand({ type: 'functionalGrid.end', functionalGridId: onHub.id, payload: { reason: '雨情解除' } })
    if (!end.ok) throw new Error(end.error.message)
    await waitFor(() => c.debug.outbox.list().length === 0, 15_000, 'end answered')
    const [ended] = (await c.api.getSnapshot()).functionalGrids ?? []
    expect(ended).toMatchObject({ id: onHub.id, version: 2, endReason: '雨情解除' })
    expect(ended?.endedAt).not.toBeNull()
    await waitFor(() => deltas.some((d) => d.functionalGrids?.some((g) => g.id === onHub.id && g.version === 2)), 10_000, 'a delta with the ended grid')
  })

  it('an end without functionalGridId is refused before the outbox; a hub refusal is held with its message', async () => {
    const c = await open(tmp.dir, hub.url, hub.tokens.lead)
    await waitFor(() => c.debug.status().connection === 'online', 15_000, 'online')
    const bad = await c.api.issueCommand({ type: 'functionalGrid.end', payload: { reason: 'x' } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.issues?.join(' ')).toMatch(/functionalGrid\.end needs functionalGridId/)
    expect(c.debug.outbox.list()).toHaveLength(0)
    // A period wholly in the past: the hub refuses it and the outbox holds it with the reason.
    const past = await c.api.issueCommand({ type: 'functionalGrid.create', payload: payload('过期', Date.now() - 3 * HOUR, Date.now() - HOUR) })
    if (!past.ok) throw new Error(past.error.message)
    await waitFor(() => c.debug.outbox.list()[0]?.state === 'failed', 15_000, 'held')
    expect(c.debug.outbox.list()[0]?.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/in the past/) })
    expect((await c.api.getSnapshot()).functionalGrids).toBeUndefined()
  })

  it("another lead's grid arrives live; the wall's snapshot has it; it survives a restart of the console", async () => {
    const viewerDir = makeTempDir('gcc-fg-wall-')
    try {
      const c = await open(tmp.dir, hub.url, hub.tokens.dispatcher)
      const wall = await open(viewerDir.dir, hub.url, hub.tokens.viewer)
      await waitFor(() => c.debug.status().connection === 'online' && wall.debug.status().connection === 'online', 15_000, 'online')
      const now = Date.now()
      const { answer } = await hub.hub.command(
        { commandId: randomUUID(), type: 'functionalGrid.create', payload: payload('市容整治', now, now + 2 * HOUR), issuedAt: new Date().toISOString() },
        callerFor(hub.hub, hub.tokens.lead2)
      )
      if (!answer.ok) throw new Error(answer.error.message)
      await waitFor(async () => ((await c.api.getSnapshot()).functionalGrids ?? []).length === 1, 10_000, 'live to the console')
      await waitFor(async () => ((await wall.api.getSnapshot()).functionalGrids ?? []).length === 1, 10_000, 'live to the wall')
      expect((await wall.api.getSnapshot()).functionalGrids?.[0]).toMatchObject({ id: answer.entity.id, name: '市容整治' })

      await c.close()
      cores.splice(cores.indexOf(c), 1)
      await hub.stop()
      // Offline after a restart: the cache still holds it.
      const again = await open(tmp.dir, hub.url, hub.tokens.dispatcher)
      expect((await again.api.getSnapshot()).functionalGrids?.map((g) => g.id)).toEqual([answer.entity.id])
      hub = await startTestHub()
    } finally {
      viewerDir.remove()
    }
  })
})

describe('console ⇄ a hub that predates rev 1.8, or sends bad functional grids', () => {
  const STREET = '110101006'
  let rogue: RogueHub
  beforeEach(async () => {
    rogue = await startRogueHub({ streets: [STREET], headSeq: 0 })
  })
  afterEach(async () => {
    await rogue.close()
  })

  function grid(id: string, seq: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Date.now()
    const data = {
      id, version: 1, seq, name: '汛期专项', purpose: '防汛', fromAt: new Date(now).toISOString(), toAt: new Date(now + HOUR).toISOString(),
      endedAt: null, endReason: null, unitIds: ['u-1'], gridCodes: ['110101006001001'], streetCodes: [STREET],
      createdBy: { userId: 'u-lead', name: '值班长' }, createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(),
      ...overrides
    }
    return { seq, entity: 'functionalGrid', id, version: 1, data }
  }
  const incident = (id: string, seq: number) => ({ seq, entity: 'incident', id, version: 1, data: makeIncident({ id, seq, version: 1 }) })

  it('status.hubFeatures stays undefined; bad functional-grid changes are refused with their reason, nothing else lost', async () => {
    rogue.syncChanges = [incident('inc-1', 1)]
    rogue.headSeq = 1
    const c = await open(tmp.dir, rogue.url, 'any-token')
    await waitFor(() => c.debug.status().connection === 'online' && c.debug.status().lastSeq === 1, 15_000, 'first sync')
    expect(c.debug.status().hubFeatures).toBeUndefined()
    expect('hubFeatures' in (await c.api.getSnapshot()).status).toBe(false)

    rogue.headSeq = 6
    rogue.emitChanges([
      incident('inc-2', 2),
      grid('fg-empty', 3, { gridCodes: [] }),
      grid('fg-elsewhere', 4, { gridCodes: ['110101007001001'], streetCodes: ['110101007'] }),
      grid('fg-good', 5),
      incident('inc-3', 6)
    ])
    await waitFor(() => c.debug.status().lastSeq === 6 && c.debug.status().rejectedChanges === 2, 10_000, 'the batch')
    const reasons = (await c.store.listRejected(10)).map((r) => r.reason)
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/schema: .*gridCodes/), expect.stringMatching(/street 110101007 is outside this console's scope/)]))
    const snap = await c.api.getSnapshot()
    expect(snap.functionalGrids?.map((g) => g.id)).toEqual(['fg-good'])
    expect(snap.incidents.map((i) => i.id).sort()).toEqual(['inc-1', 'inc-2', 'inc-3'])
    expect(await c.store.entityVersion('functionalGrid', 'fg-empty')).toBeNull()
  })
})
