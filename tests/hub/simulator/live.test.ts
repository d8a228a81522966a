// The simulator against a real reference hub over Socket.IO: reports arrive, the field signs and
// feeds back what the hall dispatches, the district sends some escalations back and the department
// settles the rest (rev 1.3), and a flapping network neither loses nor doubles a report.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CommandPayload, type CommandType, type Incident, type TypedCommand } from '../../../src-shared/protocol'
import { HubClient } from '../../../src-hub/simulator/hub-client'
import { startSimulator, type Simulator } from '../../../src-hub/simulator/index'
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy'
import { startTestHub, type TestHub } from '../../helpers/start-hub'

let t: TestHub
let sim: Simulator | null = null
let hall: HubClient | null = null
let proxy: FaultProxy | null = null
const logs: string[] = []

beforeEach(async () => {
  t = await startTestHub()
  logs.length = 0
})
afterEach(async () => {
  await sim?.stop()
  sim = null
  hall?.close()
  hall = null
  await proxy?.close()
  proxy = null
  await t.stop()
})

/** 10:00 in Beijing today: the daily curve is ×2.33 then, whatever time the test runs. */
function tenAm(): number {
  const d = new Date(Date.now() + 8 * 3_600_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 2, 0)
}

function start(overrides: Partial<Parameters<typeof startSimulator>[0]> = {}): Promise<Simulator> {
  return startSimulator({
    hubUrl: t.url,
    unitToken: t.tokens.unit,
    districtToken: t.tokens.district,
    rate: 50,
    seed: 1,
    scenario: 'normal',
    reference: t.hub.reference.data,
    units: t.hub.reference.units,
    startAt: tenAm(),
    timeScale: 20_000,
    log: (m) => logs.push(m),
    ...overrides
  })
}

/** The hall (a dispatcher) following every case through the protocol. */
async function connectHall(): Promise<{ client: HubClient; cases: Map<string, Incident> }> {
  const cases = new Map<string, Incident>()
  const client = new HubClient({ hubUrl: t.url, token: t.tokens.dispatcher, consoleId: 'c-hall', name: 'hall', follow: true })
  client.onChange((c) => {
    if (c.entity !== 'incident' || c.data === null) return
    const before = cases.get(c.id)
    if (before === undefined || before.version < c.data.version) cases.set(c.id, c.data)
  })
  await client.connect()
  hall = client
  return { client, cases }
}

