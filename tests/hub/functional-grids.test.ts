// Rev 1.8 against a real hub over Socket.IO: functionalGrid.create / functionalGrid.end and every
// refusal, welcome.features, and the older console (no auth.features) that never meets the kind,
// live or in sync, while a 1.8 console gets it both ways.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { interiorPoint } from '../../src-shared/geo'
import { FunctionalGrid, type Change } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'
import { connectConsole, type CommandReply, type TestConsole } from './support/client'

const SCOPED_LEAD = 'test-fg-scoped-lead-token'
const S1 = '110101001'
const S2 = '110101002'
const C1 = '110101001001'
const G1A = '110101001001001'
const G1B = '110101001001002'
const G2A = '110101002001001'
const TEAM = ['u-gw-110101001001001', 'u-san-110101001']
const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestHub
let fresh: TestConsole
let older: TestConsole
/** Each test takes its own future window, so the overlap rule never joins two tests. */
let windowNo = 0

/** A console that lists `list` in its handshake features (none at all when undefined: an older console). */
function features(token: string, list: string[] | undefined, url = t.url): Promise<TestConsole> {
  const auth: Record<string, unknown> = { token, consoleId: `c-${randomUUID().slice(0, 8)}`, lastSeq: 0, protocol: 1 }
  if (list !== undefined) auth.features = list
  return connectConsole(url, token, { auth })
}

beforeAll(async () => {
  t = await startTestHub({
    tokens: [{ token: SCOPED_LEAD, user: { id: 'user-lead-s1', name: '赵值班长', role: 'lead' }, streets: [S1] }]
  })
  fresh = await features(TEST_TOKENS.lead, ['functionalGrid'])
  older = await features(TEST_TOKENS.dispatcher, undefined)
})
afterAll(async () => {
  fresh.close()
  older.close()
  await t.stop()
})

/** A period of `hours` starting `startHours` into a window of its own, far enough ahead to overlap no other test's. */
function period(startHours = 0, hours = 2, window = ++windowNo): { fromAt: string; toAt: string } {
  const from = Date.now() + window * 30 * DAY + startHours * HOUR
  return { fromAt: new Date(from).toISOString(), toAt: new Date(from + hours * HOUR).toISOString() }
}

function create(c: TestConsole, payload: Record<string, unknown>): Promise<CommandReply> {
  return c.command('functionalGrid.create', {}, { name: '汛期专项', purpose: '防汛巡查与积水点值守', unitIds: TEAM, ...period(), ...payload })
}

