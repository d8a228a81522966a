// The hall agent against a real reference hub over Socket.IO, through the hub's command path with
// a dispatcher token: with it on, reported cases get accepted, dispatched, escalated and closed under
// its own name; with it off (the default), nobody in the hall moves a case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Incident } from '../../../src-shared/protocol'
import { HubClient } from '../../../src-hub/simulator/hub-client'
import { HALL_USER, startSimulator, type Simulator } from '../../../src-hub/simulator/index'
import { reportIncidents, startTestHub, type TestHub } from '../../helpers/start-hub'

const HALL_TOKEN = 'test-hall-agent-token'
let t: TestHub
let sim: Simulator | null = null
let watcher: HubClient | null = null
const logs: string[] = []

beforeEach(async () => {
  t = await startTestHub({ tokens: [{ token: HALL_TOKEN, user: HALL_USER, streets: '*' }] })
  logs.length = 0
})
afterEach(async () => {
  await sim?.stop()
  sim = null
  watcher?.close()
  watcher = null
  await t.stop()
})

/** 10:00 in Beijing today. */
function tenAm(): number {
  const d = new Date(Date.now() + 8 * 3_600_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 2, 0)
}

/** A wall screen following every case. */
async function watch(): Promise<Map<string, Incident>> {
  const cases = new Map<string, Incident>()
  watcher = new HubClient({ hubUrl: t.url, token: t.tokens.viewer, consoleId: 'c-wall', name: 'wall', follow: true })
  watcher.onChange((c) => {
    if (c.entity !== 'incident' || c.data === null) return
    const before = cases.get(c.id)
    if (before === undefined || before.version < c.data.version) cases.set(c.id, c.data)
  })
  await watcher.connect()
  return cases
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${logs.slice(-10).join('\n')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function start(hall: boolean): Promise<Simulator> {
  return startSimulator({
    hubUrl: t.url,
    unitToken: t.tokens.unit,
    districtToken: t.tokens.district,
    rate: 5,
    seed: 3,
    scenario: 'normal',
    reference: t.hub.reference.data,
    units: t.hub.reference.units,
    startAt: tenAm(),
    timeScale: 20_000,
    log: (m) => logs.push(m),
    // Delays ×0.001: a 3-minute pickup becomes ~0.2 s, so the whole loop fits in a few seconds.
    ...(hall ? { hall: { token: HALL_TOKEN, delayScale: 0.001 } } : {})
  })
}

describe('the hall agent against a live hub', () => {
  it('accepts, dispatches, escalates and closes cases under its own name', { timeout: 20_000 }, async () => {
    const cases = await watch()
    sim = await start(true)
    const count = (status: Incident['status']): number => [...cases.values()].filter((c) => c.status === status).length
    const byHall = (action: string): number =>
      [...cases.values()].filter((c) => c.timeline.some((e) => e.action === action && e.actor.id === HALL_USER.id)).length
    // One urgent gas report of our own: in the fixture's matrix 0403 has only a district department,
    // so the hall must escalate it. Left to the simulator's mix, an escalation came in some runs only
    // (2 of 6 on a quiet machine): gas is rare in the normal scenario and the other ways up are chance.
    await reportIncidents(t.hub, 1, { categoryCode: '0403', urgency: 'urgent', title: '燃气泄漏（测试）' })
    await waitFor(() => count('closed') >= 5 && byHall('escalate') >= 1, 15_000, 'closed and escalated cases')
    await sim.stop({ drainMs: 3000 })
    const stats = sim.stats()
    expect(stats.hall).not.toBeNull()
    const hall = stats.hall!
    expect(hall.ok.accept).toBeGreaterThan(0)
    expect(hall.ok.dispatch).toBeGreaterThan(0)
    expect(hall.ok.close).toBeGreaterThan(0)
    expect(hall.ok.escalate).toBeGreaterThan(0)
    // Only stale-version conflicts are tolerated; nothing refused for role, state or payload.
    for (const key of Object.keys(hall.errors)) expect(key).toMatch(/:(conflict|closed)$/)
    expect(byHall('accept')).toBeGreaterThan(0)
    expect(byHall('dispatch')).toBeGreaterThan(0)
    // Every hall entry is a dispatcher named as the hall, like any other seat.
    for (const c of cases.values()) {
      for (const e of c.timeline.filter((x) => x.actor.id === HALL_USER.id)) {
        expect(e.actor).toEqual({ id: 'sim-hall', name: '值班调度（模拟）', role: 'dispatcher' })
      }
    }
    // 0403 (gas) has only a district department in the fixture's matrix: it goes up, never out.
    const gas = [...cases.values()].filter((c) => c.categoryCode === '0403' && c.timeline.some((e) => e.action === 'escalate'))
    for (const c of gas) expect(c.timeline.some((e) => e.action === 'dispatch')).toBe(false)
  })

  it('with the hall off (the default), no case leaves reported', { timeout: 20_000 }, async () => {
    const cases = await watch()
    sim = await start(false)
    await waitFor(() => cases.size >= 20, 10_000, '20 reports')
    await new Promise((r) => setTimeout(r, 1000))
    await sim.stop({ drainMs: 2000 })
    expect(sim.stats().hall).toBeNull()
    const stored = await t.hub.store.countEntities('incident')
    await waitFor(() => cases.size === stored, 5000, 'the wall to see every stored case')
    expect([...cases.values()].every((c) => c.status === 'reported')).toBe(true)
  })
})