async function send<T extends CommandType>(client: HubClient, type: T, incident: Incident, payload: CommandPayload<T>): Promise<Incident> {
  const command = {
    commandId: randomUUID(),
    type,
    incidentId: incident.id,
    expectedVersion: incident.version,
    payload,
    issuedAt: new Date().toISOString()
  } as TypedCommand
  const result = await client.send(command)
  if (!result.ok) throw new Error(`${type} failed: ${result.code} ${result.message}`)
  return result.entity as Incident
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${logs.slice(-10).join('\n')}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('simulator against a live hub', () => {
  it('creates incidents at about the configured rate, each report exactly once', async () => {
    sim = await start({ rate: 50 })
    await new Promise((r) => setTimeout(r, 2000))
    await sim.stop({ drainMs: 5000 })
    const stats = sim.stats()
    // 50/s × 2.33 (10:00) for 2 s ≈ 233; wide bounds for a loaded CI machine.
    expect(stats.ok.report).toBeGreaterThan(100)
    expect(stats.ok.report).toBeLessThan(400)
    expect(stats.errors).toEqual({})
    expect(stats.queued + stats.inFlight).toBe(0)
    expect(await t.hub.store.countEntities('incident')).toBe(stats.ok.report)
  })

  it('plays the field: dispatched cases get signed and fed back, returns go back to accepted', async () => {
    const { client, cases } = await connectHall()
    sim = await start({ rate: 20 })
    await waitFor(() => cases.size >= 20, 10_000, '20 reported cases')
    const picked = [...cases.values()].filter((c) => c.status === 'reported').slice(0, 20)
    expect(picked).toHaveLength(20)
    for (const c of picked) {
      const accepted = await send(client, 'accept', c, {})
      await send(client, 'dispatch', accepted, { unitIds: ['u-san-110101001'] })
    }
    const ids = picked.map((c) => c.id)
    const statusOf = (id: string) => cases.get(id)?.status
    await waitFor(() => ids.every((id) => statusOf(id) !== 'dispatched' && statusOf(id) !== 'reported'), 15_000, 'every case signed or returned')
    await waitFor(() => ids.filter((id) => statusOf(id) === 'resolved').length >= 8, 15_000, '8 cases resolved')
    const resolved = ids.map((id) => cases.get(id)!).filter((c) => c.status === 'resolved')
    for (const c of resolved) {
      const actions = c.timeline.map((e) => e.action)
      expect(actions).toContain('sign')
      expect(actions).toContain('feedback')
      expect(c.timeline.at(-1)!.actor.role).toBe('unit')
    }
    for (const c of ids.map((id) => cases.get(id)!).filter((x) => x.status === 'accepted')) {
      expect(c.counters.returns).toBe(1)
    }
    const stats = sim.stats()
    expect(stats.ok.sign).toBeGreaterThanOrEqual(1)
    expect(stats.ok.feedback).toBeGreaterThanOrEqual(8)
    // Resolved cases wait for the hall's verification; the field never touches them.
    const resolvedNow = resolved.map((c) => [c.id, c.version] as const)
    await new Promise((r) => setTimeout(r, 300))
    for (const [id, version] of resolvedNow) expect(cases.get(id)!.version).toBe(version)
  })

  it('lets the district send back some escalated cases; the department settles the rest; no department named: all back', async () => {
    const { client, cases } = await connectHall()
    // ×100,000: a day of department work is under a second (median), the slowest a few seconds.
    sim = await start({ rate: 30, timeScale: 100_000 })
    await waitFor(() => [...cases.values()].filter((c) => c.status === 'reported').length >= 45, 10_000, '45 reported cases')
    const picked = [...cases.values()].filter((c) => c.status === 'reported').slice(0, 45)
    const toDept = picked.slice(0, 40)
    const toDistrict = picked.slice(40)
    for (const c of toDept) {
      const accepted = await send(client, 'accept', c, {})
      await send(client, 'escalate', accepted, { level: 'department', targetUnitId: 'u-gas', reasonCode: 'beyond_authority', reason: '超出街道职权' })
    }
    for (const c of toDistrict) {
      const accepted = await send(client, 'accept', c, {})
      await send(client, 'escalate', accepted, { level: 'district', reasonCode: 'other', reason: '提请区级研判' })
    }
    const statusOf = (c: Incident) => cases.get(c.id)!.status
    await waitFor(() => picked.every((c) => statusOf(c) !== 'escalated'), 30_000, 'every escalation answered')
    await new Promise((r) => setTimeout(r, 300))
    const back = picked.filter((c) => statusOf(c) === 'accepted')
    const settled = toDept.filter((c) => statusOf(c) === 'resolved')
    const stats = sim.stats()
    expect(back.length).toBe(stats.ok.deescalate)
    expect(settled.length).toBe(stats.ok.settle)
    expect(back.length + settled.length).toBe(picked.length)
    expect(toDistrict.every((c) => statusOf(c) === 'accepted')).toBe(true)
    expect(back.length - toDistrict.length).toBeLessThan(20)
    expect(settled.length).toBeGreaterThan(20)
    expect(cases.get(back[0]!.id)!.timeline.at(-1)!.actor.role).toBe('district')
    for (const c of settled) {
      expect(cases.get(c.id)!.timeline.at(-1)).toMatchObject({ action: 'feedback', from: 'escalated', to: 'resolved', unitIds: ['u-gas'] })
      expect(cases.get(c.id)!.timeline.at(-1)!.actor.role).toBe('unit')
    }
  })

  it('loses and doubles nothing when the network is cut repeatedly (resends keep their commandId)', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: t.hub.port })
    sim = await start({ hubUrl: proxy.url, rate: 150 })
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 500))
      proxy.cutAll()
    }
    await new Promise((r) => setTimeout(r, 700))
    await sim.stop({ drainMs: 10_000 })
    const stats = sim.stats()
    expect(proxy.stats.cuts).toBeGreaterThan(0)
    expect(stats.queued + stats.inFlight).toBe(0)
    expect(stats.ok.report).toBeGreaterThan(100)
    expect(stats.resent).toBeGreaterThan(0)
    expect(stats.errors).toEqual({})
    // Every answered report is one incident, and no resend made a second one.
    expect(await t.hub.store.countEntities('incident')).toBe(stats.ok.report)
  })

  it('skips arrivals beyond the backlog while the hub is stalled, then catches up', async () => {
    proxy = await startFaultProxy({ host: '127.0.0.1', port: t.hub.port })
    sim = await start({ hubUrl: proxy.url, rate: 200, maxBacklog: 50, maxInFlight: 10 })
    await new Promise((r) => setTimeout(r, 300))
    proxy.setMode({ kind: 'stall' })
    await new Promise((r) => setTimeout(r, 1000))
    const during = sim.stats()
    expect(during.queued + during.inFlight).toBeLessThanOrEqual(50)
    expect(during.skipped).toBeGreaterThan(100)
    expect(logs.some((m) => m.includes('hub is behind'))).toBe(true)
    proxy.setMode({ kind: 'pass' })
    await new Promise((r) => setTimeout(r, 500))
    await sim.stop({ drainMs: 10_000 })
    const stats = sim.stats()
    expect(stats.generated).toBe(stats.skipped + stats.ok.report!)
    expect(await t.hub.store.countEntities('incident')).toBe(stats.ok.report)
  })

  it('refuses a bad token and a bad rate with clear errors', async () => {
    await expect(start({ unitToken: 'not-a-token' })).rejects.toThrow(/unauthorized/)
    await expect(start({ rate: 5000 })).rejects.toThrow(/rate must be between/)
    await expect(start({ timeScale: 0 })).rejects.toThrow(/timeScale/)
  })
})
