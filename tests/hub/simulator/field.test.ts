// The field's behaviour against a fake hub connection: timing, odds, conflicts, stop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Incident, type TypedCommand, type Urgency } from '../../../src-shared/protocol'
import { Field, FIELD, type CommandSink } from '../../../src-hub/simulator/field'
import { type CommandResult } from '../../../src-hub/simulator/hub-client'
import { Rng } from '../../../src-hub/simulator/prng'
import { Scheduler } from '../../../src-hub/simulator/scheduler'
import { makeIncident } from '../../fixtures/entities'

const T0 = Date.UTC(2026, 2, 10, 2, 0)
const MIN = 60_000

class FakeSink implements CommandSink {
  sent: { at: number; command: TypedCommand }[] = []
  resyncs = 0
  constructor(private readonly answer: (command: TypedCommand) => CommandResult) {}
  send(command: TypedCommand): Promise<CommandResult> {
    this.sent.push({ at: Date.now(), command })
    return Promise.resolve(this.answer(command))
  }
  resync(): void {
    this.resyncs++
  }
}

/** A hub that accepts every field action and moves the case on. */
function acceptingHub(cases: Map<string, Incident>) {
  return (command: TypedCommand): CommandResult => {
    const id = command.incidentId as string
    const current = cases.get(id) as Incident
    const next: Incident['status'] =
      command.type === 'sign' ? 'in_progress' : command.type === 'feedback' ? 'resolved' : 'accepted'
    const entity = { ...current, status: next, version: current.version + 1 }
    cases.set(id, entity)
    return { ok: true, seq: 1, entity }
  }
}

function dispatched(id: string, overrides: Partial<Incident> = {}): Incident {
  return makeIncident({
    id,
    version: 3,
    status: 'dispatched',
    assignees: ['u-san-1', 'u-gw-2'],
    deadlineAt: new Date(T0 + 240 * MIN).toISOString(),
    ...overrides
  })
}

/** A district department of the fixture units. */
const DEPT = 'u-dd-market'

/** A case escalated to `target` (null: to the district, no department named). */
function escalated(id: string, urgency: Urgency, target: string | null = DEPT): Incident {
  return makeIncident({
    id,
    version: 6,
    status: 'escalated',
    urgency,
    categoryCode: '0501',
    escalation: {
      level: target === null ? 'district' : 'department',
      ...(target !== null ? { targetUnitId: target } : {}),
      reasonCode: 'beyond_authority',
      reason: '无执法权',
      at: new Date(T0).toISOString()
    }
  })
}

let scheduler: Scheduler
beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
  scheduler = new Scheduler()
})
afterEach(() => {
  scheduler.stop()
  vi.useRealTimers()
})

function makeField(unit: CommandSink, district: CommandSink, seed = 1, timeScale = 1): Field {
  return new Field({ unit, district, scheduler, rng: new Rng(seed), timeScale })
}

