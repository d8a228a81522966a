// The hall agent on a virtual clock against the in-memory model hub: it waits like a person before
// taking a case up, leaves claimed cases alone, re-reads on a conflict instead of resending, serves
// urgent cases first when seats are short, acts under its own name, and verifies what a district
// department settled like any resolved case (rev 1.3).
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Actor, type Incident, ReferenceData, type TypedCommand, type Urgency } from '../../../src-shared/protocol'
import { UnitSeeds } from '../../../src-shared/reference'
import { HallAgent } from '../../../src-hub/simulator/hall'
import { HALL } from '../../../src-hub/simulator/hall-policy'
import { HALL_USER } from '../../../src-hub/simulator/hall-user'
import { type CommandResult } from '../../../src-hub/simulator/hub-client'
import { ModelHub } from '../../../src-hub/simulator/loop-model'
import { Rng } from '../../../src-hub/simulator/prng'
import { VirtualScheduler } from '../../../src-hub/simulator/virtual-clock'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH } from '../../helpers/start-hub'

const reference = ReferenceData.parse(JSON.parse(readFileSync(FIXTURE_REFERENCE_PATH, 'utf8')))
const units = UnitSeeds.parse(JSON.parse(readFileSync(FIXTURE_UNITS_PATH, 'utf8')))
const NOW = Date.parse('2026-03-10T02:00:00Z')
const FIELD: Actor = { id: 'sim-field', name: '城管通', role: 'unit' }
const LEAD: Actor = { id: 'user-lead', name: '王值班长', role: 'lead' }

type Sink = { send(command: TypedCommand): Promise<CommandResult>; resync(): void }

function setup(opts: { seats?: number; workMs?: number; delayScale?: number; sink?: (hub: ModelHub) => Sink; rng?: Rng } = {}) {
  const clock = new VirtualScheduler(NOW)
  const hub = new ModelHub(reference, units, clock)
  const sent: TypedCommand[] = []
  const inner = opts.sink?.(hub) ?? hub.sink(HALL_USER)
  const sink: Sink = {
    send: (c) => {
      sent.push(c)
      return inner.send(c)
    },
    resync: () => inner.resync()
  }
  const hall = new HallAgent({
    sinks: [sink],
    scheduler: clock,
    rng: opts.rng ?? new Rng(5, 201),
    world: {
      categories: new Map(reference.categories.map((c) => [c.code, c])),
      responsibilities: reference.responsibilities,
      calendar: reference.calendar,
      deadlineScale: 60
    },
    units: units.map((u) => ({ ...u, openCount: 0 })),
    seats: opts.seats ?? 3,
    workMs: opts.workMs ?? 4000,
    delayScale: opts.delayScale ?? 1,
    now: clock.now
  })
  hub.onChange((c) => hall.onChange(c))
  const cases = new Map<string, Incident>()
  hub.onChange((c) => {
    if (c.entity === 'incident' && c.data !== null) cases.set(c.id, c.data)
  })
  return { clock, hub, hall, sent, cases }
}

async function report(hub: ModelHub, urgency: Urgency = 'normal', categoryCode = '0102'): Promise<Incident> {
  const grid = reference.grids.features[0]!.properties
  const result = await hub.sink(FIELD).send({
    commandId: randomUUID(),
    type: 'report',
    payload: {
      draft: { categoryCode, urgency, source: 'grid_worker', title: '测试', description: '', address: '测试地址', location: { lng: 116.39, lat: 39.91 }, gridCode: grid.code }
    },
    issuedAt: new Date(NOW).toISOString()
  })
  if (!result.ok) throw new Error(`report failed: ${result.code} ${result.message}`)
  return result.entity as Incident
}

async function act(hub: ModelHub, actor: Actor, type: TypedCommand['type'], incident: Incident, payload: object): Promise<Incident> {
  const result = await hub.sink(actor).send({
    commandId: randomUUID(),
    type,
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload,
    issuedAt: new Date(NOW).toISOString()
  } as TypedCommand)
  if (!result.ok) throw new Error(`${type} failed: ${result.code} ${result.message}`)
  return result.entity as Incident
}

