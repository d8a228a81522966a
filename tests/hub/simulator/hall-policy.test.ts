// The hall's pure decisions: who is taken up when, what share is accepted, rejected, escalated and
// reworked, which unit a case goes to (the domain's suggestions), and how many seats a rate needs.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { suggestUnits, type SuggestionUnit } from '../../../src-shared/domain'
import { type Incident, ReferenceData, type TimelineEntry } from '../../../src-shared/protocol'
import { UnitSeeds } from '../../../src-shared/reference'
import {
  type CaseView,
  chooseUnit,
  decide,
  escalationFor,
  HALL,
  type HallWorld,
  peakRate,
  pickupDelayMs,
  scaledDeadline,
  sizeHall,
  viewOf
} from '../../../src-hub/simulator/hall-policy'
import { Rng } from '../../../src-hub/simulator/prng'
import { SCENARIOS } from '../../../src-hub/simulator/scenarios'
import { RESOURCES_REFERENCE_PATH, RESOURCES_UNITS_PATH } from '../../helpers/start-hub'
import { makeFunctionalGrid } from '../../fixtures/entities'

const reference = ReferenceData.parse(JSON.parse(readFileSync(RESOURCES_REFERENCE_PATH, 'utf8')))
const units: SuggestionUnit[] = UnitSeeds.parse(JSON.parse(readFileSync(RESOURCES_UNITS_PATH, 'utf8'))).map((u) => ({ ...u, openCount: 0 }))
const world: HallWorld = {
  categories: new Map(reference.categories.map((c) => [c.code, c])),
  responsibilities: reference.responsibilities,
  units: new Map(units.map((u) => [u.id, u])),
  calendar: reference.calendar,
  deadlineScale: 60
}
const grid = reference.grids.features[0]!.properties
const NOW = Date.parse('2026-03-10T02:00:00Z')

function view(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 'inc-1',
    version: 3,
    status: 'accepted',
    urgency: 'normal',
    categoryCode: '0102',
    gridCode: grid.code,
    location: units.find((u) => u.id === grid.workerUnitId)?.location ?? { lng: 116.4, lat: 39.9 },
    claimed: false,
    returns: 0,
    returnedBy: [],
    sentBack: false,
    enteredAt: NOW,
    ...overrides
  }
}

