// Command semantics beyond the table: conflicts with `current`, repeats answered identically and applied
// once, not_found, unit-bound tokens, openCount bookkeeping, claims in presence, handovers, case codes.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Handover, Incident, Unit } from '../../src-shared/protocol'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'
import { caseIn, WORKER } from './support/drive'

let t: TestHub
let dispatcher: TestConsole
let lead: TestConsole
let lead2: TestConsole
const BOUND_TOKEN = 'test-bound-unit-token'

beforeAll(async () => {
  t = await startTestHub({
    tokens: [{ token: BOUND_TOKEN, user: { id: 'user-worker', name: '网格员甲', role: 'unit' }, streets: '*', unitId: WORKER }]
  })
  dispatcher = await connectConsole(t.url, t.tokens.dispatcher)
  lead = await connectConsole(t.url, t.tokens.lead)
  lead2 = await connectConsole(t.url, t.tokens.lead2)
})
afterAll(async () => {
  for (const c of [dispatcher, lead, lead2]) c.close()
  await t.stop()
})

describe('optimistic concurrency', () => {
  it('refuses a stale expectedVersion with conflict and the entity as it is now', async () => {
    const c = await caseIn(t.hub, 'accepted')
    const answer = await dispatcher.command('dispatch', { incidentId: c.id, expectedVersion: 1 }, { unitIds: [WORKER] })
    if (answer.ok) throw new Error('expected conflict')
    expect(answer.error.code).toBe('conflict')
    expect(Incident.parse(answer.error.current)).toEqual(c)
    expect(await t.hub.store.getIncident(c.id)).toEqual(c)
  })
})