const MIN = 60_000

describe('the hall agent', () => {
  it('leaves a fresh report in the queue for a while, then accepts and dispatches it under its own name', async () => {
    const { clock, hub, cases } = setup()
    const inc = await report(hub)
    await clock.runUntil(NOW + 5_000)
    // A person at a console has had time to take it first.
    expect(cases.get(inc.id)?.status).toBe('reported')
    await clock.runUntil(NOW + 60 * MIN)
    const done = cases.get(inc.id)!
    expect(done.status).toBe('dispatched')
    const hallEntries = done.timeline.filter((e) => e.actor.id === HALL_USER.id)
    expect(hallEntries.map((e) => e.action)).toEqual(['accept', 'dispatch'])
    expect(hallEntries.every((e) => e.actor.name === '值班调度（模拟）' && e.actor.role === 'dispatcher')).toBe(true)
    // The matrix's unit for 0102 in the fixture.
    expect(done.assignees).toEqual(['u-san-110101001'])
  })

  it('escalates a case only a district department can handle, and closes a fed-back one', async () => {
    const { clock, hub, cases } = setup({ delayScale: 0.01 })
    const gas = await report(hub, 'urgent', '0403')
    const bins = await report(hub)
    await clock.runUntil(NOW + 2 * MIN)
    expect(cases.get(gas.id)).toMatchObject({ status: 'escalated', escalation: { reasonCode: 'beyond_authority', targetUnitId: 'u-gas' } })
    const dispatched = cases.get(bins.id)!
    expect(dispatched.status).toBe('dispatched')
    const signed = await act(hub, FIELD, 'sign', dispatched, { unitId: 'u-san-110101001' })
    await act(hub, FIELD, 'feedback', signed, { unitId: 'u-san-110101001', note: '已清理' })
    await clock.runUntil(NOW + 10 * MIN)
    expect(cases.get(bins.id)?.status).toBe('closed')
  })

  it('closes a case the district department settled (rev 1.3), naming the department', async () => {
    const { clock, hub, cases, hall } = setup({ delayScale: 0.01 })
    const gas = await report(hub, 'urgent', '0403')
    await clock.runUntil(NOW + 2 * MIN)
    const escalated = cases.get(gas.id)!
    expect(escalated).toMatchObject({ status: 'escalated', escalation: { targetUnitId: 'u-gas' } })
    // The department reports its result through the field's gateway, as itself.
    await act(hub, FIELD, 'feedback', escalated, { unitId: 'u-gas', note: '燃气集团已关阀抢修完毕。' })
    await clock.runUntil(NOW + 10 * MIN)
    const closed = cases.get(gas.id)!
    expect(closed.status).toBe('closed')
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'verify', from: 'resolved', to: 'closed', unitIds: ['u-gas'], actor: { id: HALL_USER.id } })
    expect(hall.counters.ok.close).toBe(1)
    expect(hall.counters.errors).toEqual({})
  })

  it('sends a district result that fails verification back to the department, then closes the next one', async () => {
    /** Fails the first verification the hall makes (the rework odds), like a person would 1% of the time. */
    class FirstVerifyFails extends Rng {
      private failed = false
      override chance(p: number): boolean {
        if (p === HALL.reworkOdds && !this.failed) {
          this.failed = true
          return true
        }
        return super.chance(p)
      }
    }
    const { clock, hub, cases, hall } = setup({ delayScale: 0.01, rng: new FirstVerifyFails(5, 201) })
    const gas = await report(hub, 'urgent', '0403')
    await clock.runUntil(NOW + 2 * MIN)
    await act(hub, FIELD, 'feedback', cases.get(gas.id)!, { unitId: 'u-gas', note: '已抢修。' })
    await clock.runUntil(NOW + 10 * MIN)
    const reworked = cases.get(gas.id)!
    expect(reworked).toMatchObject({ status: 'escalated', escalation: { targetUnitId: 'u-gas' }, counters: { reworks: 1 } })
    expect(hall.counters.ok.rework).toBe(1)
    // Escalated is the department's again: the hall leaves it until the next result.
    expect(hall.trackedCount).toBe(0)
    await act(hub, FIELD, 'feedback', reworked, { unitId: 'u-gas', note: '已复查，管线运行正常。' })
    await clock.runUntil(NOW + 20 * MIN)
    expect(cases.get(gas.id)!.status).toBe('closed')
    expect(hall.counters.ok.close).toBe(1)
  })

  it('never touches a case another console has claimed; takes it up once released', async () => {
    const { clock, hub, hall, cases, sent } = setup({ delayScale: 0.01 })
    const inc = await report(hub)
    const claimed = await act(hub, LEAD, 'claim', inc, {})
    await clock.runUntil(NOW + 30 * MIN)
    expect(cases.get(inc.id)?.status).toBe('reported')
    expect(sent).toHaveLength(0)
    expect(hall.counters.skippedClaimed).toBeGreaterThanOrEqual(1)
    await act(hub, LEAD, 'release', claimed, {})
    await clock.runUntil(NOW + 40 * MIN)
    expect(cases.get(inc.id)?.status).not.toBe('reported')
  })

  it('on a conflict re-reads the case and decides on the new version, never resending the old command', async () => {
    let first = true
    const { clock, hub, hall, sent, cases } = setup({
      delayScale: 0.01,
      // Someone adds a note between the hall's look and its command: the hall's version is stale.
      sink: (h) => ({
        send: async (c) => {
          if (first && c.incidentId !== undefined) {
            first = false
            const current = [...h.all()].find((i) => i.id === c.incidentId)!
            await act(h, LEAD, 'note', current, { text: '群众来电补充情况' })
          }
          return h.sink(HALL_USER).send(c)
        },
        resync: () => {}
      })
    })
    const inc = await report(hub)
    await clock.runUntil(NOW + 30 * MIN)
    expect(hall.counters.conflicts).toBe(1)
    const [stale, fresh] = sent
    expect(stale?.expectedVersion).toBe(1)
    expect(fresh?.expectedVersion).toBe(2)
    expect(fresh?.commandId).not.toBe(stale?.commandId)
    expect(cases.get(inc.id)?.status).not.toBe('reported')
  })

  it('drops a step that no longer applies (someone else moved the case) without retrying it', async () => {
    const { clock, hub, hall, cases } = setup({ delayScale: 0.01 })
    const inc = await report(hub)
    // A person rejects it just before the hall gets there.
    await act(hub, LEAD, 'reject', inc, { reason: '重复上报' })
    await clock.runUntil(NOW + 30 * MIN)
    expect(cases.get(inc.id)?.status).toBe('rejected')
    expect(hall.trackedCount).toBe(0)
    expect(Object.values(hall.counters.ok).reduce((a, b) => a + b, 0)).toBe(0)
  })

  it('with one busy seat, an urgent case waiting is served before older normal ones', async () => {
    const { clock, hub, sent } = setup({ seats: 1, workMs: 10 * MIN, delayScale: 0.001 })
    const a = await report(hub)
    await clock.runUntil(NOW + 1000)
    expect(sent.map((c) => c.incidentId)).toEqual([a.id])
    const b = await report(hub)
    const c = await report(hub)
    const d = await report(hub, 'urgent', '0102')
    await clock.runUntil(NOW + 9 * MIN)
    expect(sent).toHaveLength(1)
    await clock.runUntil(NOW + 11 * MIN)
    expect(sent.map((x) => x.incidentId)).toEqual([a.id, d.id])
    await clock.runUntil(NOW + 31 * MIN)
    // The urgent case's next step (dispatch) jumps the normal queue again.
    expect(sent[2]).toMatchObject({ incidentId: d.id, type: 'dispatch' })
    await clock.runUntil(NOW + 120 * MIN)
    expect(new Set(sent.map((x) => x.incidentId))).toEqual(new Set([a.id, b.id, c.id, d.id]))
  })
})