describe('field', () => {
  it('signs a dispatched case after a delay, then feeds back, with expectedVersion and the assignee', async () => {
    const cases = new Map<string, Incident>()
    const unit = new FakeSink(acceptingHub(cases))
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    // Pick a seed whose first case is neither returned nor late, so the path is the plain one.
    let seed = 1
    for (; seed < 100; seed++) {
      const r = new Rng(seed)
      if (!r.chance(FIELD.returnOdds)) {
        r.lognormal(1, 1)
        r.lognormal(1, 1)
        if (!r.chance(FIELD.lateOdds)) break
      }
    }
    const field = makeField(unit, district, seed, 60)
    const incident = dispatched('inc-a')
    cases.set(incident.id, incident)
    field.observe(incident)
    expect(unit.sent).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(60 * MIN)
    const types = unit.sent.map((s) => s.command.type)
    expect(types).toEqual(['sign', 'feedback'])
    const [sign, feedback] = unit.sent
    expect(sign!.command).toMatchObject({ incidentId: 'inc-a', expectedVersion: 3, payload: { unitId: 'u-san-1' } })
    expect(feedback!.command).toMatchObject({ expectedVersion: 4, payload: { unitId: 'u-san-1' } })
    expect((feedback!.command.payload as { note: string }).note.length).toBeGreaterThan(0)
    // Scaled by 60: a sign within simulated minutes is within real seconds.
    expect(sign!.at - T0).toBeLessThan(2 * MIN)
    expect(feedback!.at).toBeLessThan(Date.parse(incident.deadlineAt!))
    expect(field.counters.ok).toEqual({ sign: 1, feedback: 1 })
    // Resolved waits for the hall to verify: nothing more happens.
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(unit.sent).toHaveLength(2)
  })

  it('is late on about a quarter of cases, on time on the rest, and returns about 5%', async () => {
    const unit = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'test' }))
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const field = makeField(unit, district, 7, 1)
    const n = 2000
    const deadline = T0 + 24 * 60 * MIN
    for (let i = 0; i < n; i++) {
      field.observe(makeIncident({ id: `p-${i}`, version: 5, status: 'in_progress', assignees: ['u-1'], deadlineAt: new Date(deadline).toISOString() }))
      field.observe(dispatched(`d-${i}`))
    }
    expect(field.counters.plannedFeedbacks).toBe(n)
    const late = field.counters.plannedLate / n
    expect(late).toBeGreaterThan(0.19)
    expect(late).toBeLessThan(0.27)
    expect(field.counters.plannedReturns / n).toBeGreaterThan(0.03)
    expect(field.counters.plannedReturns / n).toBeLessThan(0.07)
    await vi.advanceTimersByTimeAsync(3 * 24 * 60 * MIN)
    const feedbacks = unit.sent.filter((s) => s.command.type === 'feedback')
    const afterDeadline = feedbacks.filter((s) => s.at > deadline).length
    expect(feedbacks).toHaveLength(n)
    expect(afterDeadline).toBe(field.counters.plannedLate)
    const returns = unit.sent.filter((s) => s.command.type === 'return')
    expect(returns).toHaveLength(field.counters.plannedReturns)
    for (const r of returns) expect((r.command.payload as { reason: string }).reason.length).toBeGreaterThan(0)
  })

  it('answers a conflict by re-reading: retries with the new version only while the step is still due', async () => {
    let calls = 0
    const moved = dispatched('inc-c', { version: 4 })
    const unit = new FakeSink((command) => {
      calls++
      if (calls === 1) return { ok: false, code: 'conflict', message: 'stale', current: moved }
      return { ok: true, seq: 2, entity: { ...moved, status: 'in_progress', version: (command.expectedVersion ?? 0) + 1 } }
    })
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const field = makeField(unit, district, 3, 60)
    field.observe(dispatched('inc-c'))
    await vi.advanceTimersByTimeAsync(10 * MIN)
    const signs = unit.sent.filter((s) => s.command.type === 'sign' || s.command.type === 'return')
    expect(signs.map((s) => s.command.expectedVersion)).toEqual([3, 4])
    expect(signs[0]!.command.commandId).not.toBe(signs[1]!.command.commandId)
    expect(field.counters.conflicts).toBe(1)
  })

  it('does not resend when the conflict shows the case moved on, and gives up after a few conflicts', async () => {
    const signedByHall = dispatched('inc-d', { version: 4, status: 'in_progress' })
    const unit = new FakeSink((command) =>
      command.type === 'feedback'
        ? { ok: false, code: 'conflict', message: 'stale', current: { ...signedByHall, version: (command.expectedVersion ?? 0) + 1 } }
        : { ok: false, code: 'conflict', message: 'stale', current: signedByHall }
    )
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const field = makeField(unit, district, 4, 600)
    field.observe(dispatched('inc-d'))
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    const types = unit.sent.map((s) => s.command.type)
    expect(types.filter((t) => t === 'sign' || t === 'return')).toHaveLength(1)
    // Feedback keeps meeting newer versions: first try plus maxConflicts re-reads, then it stops.
    expect(types.filter((t) => t === 'feedback')).toHaveLength(1 + FIELD.maxConflicts)
  })

  it('forgets a case and asks for a sync when a conflict carries no usable current state', async () => {
    const unit = new FakeSink(() => ({ ok: false, code: 'conflict', message: 'stale', current: { junk: true } }))
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const field = makeField(unit, district, 5, 600)
    field.observe(dispatched('inc-e'))
    await vi.advanceTimersByTimeAsync(60 * MIN)
    expect(unit.sent).toHaveLength(1)
    expect(unit.resyncs).toBe(1)
    expect(field.knownCount).toBe(0)
  })

  it('drops an action the hub calls illegal instead of retrying it', async () => {
    const unit = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'no' }))
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const field = makeField(unit, district, 6, 600)
    field.observe(dispatched('inc-f'))
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(unit.sent).toHaveLength(1)
    expect(field.plannedCount).toBe(0)
    expect(Object.keys(field.counters.errors)[0]).toMatch(/:illegal_transition$/)
  })

  it('lets the district send back about a fifth of the cases escalated to a department; the department settles the rest', async () => {
    const cases = new Map<string, Incident>()
    const unit = new FakeSink(acceptingHub(cases))
    const district = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'test' }))
    const timeScale = 60
    const field = makeField(unit, district, 8, timeScale)
    const n = 1000
    for (let i = 0; i < n; i++) {
      const c = escalated(`e-${i}`, i % 10 === 0 ? 'urgent' : 'normal')
      cases.set(c.id, c)
      field.observe(c)
    }
    // A simulated month: even the slowest department results (median a day, σ 0.7: 4 σ ≈ 16 days) are in.
    await vi.advanceTimersByTimeAsync((30 * 24 * 60 * MIN) / timeScale)
    expect(district.sent.length).toBe(field.counters.plannedDeescalations)
    expect(district.sent.length / n).toBeGreaterThan(0.16)
    expect(district.sent.length / n).toBeLessThan(0.24)
    expect(district.sent[0]!.command).toMatchObject({ type: 'deescalate', expectedVersion: 6 })
    // Every other case: the department's own feedback, naming itself, with a result text.
    expect(unit.sent).toHaveLength(n - district.sent.length)
    expect(unit.sent.length).toBe(field.counters.plannedSettlements)
    for (const { command } of unit.sent) {
      expect(command).toMatchObject({ type: 'feedback', expectedVersion: 6, payload: { unitId: DEPT } })
      expect((command.payload as { note: string }).note).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(field.counters.ok).toEqual({ settle: unit.sent.length })
    // After a realistic delay: hours for urgent cases, about a day for normal ones (medians, field clock).
    const simMinutes = (at: number) => ((at - T0) / MIN) * timeScale
    const delays = (urgency: Urgency) =>
      unit.sent.filter((s) => cases.get(s.command.incidentId as string)!.urgency === urgency).map((s) => simMinutes(s.at)).sort((a, b) => a - b)
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!
    expect(median(delays('urgent'))).toBeGreaterThan(FIELD.settleMedianMin.urgent * 0.6)
    expect(median(delays('urgent'))).toBeLessThan(FIELD.settleMedianMin.urgent * 1.6)
    expect(median(delays('normal'))).toBeGreaterThan(FIELD.settleMedianMin.normal * 0.8)
    expect(median(delays('normal'))).toBeLessThan(FIELD.settleMedianMin.normal * 1.25)
    // Resolved cases wait for the street's verification: the field forgets them (what it still knows are
    // the sends-back this fake hub refused, with nothing left planned).
    expect(field.knownCount).toBe(district.sent.length)
    expect(field.plannedCount).toBe(0)
  })

  it('sends back every escalation that names no department (nobody may settle it)', async () => {
    const unit = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'not used' }))
    const district = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'test' }))
    const field = makeField(unit, district, 8, 60)
    for (let i = 0; i < 200; i++) field.observe(escalated(`x-${i}`, 'normal', null))
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(unit.sent).toHaveLength(0)
    expect(district.sent).toHaveLength(200)
    expect(field.counters.plannedSettlements).toBe(0)
  })

  it('plans again when the street sends a settled case back to the department (rework → escalated)', async () => {
    const cases = new Map<string, Incident>()
    const unit = new FakeSink(acceptingHub(cases))
    const district = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'test' }))
    // A seed whose first escalated case is settled, not sent back.
    let seed = 1
    while (new Rng(seed).chance(FIELD.deescalateOdds)) seed++
    const field = makeField(unit, district, seed, 600)
    const c = escalated('r-1', 'normal')
    cases.set(c.id, c)
    field.observe(c)
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(unit.sent).toHaveLength(1)
    expect(cases.get('r-1')!.status).toBe('resolved')
    // The hall's rework: escalated again, a newer version.
    const reworked = { ...cases.get('r-1')!, status: 'escalated' as const, version: 8 }
    cases.set(reworked.id, reworked)
    field.observe(reworked)
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    const settles = unit.sent.length + district.sent.length
    expect(settles).toBe(2)
    expect((unit.sent.at(-1) ?? district.sent.at(-1))!.command.expectedVersion).toBe(8)
  })

  it('ignores older versions, forgets closed or deleted cases, and stops cleanly', async () => {
    const unit = new FakeSink(() => ({ ok: false, code: 'illegal_transition', message: 'x' }))
    const district = new FakeSink(() => ({ ok: false, code: 'forbidden', message: 'x' }))
    const field = makeField(unit, district, 9, 1)
    field.observe(dispatched('g', { version: 5 }))
    field.observe(dispatched('g', { version: 4, status: 'accepted' }))
    expect(field.plannedCount).toBe(1)
    field.observe(dispatched('g', { version: 6, status: 'closed' }))
    expect(field.knownCount).toBe(0)
    field.observe(dispatched('h'))
    field.onChange({ seq: 9, entity: 'incident', id: 'h', version: 4, data: null })
    expect(field.knownCount).toBe(0)
    field.observe(dispatched('i'))
    field.stop()
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN)
    expect(unit.sent).toHaveLength(0)
  })
})