describe('idempotent commands', () => {
  it('answers a repeated commandId with the identical first answer and applies it once', async () => {
    const c = await caseIn(t.hub, 'reported')
    const command = { commandId: randomUUID(), type: 'accept', incidentId: c.id, payload: {}, issuedAt: new Date().toISOString() }
    const first = await dispatcher.request('command', command)
    const head = t.hub.store.headSeq()
    const again = await dispatcher.request('command', command)
    // From another console of the same user too (a console restored from backup resends its outbox).
    const seat2 = await connectConsole(t.url, t.tokens.dispatcher)
    const elsewhere = await seat2.request('command', command)
    seat2.close()
    expect(again).toEqual(first)
    expect(elsewhere).toEqual(first)
    // Another user gets no stored answer: authorization before idempotency (rev 1.4).
    expect(await lead.request('command', command)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(t.hub.store.headSeq()).toBe(head)
    expect((await t.hub.store.getIncident(c.id))?.version).toBe(2)
  })

  it('applies concurrent duplicates once', async () => {
    const c = await caseIn(t.hub, 'reported')
    const command = { commandId: randomUUID(), type: 'note', incidentId: c.id, payload: { text: '并发' }, issuedAt: new Date().toISOString() }
    const answers = await Promise.all([1, 2, 3, 4].map(() => dispatcher.request('command', command)))
    for (const a of answers) expect(a).toEqual(answers[0])
    expect((await t.hub.store.getIncident(c.id))?.timeline.filter((e) => e.action === 'note')).toHaveLength(1)
  })

  it('repeats a final error answer even after the case moved on', async () => {
    const c = await caseIn(t.hub, 'reported')
    const stale = { commandId: randomUUID(), type: 'accept', incidentId: c.id, expectedVersion: 9, payload: {}, issuedAt: new Date().toISOString() }
    const first = await dispatcher.request('command', stale)
    expect(first).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await dispatcher.command('accept', { incidentId: c.id })
    expect(await dispatcher.request('command', stale)).toEqual(first)
  })
})

describe('targets', () => {
  it('answers not_found for a missing incident, merge target, unit or handover', async () => {
    const c = await caseIn(t.hub, 'accepted')
    const codes = [
      await dispatcher.command('accept', { incidentId: 'inc-missing' }),
      await dispatcher.command('merge', { incidentId: c.id }, { intoIncidentId: 'inc-missing' }),
      await dispatcher.command('dispatch', { incidentId: c.id }, { unitIds: ['u-missing'] }),
      await lead.command('handover.acknowledge', { handoverId: 'ho-missing' })
    ].map((a) => (a.ok ? 'ok' : a.error.code))
    expect(codes).toEqual(['not_found', 'not_found', 'not_found', 'not_found'])
  })
})

describe('unit users', () => {
  it('a unit-bound token acts only for its own unit', async () => {
    const unit = await connectConsole(t.url, BOUND_TOKEN)
    try {
      const c = await caseIn(t.hub, 'dispatched')
      const other = await unit.command('sign', { incidentId: c.id }, { unitId: 'u-san-110101001' })
      expect(other.ok ? 'ok' : other.error.code).toBe('forbidden')
      const own = await unit.command('sign', { incidentId: c.id }, { unitId: WORKER })
      expect(own.ok && own.entity.status).toBe('in_progress')
    } finally {
      unit.close()
    }
  })
})

describe('unit openCount', () => {
  it('counts open cases per assigned unit and drops them when closed or returned', async () => {
    const count = async (id: string) => Unit.parse(await t.hub.store.getUnit(id)).openCount
    const base = { w: await count(WORKER), s: await count('u-san-110101002') }
    const [c] = await reportIncidents(t.hub, 1)
    if (!c) throw new Error('no case')
    await dispatcher.command('accept', { incidentId: c.id })
    const d = await dispatcher.command('dispatch', { incidentId: c.id }, { unitIds: [WORKER, 'u-san-110101002'] })
    expect(d.ok).toBe(true)
    expect(await count(WORKER)).toBe(base.w + 1)
    expect(await count('u-san-110101002')).toBe(base.s + 1)
    // Live changes carry the units' new versions too, after the incident's.
    await dispatcher.waitForSeq(d.ok ? d.seq + 2 : 0)
    const returned = await dispatcher.command('return', { incidentId: c.id }, { unitId: WORKER, reason: '非本单位' })
    expect(returned.ok).toBe(true)
    expect(await count(WORKER)).toBe(base.w)
    expect(await count('u-san-110101002')).toBe(base.s)
  })
})

describe('claims', () => {
  it('claim and release set claimedBy and show in presence', async () => {
    const c = await caseIn(t.hub, 'reported')
    const claimed = await dispatcher.command('claim', { incidentId: c.id })
    // Recorded under the id the hub bound to the token's user; presence names the session, not the console.
    expect(claimed.ok && claimed.entity.claimedBy?.consoleId).toBe(dispatcher.welcome.consoleId)
    expect(dispatcher.welcome.consoleId).toBe(`${dispatcher.welcome.user.id}:${dispatcher.consoleId}`)
    const mine = () => {
      const p = lead.presences.at(-1) as { consoles: { consoleId: string; claimed: string[] }[] } | undefined
      return p?.consoles.find((x) => x.consoleId === dispatcher.welcome.sessionId)?.claimed ?? []
    }
    await expect.poll(mine).toContain(c.id)
    const released = await dispatcher.command('release', { incidentId: c.id })
    expect(released.ok && released.entity.claimedBy).toBeNull()
    await expect.poll(mine).not.toContain(c.id)
  })
})

describe('case codes', () => {
  it('numbers cases DCyyyymmdd-NNNN per local day, without holes', async () => {
    const made = await reportIncidents(t.hub, 3)
    const nums = made.map((i) => Number(i.code.slice(-4)))
    expect(nums[1]).toBe((nums[0] ?? 0) + 1)
    expect(nums[2]).toBe((nums[0] ?? 0) + 2)
    expect(made[0]?.code).toMatch(/^DC\d{8}-\d{4}$/)
    expect(new Set(made.map((i) => i.id)).size).toBe(3)
  })
})

describe('handovers', () => {
  it('submit by a lead; acknowledge by another lead, by items then all; never by the submitter', async () => {
    const a = await caseIn(t.hub, 'dispatched')
    const b = await caseIn(t.hub, 'accepted')
    const submitted = await lead.command('handover.submit', {}, {
      shiftId: 'shift-2026-11-22-a',
      toUserId: 'user-lead2',
      summary: '夜班交接',
      items: [
        { incidentId: a.id, note: '等回复' },
        { incidentId: b.id, note: '待派遣' }
      ]
    })
    if (!submitted.ok) throw new Error(JSON.stringify(submitted))
    const h = Handover.parse(submitted.entity)
    expect(h).toMatchObject({ state: 'submitted', streetCode: '110101001', to: { userId: 'user-lead2' }, acknowledgedAt: null })
    expect(h.items.map((i) => i.statusAtHandover)).toEqual(['dispatched', 'accepted'])

    const byDispatcher = await dispatcher.command('handover.submit', {}, { shiftId: 's', summary: '', items: [] })
    expect(byDispatcher.ok ? 'ok' : byDispatcher.error.code).toBe('forbidden')
    const own = await lead.command('handover.acknowledge', { handoverId: h.id })
    expect(own.ok ? 'ok' : own.error.code).toBe('forbidden')
    const unknownItem = await lead2.command('handover.acknowledge', { handoverId: h.id }, { itemIds: ['nope'] })
    expect(unknownItem.ok ? 'ok' : unknownItem.error.code).toBe('invalid')

    const first = await lead2.command('handover.acknowledge', { handoverId: h.id, expectedVersion: 1 }, { itemIds: [h.items[0]?.id] })
    if (!first.ok) throw new Error(JSON.stringify(first))
    const partly = Handover.parse(first.entity)
    expect(partly.state).toBe('submitted')
    expect(partly.items.map((i) => i.acknowledged)).toEqual([true, false])

    const stale = await lead2.command('handover.acknowledge', { handoverId: h.id, expectedVersion: 1 })
    expect(stale.ok ? 'ok' : stale.error.code).toBe('conflict')
    const rest = await lead2.command('handover.acknowledge', { handoverId: h.id, expectedVersion: 2 })
    if (!rest.ok) throw new Error(JSON.stringify(rest))
    const done = Handover.parse(rest.entity)
    expect(done.state).toBe('acknowledged')
    expect(done.acknowledgedAt).not.toBeNull()
    const twice = await lead2.command('handover.acknowledge', { handoverId: h.id })
    expect(twice.ok ? 'ok' : twice.error.code).toBe('illegal_transition')
  })

  it('refuses a handover to an unknown user; one spanning two streets is one packet (rev 1.5)', async () => {
    const unknownUser = await lead.command('handover.submit', {}, { shiftId: 's', toUserId: 'user-ghost', summary: '', items: [] })
    expect(unknownUser.ok ? 'ok' : unknownUser.error.code).toBe('not_found')
    const [s1] = await reportIncidents(t.hub, 1)
    const twoStreets = (await reportIncidents(t.hub, 4)).find((i) => i.gridCode.slice(0, 9) !== s1?.gridCode.slice(0, 9))
    if (!s1 || !twoStreets) throw new Error('fixture should span two streets')
    const spanning = await lead.command('handover.submit', {}, {
      shiftId: 's',
      summary: '',
      items: [
        { incidentId: s1.id, note: '' },
        { incidentId: twoStreets.id, note: '' }
      ]
    })
    if (!spanning.ok) throw new Error(JSON.stringify(spanning))
    expect(Handover.parse(spanning.entity).streetCodes).toHaveLength(2)
  })
})

describe('answer retention', () => {
  it('keeps first answers past the tombstone retention, and drops them after their own', async () => {
    const keep = await startTestHub({ hub: { retainTombstones: 0 } })
    const drop = await startTestHub({ hub: { retainTombstones: 0, retainAnswers: 0 } })
    try {
      for (const [hub, expectSame] of [
        [keep, true],
        [drop, false]
      ] as const) {
        const c = await connectConsole(hub.url, hub.tokens.dispatcher)
        const [inc] = await reportIncidents(hub.hub, 1)
        const command = { commandId: randomUUID(), type: 'urge', incidentId: inc?.id, payload: { note: '催' }, issuedAt: new Date().toISOString() }
        await c.command('accept', { incidentId: inc?.id })
        const first = await c.request<{ seq: number }>('command', command)
        await new Promise((r) => setTimeout(r, 5))
        await hub.hub.purge()
        const again = await c.request<{ seq: number }>('command', command)
        if (expectSame) expect(again).toEqual(first)
        else expect(again.seq).toBeGreaterThan(first.seq) // forgotten: applied as new
        c.close()
      }
    } finally {
      await keep.stop()
      await drop.stop()
    }
  })
})
