// A hub that sends bad data on purpose (the rogue hub): each kind of bad change is refused,
// counted in status (rejectedChanges), logged with its reason and kept in the cache's refusal
// table; the valid changes of the same batch are applied; the console keeps working.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { makeIncident, makeUnit } from '../fixtures/entities'
import { startRogueHub, type RogueHub } from '../helpers/rogue-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { openTestConsole, waitFor, type LogLine } from '../faults/support'

const STREET = '110101006'
const OTHER_STREET_GRID = '110101007001001'

let tmp: ReturnType<typeof makeTempDir>
let rogue: RogueHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-bad-hub-')
  rogue = await startRogueHub({ streets: [STREET], headSeq: 0 })
})
afterEach(async () => {
  await core?.close()
  core = null
  await rogue.close()
  tmp.remove()
})

function incidentChange(id: string, seq: number, version = 1, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { seq, entity: 'incident', id, version, data: { ...makeIncident({ id, seq, version }), ...overrides } }
}

function unitChange(id: string, seq: number, version = 1, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { seq, entity: 'unit', id, version, data: { ...makeUnit({ id, seq, version }), ...overrides } }
}

type Ctx = {
  /** The next seq in the hub's run. */
  next(): number
  /** seq of an incident the cache already holds at version 1 (from the first sync). */
  heldSeq: number
}

type BadCase = {
  name: string
  /** The reason the refusal must carry (log, refusal table). */
  reason: RegExp
  /** The bad changes of the batch; valid changes are put around them. */
  bad(ctx: Ctx): { changes: unknown[]; first?: boolean }
  /** The entity the bad change named, which must not hold the bad version afterwards. */
  victim?: { id: string; version: number | null }
}

const CASES: BadCase[] = [
  {
    name: 'a change that fails the schema (no title)',
    reason: /schema: .*title/,
    bad: (c) => {
      const ch = incidentChange('inc-no-title', c.next())
      delete (ch.data as Record<string, unknown>).title
      return { changes: [ch] }
    },
    victim: { id: 'inc-no-title', version: null }
  },
  {
    name: 'an unknown enum value (status)',
    reason: /schema: .*status/,
    bad: (c) => ({ changes: [incidentChange('inc-bad-status', c.next(), 1, { status: 'on_fire' })] }),
    victim: { id: 'inc-bad-status', version: null }
  },
  {
    // JSON has no NaN: Socket.IO sends it as null, which must fail the coordinate check all the same.
    name: 'NaN coordinates',
    reason: /schema: .*location/,
    bad: (c) => ({ changes: [incidentChange('inc-nan', c.next(), 1, { location: { lng: Number.NaN, lat: 39.9 } })] }),
    victim: { id: 'inc-nan', version: null }
  },
  {
    name: 'out-of-range latitude',
    reason: /schema: .*location\.lat/,
    bad: (c) => ({ changes: [incidentChange('inc-lat', c.next(), 1, { location: { lng: 116.4, lat: 91 } })] }),
    victim: { id: 'inc-lat', version: null }
  },
  {
    name: 'out-of-range longitude on a unit',
    reason: /schema: .*location\.lng/,
    bad: (c) => ({ changes: [unitChange('u-far', c.next(), 1, { location: { lng: 181, lat: 39.9 } })] })
  },
  {
    name: 'a huge string (1 MiB description)',
    reason: /schema: .*description/,
    bad: (c) => ({ changes: [incidentChange('inc-huge', c.next(), 1, { description: '长'.repeat(1 << 20) })] }),
    victim: { id: 'inc-huge', version: null }
  },
  {
    name: 'an id over 64 characters',
    reason: /schema: .*id/,
    bad: (c) => ({ changes: [incidentChange(`inc-${'x'.repeat(80)}`, c.next())] })
  },
  {
    name: 'a version going back',
    reason: /version went back from 2 to 1/,
    bad: (c) => ({ changes: [incidentChange('inc-held', c.next(), 1, { title: '旧版本' })] }),
    victim: { id: 'inc-held', version: 2 }
  },
  {
    name: 'a seq going back inside a batch',
    reason: /seq went back/,
    bad: (c) => ({ changes: [incidentChange('inc-back', c.heldSeq)] }),
    victim: { id: 'inc-back', version: null }
  },
  {
    name: 'a seq going back across batches with a newer version',
    reason: /seq went back from \d+ to \d+ with a newer version/,
    bad: () => ({ changes: [incidentChange('inc-held', 1, 3, { title: '过去的新版本' })], first: true }),
    victim: { id: 'inc-held', version: 2 }
  },
  {
    name: 'a duplicate seq inside a batch',
    reason: /duplicate seq \d+ in batch/,
    bad: (c) => {
      const seq = c.next()
      return { changes: [incidentChange('inc-dup-a', seq), incidentChange('inc-dup-b', seq)] }
    },
    victim: { id: 'inc-dup-b', version: null }
  },
  {
    name: 'a duplicate of a seq another entity holds',
    reason: /duplicate seq \d+: already held by incident:inc-held-unit-seq/,
    bad: (c) => ({ changes: [incidentChange('inc-steals-seq', c.heldSeq)], first: true }),
    victim: { id: 'inc-steals-seq', version: null }
  },
  {
    name: 'an incident in a street outside the scope',
    reason: /street 110101007 is outside this console's scope/,
    bad: (c) => ({ changes: [incidentChange('inc-elsewhere', c.next(), 1, { gridCode: OTHER_STREET_GRID })] }),
    victim: { id: 'inc-elsewhere', version: null }
  },
  {
    name: 'a unit of a street outside the scope',
    reason: /street 110101007 is outside this console's scope/,
    bad: (c) => ({ changes: [unitChange('u-elsewhere', c.next(), 1, { streetCode: '110101007' })] })
  }
]