function grid(reply: CommandReply): FunctionalGrid {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`)
  return FunctionalGrid.parse(reply.entity)
}

function refusal(reply: CommandReply): { code: string; message: string; current?: Record<string, unknown> } {
  if (reply.ok) throw new Error('expected a refusal, got ok')
  return reply.error
}

/** A small square (≈1 m) around a point, as a GeoJSON Polygon. */
function squareAround(p: { lng: number; lat: number }, d = 0.00001) {
  return {
    type: 'Polygon',
    coordinates: [[[p.lng - d, p.lat - d], [p.lng + d, p.lat - d], [p.lng + d, p.lat + d], [p.lng - d, p.lat + d], [p.lng - d, p.lat - d]]]
  }
}

const gridChanges = (batches: Change[][]) => batches.flat().filter((c) => c.entity === 'functionalGrid')

describe('functional grids on the hub (rev 1.8)', () => {
  it('says in every welcome that it speaks functional grids, whatever the console sent', () => {
    expect(fresh.welcome.features).toEqual(['functionalGrid'])
    expect(older.welcome.features).toEqual(['functionalGrid'])
  })

  it('a lead creates one over a community: grids resolved, streets derived, stored, answered with the entity', async () => {
    const fg = grid(await create(fresh, { area: { communityCode: C1 }, ...period(0, 4) }))
    expect(fg.gridCodes).toEqual([G1A, G1B])
    expect(fg.streetCodes).toEqual([S1])
    expect(fg).toMatchObject({ version: 1, endedAt: null, endReason: null, unitIds: TEAM, createdBy: { userId: 'user-lead', name: '王值班长' } })
    expect(fg.seq).toBe(t.hub.store.headSeq())
    expect((await t.hub.store.listFunctionalGrids()).find((g) => g.id === fg.id)).toEqual(fg)
  })

  it('resolves each area form: grid codes (sorted, unique), a street, a polygon by interior points', async () => {
    const byCodes = grid(await create(fresh, { area: { gridCodes: [G1B, G1A, G1B] } }))
    expect(byCodes.gridCodes).toEqual([G1A, G1B])
    const byStreet = grid(await create(fresh, { area: { streetCode: S2 } }))
    expect(byStreet.gridCodes.every((c) => c.startsWith(S2))).toBe(true)
    expect(byStreet.streetCodes).toEqual([S2])
    const feature = t.hub.reference.data.grids.features.find((f) => f.properties.code === G2A)
    if (!feature) throw new Error('fixture lacks grid ' + G2A)
    const byPolygon = grid(await create(fresh, { area: { polygon: squareAround(interiorPoint(feature.geometry)) } }))
    expect(byPolygon.gridCodes).toEqual([G2A])
  })

  it('refuses bad grid sets: empty, unknown code, community or street without grids, polygon covering none', async () => {
    const empty = refusal(await create(fresh, { area: { gridCodes: [] } }))
    expect(empty.code).toBe('invalid')
    expect(empty.message).toMatch(/names no grid/)
    const unknown = refusal(await create(fresh, { area: { gridCodes: [G1A, '110101001001099'] } }))
    expect(unknown).toMatchObject({ code: 'invalid' })
    expect(unknown.message).toMatch(/unknown grid code\(s\): 110101001001099/)
    expect(refusal(await create(fresh, { area: { communityCode: '110101001999' } })).message).toMatch(/community 110101001999 has no unit grids/)
    expect(refusal(await create(fresh, { area: { streetCode: '110101009' } })).message).toMatch(/street 110101009 has no unit grids/)
    const nowhere = refusal(await create(fresh, { area: { polygon: squareAround({ lng: 100, lat: 30 }) } }))
    expect(nowhere).toMatchObject({ code: 'invalid' })
    expect(nowhere.message).toMatch(/covers no unit grid/)
  })

  it('refuses bad periods: ends before it starts, wholly in the past, longer than 366 days', async () => {
    const p = period()
    const backwards = refusal(await create(fresh, { area: { gridCodes: [G1A] }, fromAt: p.toAt, toAt: p.fromAt }))
    expect(backwards).toMatchObject({ code: 'invalid' })
    expect(backwards.message).toMatch(/at or before it starts/)
    const past = refusal(await create(fresh, { area: { gridCodes: [G1A] }, fromAt: new Date(Date.now() - 3 * HOUR).toISOString(), toAt: new Date(Date.now() - HOUR).toISOString() }))
    expect(past).toMatchObject({ code: 'invalid' })
    expect(past.message).toMatch(/in the past/)
    const long = refusal(await create(fresh, { area: { gridCodes: [G1A] }, ...period(0, 367 * 24) }))
    expect(long).toMatchObject({ code: 'invalid' })
    expect(long.message).toMatch(/longer than 366 days/)
  })

  it('refuses a team with an unknown unit or a district department', async () => {
    const unknown = refusal(await create(fresh, { area: { gridCodes: [G1A] }, unitIds: ['u-nobody'] }))
    expect(unknown).toMatchObject({ code: 'invalid' })
    expect(unknown.message).toMatch(/unknown unit\(s\) in the team: u-nobody/)
    const district = refusal(await create(fresh, { area: { gridCodes: [G1A] }, unitIds: ['u-gas'] }))
    expect(district).toMatchObject({ code: 'invalid' })
    expect(district.message).toMatch(/district department/)
  })

  it('refuses an overlapping period sharing a grid with conflict and the stored one; disjoint grids or times pass', async () => {
    const w = ++windowNo
    const first = grid(await create(fresh, { area: { gridCodes: [G1A, G1B] }, ...period(0, 4, w) }))
    const clash = refusal(await create(fresh, { area: { gridCodes: [G1B] }, ...period(2, 4, w) }))
    expect(clash.code).toBe('conflict')
    expect(clash.message).toMatch(/already covers 1 of these unit grids \(e\.g\. 110101001001002\)/)
    expect(FunctionalGrid.parse(clash.current).id).toBe(first.id)
    // Other grids in the same hours, or the same grids right after it ends, are fine.
    grid(await create(fresh, { area: { gridCodes: [G2A] }, ...period(2, 4, w) }))
    grid(await create(fresh, { area: { gridCodes: [G1B] }, ...period(4, 2, w) }))
  })

  it('only a lead (or admin) may: a viewer and a dispatcher are forbidden, and nothing is stored', async () => {
    const before = (await t.hub.store.listFunctionalGrids()).length
    const viewer = await features(TEST_TOKENS.viewer, ['functionalGrid'])
    try {
      expect(refusal(await create(viewer, { area: { gridCodes: [G1A] } })).code).toBe('forbidden')
      expect(refusal(await create(older, { area: { gridCodes: [G1A] } })).code).toBe('forbidden')
    } finally {
      viewer.close()
    }
    expect(await t.hub.store.listFunctionalGrids()).toHaveLength(before)
  })

  it('a lead of one street may not lay one over another street', async () => {
    const scoped = await features(SCOPED_LEAD, ['functionalGrid'])
    try {
      const r = refusal(await create(scoped, { area: { gridCodes: [G2A] } }))
      expect(r.code).toBe('forbidden')
      expect(r.message).toMatch(/outside your scope: 110101002/)
    } finally {
      scoped.close()
    }
  })

  it('ends one early with a reason; ending it again is illegal_transition; an unknown one is not_found', async () => {
    const fg = grid(await create(fresh, { area: { gridCodes: [G1A] }, fromAt: new Date(Date.now() - HOUR).toISOString(), toAt: new Date(Date.now() + 2 * HOUR).toISOString() }))
    const ended = grid(await fresh.command('functionalGrid.end', { functionalGridId: fg.id }, { reason: '雨情解除' }))
    expect(ended).toMatchObject({ id: fg.id, version: 2, endReason: '雨情解除' })
    expect(Date.parse(ended.endedAt ?? '')).toBeLessThanOrEqual(Date.now())
    const again = refusal(await fresh.command('functionalGrid.end', { functionalGridId: fg.id }, { reason: '再次结束' }))
    expect(again.code).toBe('illegal_transition')
    expect(again.message).toMatch(/has already ended/)
    expect(refusal(await fresh.command('functionalGrid.end', { functionalGridId: 'fg-nope' }, { reason: 'x' })).code).toBe('not_found')
    expect(refusal(await fresh.command('functionalGrid.end', {}, { reason: 'x' }))).toMatchObject({ code: 'invalid' })
    // Ended early, its grids are free again at once for the rest of its period.
    grid(await create(fresh, { area: { gridCodes: [G1A] }, fromAt: new Date(Date.now() + HOUR).toISOString(), toAt: new Date(Date.now() + 3 * HOUR).toISOString() }))
  })

  it('a repeat of a create with the same commandId is answered from the record, not made twice', async () => {
    const command = {
      commandId: randomUUID(),
      type: 'functionalGrid.create',
      payload: { name: '重复', purpose: '幂等', unitIds: TEAM, area: { gridCodes: [G2A] }, ...period() },
      issuedAt: new Date().toISOString()
    }
    const one = await fresh.request<CommandReply>('command', command)
    const two = await fresh.request<CommandReply>('command', command)
    expect(two).toEqual(one)
    expect((await t.hub.store.listFunctionalGrids()).filter((g) => g.name === '重复')).toHaveLength(1)
  })

  it('sends the kind live and in sync only to a console that lists the feature; an older one meets none', async () => {
    const watchNew = await features(TEST_TOKENS.lead2, ['functionalGrid'])
    const watchOld = await features(TEST_TOKENS.lead2, undefined)
    try {
      const fg = grid(await create(fresh, { area: { gridCodes: [G1A] } }))
      // A case reported after it: both see that, so both have caught up past the grid's seq.
      const [after] = await reportIncidents(t.hub, 1)
      if (!after) throw new Error('report failed')
      await watchNew.waitForSeq(after.seq)
      await watchOld.waitForSeq(after.seq)
      expect(gridChanges(watchNew.batches).map((c) => c.id)).toContain(fg.id)
      expect(gridChanges(watchOld.batches)).toEqual([])
      const syncNew = await watchNew.request<{ ok: true; changes: Change[]; more: boolean }>('sync', { sinceSeq: 0, limit: 5000 })
      const syncOld = await watchOld.request<{ ok: true; changes: Change[]; more: boolean; headSeq: number }>('sync', { sinceSeq: 0, limit: 5000 })
      expect(gridChanges([syncNew.changes]).map((c) => c.id)).toContain(fg.id)
      expect(gridChanges([syncOld.changes])).toEqual([])
      // The older console still reaches the head (its seq run simply skips the grids' seqs).
      expect(syncOld.headSeq).toBeGreaterThanOrEqual(after.seq)
      // Pages keep seq order across both tables.
      const seqs = syncNew.changes.map((c) => c.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    } finally {
      watchNew.close()
      watchOld.close()
    }
  })

  it('a 1.8 console of one street gets a grid of another street only as a data-less stub, and not in sync', async () => {
    const scoped = await features(SCOPED_LEAD, ['functionalGrid'])
    try {
      const fg = grid(await create(fresh, { area: { gridCodes: [G2A] } }))
      await scoped.waitForSeq(fg.seq)
      const seen = gridChanges(scoped.batches).find((c) => c.id === fg.id)
      expect(seen).toMatchObject({ entity: 'functionalGrid', seq: fg.seq, data: null })
      const page = await scoped.request<{ ok: true; changes: Change[] }>('sync', { sinceSeq: 0, limit: 5000 })
      expect(page.changes.some((c) => c.id === fg.id)).toBe(false)
      expect(gridChanges([page.changes]).every((c) => c.data !== null && (c.data as FunctionalGrid).streetCodes.includes(S1))).toBe(true)
    } finally {
      scoped.close()
    }
  })

  it('a sync page cut by limit stays in seq order and loses nothing across the two tables', async () => {
    const all: Change[] = []
    let since = 0
    for (let i = 0; i < 500; i++) {
      const page = await fresh.request<{ ok: true; changes: Change[]; more: boolean }>('sync', { sinceSeq: since, limit: 3 })
      all.push(...page.changes)
      since = page.changes.at(-1)?.seq ?? since
      if (!page.more) break
    }
    const whole = await fresh.request<{ ok: true; changes: Change[] }>('sync', { sinceSeq: 0, limit: 5000 })
    expect(all.map((c) => c.seq)).toEqual(whole.changes.map((c) => c.seq))
    expect(gridChanges([all]).length).toBeGreaterThan(3)
  })
})

describe('functional grids across a hub restart', () => {
  it('keep their rows and seqs; the head counts them and the next change goes past them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcc-hub-fg-'))
    const dbPath = join(dir, 'hub.sqlite')
    try {
      const first = await startTestHub({ dbPath })
      const lead = await features(TEST_TOKENS.lead, ['functionalGrid'], first.url)
      const fg = grid(await create(lead, { area: { gridCodes: [G1A] } }))
      lead.close()
      const head = first.hub.store.headSeq()
      expect(head).toBe(fg.seq)
      await first.stop()

      const second = await startTestHub({ dbPath })
      try {
        expect(second.hub.store.headSeq()).toBe(head)
        expect(await second.hub.store.listFunctionalGrids()).toEqual([fg])
        const [next] = await reportIncidents(second.hub, 1)
        expect(next?.seq).toBe(head + 1)
        // Its overlap rule still sees the stored one.
        const again = await features(TEST_TOKENS.lead, ['functionalGrid'], second.url)
        try {
          const clash = refusal(await create(again, { area: { gridCodes: [G1A] }, fromAt: fg.fromAt, toAt: fg.toAt }))
          expect(clash.code).toBe('conflict')
        } finally {
          again.close()
        }
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