function share(n: number, f: (rng: Rng) => boolean, seed = 7): number {
  const rng = new Rng(seed)
  let hits = 0
  for (let i = 0; i < n; i++) if (f(rng)) hits++
  return hits / n
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

describe('when the hall takes a case up', () => {
  it('reports wait a few minutes (median 3 min), urgent ones seconds, and the scale multiplies', () => {
    const rng = new Rng(1)
    const normal = Array.from({ length: 4001 }, () => pickupDelayMs('reported', 'normal', rng, 1))
    const urgent = Array.from({ length: 4001 }, () => pickupDelayMs('reported', 'urgent', rng, 1))
    const brisk = Array.from({ length: 4001 }, () => pickupDelayMs('reported', 'normal', rng, 0.1))
    expect(median(normal) / 1000).toBeGreaterThan(160)
    expect(median(normal) / 1000).toBeLessThan(200)
    expect(median(urgent) / 1000).toBeLessThan(25)
    expect(median(brisk) / 1000).toBeGreaterThan(16)
    expect(median(brisk) / 1000).toBeLessThan(20)
    // A spread, not a constant: some are taken up within a minute, some wait over ten.
    expect(normal.some((d) => d < 60_000)).toBe(true)
    expect(normal.some((d) => d > 600_000)).toBe(true)
  })
})

describe('what the hall decides', () => {
  it('accepts most reports and rejects about 4% with a reason; never an urgent one', () => {
    const rng = new Rng(3)
    const actions = Array.from({ length: 5000 }, () => decide(view({ status: 'reported' }), world, rng, NOW))
    const rejected = actions.filter((a) => a?.type === 'reject')
    expect(actions.every((a) => a?.type === 'accept' || a?.type === 'reject')).toBe(true)
    expect(rejected.length / 5000).toBeGreaterThan(0.03)
    expect(rejected.length / 5000).toBeLessThan(0.05)
    for (const r of rejected) expect(r?.type === 'reject' && r.reason.length > 0).toBe(true)
    expect(share(2000, (r) => decide(view({ status: 'reported', urgency: 'urgent' }), world, r, NOW)?.type === 'reject')).toBe(0)
  })

  it('closes most fed-back cases and sends about 1% back for rework', () => {
    const rework = share(20_000, (r) => {
      const a = decide(view({ status: 'resolved' }), world, r, NOW)
      return a?.type === 'verify' && !a.passed
    })
    expect(rework).toBeGreaterThan(0.006)
    expect(rework).toBeLessThan(0.014)
  })

  it('has no move on cases in the field or the district', () => {
    for (const status of ['dispatched', 'in_progress', 'escalated', 'closed', 'suspended'] as const) {
      expect(decide(view({ status }), world, new Rng(1), NOW)).toBeNull()
    }
  })

  it('dispatches to the domain suggestion first in line, with a deadline on the field clock', () => {
    const v = view({ categoryCode: '0102' })
    const top = suggestUnits(v, { responsibilities: world.responsibilities, units: [...world.units.values()] }, 1)[0]!
    expect(top.reasons).toContain('matrix')
    const action = decide(v, world, new Rng(1), NOW)
    expect(action).toMatchObject({ type: 'dispatch', unitIds: [top.unitId] })
    // 0102's limit is 4 working hours: 4 minutes on the field's ×60 clock.
    expect(action?.type === 'dispatch' && Date.parse(action.deadlineAt!) - NOW).toBe(4 * 60_000)
    // Left to the hub's calendar when asked.
    const calendar = decide(v, { ...world, deadlineScale: null }, new Rng(1), NOW)
    expect(calendar?.type === 'dispatch' && calendar.deadlineAt).toBeUndefined()
  })

  it('rev 1.8: a case inside an active functional grid goes to its team first; before and after, as before', () => {
    const v = view({ categoryCode: '0102' })
    const usual = chooseUnit(v, world, NOW)
    // A team of one unit the usual rule would not pick first (an on-duty unit of the case's street).
    const team = units.find((u) => u.id !== usual && u.streetCode === grid.code.slice(0, 9) && u.kind !== 'district_dept' && u.status !== 'off_duty')
    if (!team || !usual) throw new Error('fixture: no second unit in the street')
    const fg = makeFunctionalGrid({
      unitIds: [team.id],
      gridCodes: [grid.code],
      streetCodes: [grid.code.slice(0, 9)],
      fromAt: new Date(NOW - 3_600_000).toISOString(),
      toAt: new Date(NOW + 3_600_000).toISOString()
    })
    const withFg: HallWorld = { ...world, functionalGrids: new Map([[fg.id, fg]]) }
    expect(chooseUnit(v, withFg, NOW)).toBe(team.id)
    expect(chooseUnit(v, withFg, NOW + 2 * 3_600_000)).toBe(usual)
    expect(decide(v, withFg, new Rng(1), NOW)).toMatchObject({ type: 'dispatch' })
  })

  it('never sends a case back to a unit that returned it', () => {
    const v = view({ categoryCode: '0102' })
    const first = chooseUnit(v, world)!
    const second = chooseUnit({ ...v, returns: 1, returnedBy: [first] }, world)
    expect(second).not.toBeNull()
    expect(second).not.toBe(first)
  })

  it('a deadline is never in the past, even for the shortest limit at a huge scale', () => {
    const at = scaledDeadline({ categoryCode: '0404' }, { ...world, deadlineScale: 1e9 }, NOW)
    expect(Date.parse(at!) - NOW).toBe(1000)
  })
})

describe('when the hall escalates (domain §5)', () => {
  const street = grid.code.slice(0, 9)
  it('always when the matrix names only district departments (beyond street authority)', () => {
    // 1102 路灯损坏: only the district's city management in the matrix.
    for (let i = 0; i < 50; i++) {
      expect(escalationFor(view({ categoryCode: '1102' }), world, new Rng(i))).toEqual({
        level: 'department',
        targetUnitId: 'u-dd-citymgmt',
        reasonCode: 'beyond_authority'
      })
    }
  })

  it('a small share where a district department comes first but the street has a unit', () => {
    // 0505 机动车乱停放: traffic police first, the street's enforcement team behind it.
    const up = share(10_000, (r) => escalationFor(view({ categoryCode: '0505' }), world, r) !== null)
    expect(up).toBeGreaterThan(HALL.escalateDeptFirstOdds * 0.8)
    expect(up).toBeLessThan(HALL.escalateDeptFirstOdds * 1.2)
    // Otherwise the street's own unit gets it: district departments are never dispatched to.
    const unit = chooseUnit(view({ categoryCode: '0505' }), world)
    expect(world.units.get(unit!)?.kind).not.toBe('district_dept')
    expect(world.units.get(unit!)?.streetCode).toBe(street)
  })

  it('never where the street has the first say', () => {
    expect(share(2000, (r) => escalationFor(view({ categoryCode: '0102' }), world, r) !== null)).toBe(0)
  })

  it('after two returns, for major incidents, and never again once the district sent it back', () => {
    expect(escalationFor(view({ returns: 2 }), world, new Rng(1))).toEqual({ level: 'district', reasonCode: 'repeated_return' })
    expect(escalationFor(view({ categoryCode: '0408' }), world, new Rng(1))).toMatchObject({ level: 'district', reasonCode: 'major' })
    expect(escalationFor(view({ categoryCode: '1102', sentBack: true }), world, new Rng(1))).toBeNull()
    expect(escalationFor(view({ returns: 3, sentBack: true }), world, new Rng(1))).toBeNull()
  })

  it('the escalate action carries a reason text (the protocol requires one)', () => {
    const a = decide(view({ categoryCode: '1102' }), world, new Rng(1), NOW)
    expect(a).toMatchObject({ type: 'escalate', level: 'department', reasonCode: 'beyond_authority' })
    expect(a?.type === 'escalate' && a.reason.length).toBeGreaterThan(5)
  })
})

describe('what the hall reads off a case', () => {
  const actor = { id: 'u', name: 'x', role: 'dispatcher' as const }
  const entry = (at: string, action: string, from: Incident['status'] | undefined, to: Incident['status'], unitIds?: string[]): TimelineEntry => ({
    at,
    actor,
    action,
    ...(from ? { from } : {}),
    to,
    ...(unitIds ? { unitIds } : {})
  })
  const base = {
    id: 'inc-9', version: 7, seq: 1, code: 'X', urgency: 'normal', categoryCode: '0102', source: 'grid_worker', title: 't',
    description: '', address: '', location: { lng: 116.4, lat: 39.9 }, gridCode: grid.code, reportedAt: '2026-03-10T01:00:00.000Z',
    reporter: {}, photos: [], assignees: [], deadlineAt: null, pausedAt: null, escalation: null, claimedBy: null, mergedInto: null,
    counters: { returns: 1, reworks: 0, urges: 0, extensions: 0 }, updatedAt: '2026-03-10T01:30:00.000Z'
  } satisfies Omit<Incident, 'status' | 'timeline'>

  it('when it entered its status, who returned it, and whether the district sent it back', () => {
    const incident: Incident = {
      ...base,
      status: 'accepted',
      timeline: [
        entry('2026-03-10T01:00:00.000Z', 'report', undefined, 'reported'),
        entry('2026-03-10T01:05:00.000Z', 'accept', 'reported', 'accepted'),
        entry('2026-03-10T01:06:00.000Z', 'dispatch', 'accepted', 'dispatched', ['u-a']),
        entry('2026-03-10T01:10:00.000Z', 'return', 'dispatched', 'accepted', ['u-a']),
        entry('2026-03-10T01:11:00.000Z', 'escalate', 'accepted', 'escalated'),
        entry('2026-03-10T01:20:00.000Z', 'deescalate', 'escalated', 'accepted'),
        entry('2026-03-10T01:30:00.000Z', 'note', 'accepted', 'accepted')
      ]
    }
    const v = viewOf(incident)
    expect(v.enteredAt).toBe(Date.parse('2026-03-10T01:20:00.000Z'))
    expect(v.returnedBy).toEqual(['u-a'])
    expect(v.sentBack).toBe(true)
    expect(v.claimed).toBe(false)
    // Escalated again after the send-back: up again, not "sent back".
    const again = viewOf({ ...incident, timeline: [...incident.timeline, entry('2026-03-10T01:40:00.000Z', 'escalate', 'accepted', 'escalated')] })
    expect(again.sentBack).toBe(false)
    expect(viewOf({ ...incident, claimedBy: { consoleId: 'c', userId: 'u', name: 'n', at: base.updatedAt } }).claimed).toBe(true)
  })
})

describe('how big the hall is', () => {
  it('seats keep up at the scenario peak (utilisation ≤ target) and grow with the rate', () => {
    for (const rate of [0.05, 0.5, 5, 50]) {
      const peak = peakRate(SCENARIOS.normal, rate)
      const size = sizeHall(peak, 1)
      const utilisation = (peak * HALL.actionsPerCase * size.workMs) / 1000 / size.seats
      expect(utilisation).toBeLessThanOrEqual(HALL.targetUtilisation)
      expect(size.seats).toBeGreaterThanOrEqual(HALL.minSeats)
      // No connection sends more than the hub's rate limit allows (50/s), when the connections suffice.
      if (size.connections < HALL.maxConnections) {
        expect(size.seats / (size.workMs / 1000) / size.connections).toBeLessThanOrEqual(HALL.commandsPerConnection)
      }
    }
    expect(sizeHall(peakRate(SCENARIOS.normal, 5), 1).seats).toBeGreaterThan(sizeHall(peakRate(SCENARIOS.normal, 0.5), 1).seats)
  })

  it('the peak counts the busiest hour and any surge', () => {
    expect(peakRate(SCENARIOS['quiet-night'], 1)).toBeCloseTo(0.2)
    expect(peakRate(SCENARIOS.rainstorm, 1)).toBeCloseTo(Math.max(...SCENARIOS.rainstorm.curve) + 1.5)
  })

  it('refuses nonsense sizes', () => {
    expect(() => sizeHall(1, 0)).toThrow(/delayScale/)
    expect(() => sizeHall(Number.NaN, 1)).toThrow(/peak/)
  })
})