/** A hub that pages its `sync` answers properly (the rogue hub answers one page). */
async function startPagingHub(changes: Record<string, unknown>[]): Promise<{ url: string; syncs: number; close(): Promise<void> }> {
  const server = http.createServer()
  const io = new Server(server)
  const headSeq = Math.max(...changes.map((c) => Number(c.seq)))
  const state = { url: '', syncs: 0, close: () => new Promise<void>((r) => io.close(() => r())) }
  io.of('/v1').on('connection', (socket) => {
    socket.emit('welcome', {
      protocol: 1,
      hubId: 'paging',
      serverTime: new Date().toISOString(),
      user: { id: 'u-lead', name: '值班长', role: 'lead' },
      scope: { streets: [STREET] },
      headSeq,
      minSeq: 0,
      referenceVersion: null
    })
    socket.on('sync', (req: { sinceSeq: number; limit: number }, ack: (a: unknown) => void) => {
      state.syncs += 1
      const after = changes.filter((c) => Number(c.seq) > req.sinceSeq)
      ack({ ok: true, changes: after.slice(0, req.limit), headSeq, more: after.length > req.limit })
    })
    socket.on('reference', (_req: unknown, ack: (a: unknown) => void) => ack({ ok: false, error: { code: 'not_found', message: 'none' } }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return state
}

function refusalLogs(logs: readonly LogLine[]): LogLine[] {
  return logs.filter((l) => l.msg === 'refused a change from the hub')
}

async function startConsole(): Promise<{ core: ConsoleCore; logs: LogLine[] }> {
  const started = await openTestConsole(tmp.dir, rogue.url, 'any-token')
  core = started.core
  return started
}

describe('bad data from the hub', () => {
  it('refuses, counts and logs each kind of bad change; applies the valid ones of the same batch', async () => {
    // The start (a compacted sync): one incident at version 2, another that holds seq 3.
    rogue.syncChanges = [incidentChange('inc-held', 2, 2), incidentChange('inc-held-unit-seq', 3, 1)]
    rogue.headSeq = 3
    const { core: c, logs } = await startConsole()
    await waitFor(() => c.debug.status().lastSeq === 3, 10_000, 'first sync')
    expect(c.debug.status().rejectedChanges).toBe(0)

    let seq = 3
    const ctx: Ctx = { next: () => ++seq, heldSeq: 3 }
    let rejected = 0
    for (const bad of CASES) {
      // seqs in batch order: the valid one before, the bad ones, the valid one after.
      const before = { id: `inc-ok-${seq + 1}`, seq: ctx.next() }
      const { changes, first } = bad.bad(ctx)
      const after = { id: `inc-ok-${seq + 1}`, seq: ctx.next() }
      const batch = first
        ? [...changes, incidentChange(before.id, before.seq), incidentChange(after.id, after.seq)]
        : [incidentChange(before.id, before.seq), ...changes, incidentChange(after.id, after.seq)]
      rogue.headSeq = seq
      rogue.emitChanges(batch)
      rejected += 1
      await waitFor(
        () => c.debug.status().rejectedChanges === rejected && c.debug.status().lastSeq === seq,
        10_000,
        bad.name,
        () => ({ status: c.debug.status(), logs: logs.slice(-5) })
      )
      // The valid neighbours are in the cache.
      expect((await c.api.getIncident(before.id))?.version, bad.name).toBe(1)
      expect((await c.api.getIncident(after.id))?.version, bad.name).toBe(1)
      // The bad one is not (or the cache kept the version it had).
      if (bad.victim !== undefined) {
        const held = await c.store.entityVersion('incident', bad.victim.id)
        expect(held?.version ?? null, bad.name).toBe(bad.victim.version)
      }
      // Logged and recorded with the reason.
      expect(refusalLogs(logs).at(-1)?.data?.reason, bad.name).toMatch(bad.reason)
      const [row] = await c.store.listRejected(1)
      expect(row?.reason, bad.name).toMatch(bad.reason)
    }
    expect(refusalLogs(logs)).toHaveLength(CASES.length)
    expect(await c.store.listRejected(100)).toHaveLength(CASES.length)
    expect(c.debug.status()).toMatchObject({ rejectedChanges: CASES.length, connection: 'online' })
    expect((await c.store.listUnits()).map((u) => u.id)).not.toContain('u-far')
    expect((await c.store.listUnits()).map((u) => u.id)).not.toContain('u-elsewhere')

    // Still working: the next good change is applied and the snapshot reads.
    rogue.headSeq = seq + 1
    rogue.emitChanges([incidentChange('inc-after-all', seq + 1)])
    await waitFor(() => c.debug.status().lastSeq === seq + 1, 10_000, 'a good change after the bad ones')
    expect((await c.api.getSnapshot()).incidents.map((i) => i.id)).toContain('inc-after-all')
  }, 60_000)

  it('refuses messages that are not a changes batch at all, and keeps going', async () => {
    rogue.syncChanges = [incidentChange('inc-a', 1)]
    rogue.headSeq = 1
    const { core: c, logs } = await startConsole()
    await waitFor(() => c.debug.status().lastSeq === 1, 10_000, 'first sync')

    const garbage: unknown[] = ['garbage', 42, null, { changes: 'nope' }, { changes: new Array(5001).fill(0) }]
    for (const payload of garbage) rogue.emitRaw('changes', payload)
    // A change that is not even an object, beside a valid one.
    rogue.headSeq = 3
    rogue.emitChanges([42, incidentChange('inc-b', 2), incidentChange('inc-c', 3)])
    await waitFor(() => c.debug.status().lastSeq === 3, 10_000, 'the valid batch')
    await waitFor(() => c.debug.status().rejectedChanges === garbage.length + 1, 10_000, 'the refusals')
    expect(refusalLogs(logs).map((l) => String(l.data?.reason))).toEqual([
      ...garbage.map(() => expect.stringMatching(/^bad changes message: /)),
      expect.stringMatching(/^schema: /)
    ])
    expect((await c.api.getSnapshot()).incidents.map((i) => i.id).sort()).toEqual(['inc-a', 'inc-b', 'inc-c'])
    expect(c.debug.status().connection).toBe('online')
  }, 30_000)

  it('refuses bad changes in a catch-up sync page and still applies the rest up to headSeq', async () => {
    const bad = [
      incidentChange('inc-s2', 2, 1, { urgency: 'whenever' }),
      incidentChange('inc-s4', 4, 1, { location: { lng: 116.4, lat: -95 } }),
      incidentChange('inc-s6', 6, 1, { gridCode: OTHER_STREET_GRID })
    ]
    rogue.syncChanges = [
      incidentChange('inc-s1', 1),
      bad[0],
      incidentChange('inc-s3', 3),
      bad[1],
      incidentChange('inc-s5', 5),
      bad[2],
      incidentChange('inc-s7', 7)
    ]
    rogue.headSeq = 7
    const { core: c, logs } = await startConsole()
    await waitFor(() => c.debug.status().lastSeq === 7, 10_000, 'catch-up')
    await waitFor(() => c.debug.status().rejectedChanges >= 3, 10_000, 'the refusals')
    // Heartbeats keep asking the hub (its answers repeat the page); once caught up nothing is re-applied.
    await new Promise((r) => setTimeout(r, 1000))
    expect(c.debug.status().rejectedChanges).toBe(3)
    const ids = (await c.api.getSnapshot()).incidents.map((i) => i.id).sort()
    expect(ids).toEqual(['inc-s1', 'inc-s3', 'inc-s5', 'inc-s7'])
    const reasons = (await c.store.listRejected(3)).map((r) => r.reason).reverse()
    expect(reasons).toEqual([
      expect.stringMatching(/schema: .*urgency/),
      expect.stringMatching(/schema: .*location\.lat/),
      expect.stringMatching(/outside this console's scope/)
    ])
    expect(refusalLogs(logs).length).toBeGreaterThanOrEqual(3)
    expect(c.debug.status().connection).toBe('online')
  }, 30_000)

  it('gets past a catch-up page in which every change is bad, counting each refusal once', async () => {
    // A hub a version ahead: its first page of cases all carry an urgency this console does not know.
    const changes = [
      ...Array.from({ length: 5 }, (_, i) => incidentChange(`inc-new-${i + 1}`, i + 1, 1, { urgency: 'critical' })),
      ...Array.from({ length: 7 }, (_, i) => incidentChange(`inc-ok-${i + 6}`, i + 6))
    ]
    const paging = await startPagingHub(changes)
    try {
      const started = await openTestConsole(tmp.dir, paging.url, 'any-token', { syncPageLimit: 5 })
      core = started.core
      const c = started.core
      await waitFor(() => c.debug.status().lastSeq === 12, 10_000, 'catch-up past the bad page', () => ({
        status: c.debug.status(),
        syncs: paging.syncs,
        logs: started.logs.slice(-3)
      }))
      const ids = (await c.api.getSnapshot()).incidents.map((i) => i.id)
      expect(ids.sort()).toEqual(changes.slice(5).map((ch) => String(ch.id)).sort())
      // Heartbeats go on; the bad page is not fetched and counted again.
      await new Promise((r) => setTimeout(r, 1000))
      expect(c.debug.status().rejectedChanges).toBe(5)
    } finally {
      await core?.close()
      core = null
      await paging.close()
    }
  }, 30_000)
})
