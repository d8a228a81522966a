// Grid types and standards (rev 1.6): time limits scaled by the grid type's factor on the working
// calendar, the rules an older reference falls back to, the workload table and the per-type breakdown.
import { describe, expect, it } from 'vitest'
import {
  applyIncidentCommand,
  casesByGridType,
  gridDeadline,
  gridRulesFrom,
  hasGridStandards,
  scaledLimit,
  workerWorkload
} from '../../../src-shared/domain'
import type { GridProperties, GridStandard } from '../../../src-shared/protocol'
import { makeCommand, makeIncident, makeUnit } from '../../fixtures/entities'
import { beijing, bj, category, context } from './helpers'

const iso = (local: string) => bj(local).toISOString()

const standards: GridStandard[] = [
  { gridType: 'residential', patrolsPerDay: 2, limitFactor: 1, householdsPerWorker: 500 },
  { gridType: 'business', patrolsPerDay: 2, limitFactor: 0.75, householdsPerWorker: 600 },
  { gridType: 'work_unit', patrolsPerDay: 1, limitFactor: 1.5, householdsPerWorker: 600 },
  { gridType: 'urban_village', patrolsPerDay: 4, limitFactor: 1.25, householdsPerWorker: 300 }
]

function grid(code: string, gridType: GridProperties['gridType'], households: number): GridProperties {
  return { code, communityCode: code.slice(0, 12), streetCode: code.slice(0, 9), workerUnitId: null, gridType, households, population: households * 2 }
}

const grids = new Map<string, GridProperties>([
  ['110101006001001', grid('110101006001001', 'business', 100)],
  ['110101006001002', grid('110101006001002', 'work_unit', 300)],
  ['110101006001003', grid('110101006001003', 'urban_village', 200)],
  ['110101006001004', grid('110101006001004', 'residential', 450)],
  ['110101006001005', { code: '110101006001005', communityCode: '110101006001', streetCode: '110101006', workerUnitId: null }]
])

describe('time limits by grid type', () => {
  const fourHours = category('0102', { value: 4, unit: 'working_hours' })
  it('scales the limit by the factor in its own unit', () => {
    expect(scaledLimit({ value: 4, unit: 'working_hours' }, 0.75)).toEqual({ value: 3, unit: 'working_hours' })
    expect(scaledLimit({ value: 3, unit: 'working_days' }, 1.5)).toEqual({ value: 4.5, unit: 'working_days' })
    expect(() => scaledLimit({ value: 4, unit: 'minutes' }, 0)).toThrow(/positive/)
    expect(() => scaledLimit({ value: 4, unit: 'minutes' }, Number.NaN)).toThrow(/positive/)
  })
  it('a business grid (×0.75) gets 3 working hours: Fri 16:00 → Mon 10:00 over the weekend', () => {
    expect(gridDeadline(fourHours, 0.75, 'normal', bj('2026-11-20 16:00'), beijing).toISOString()).toBe(iso('2026-11-23 10:00'))
  })
  it('a work-unit grid (×1.5) gets 6 working hours, skipping lunch: Mon 09:00 → 16:30', () => {
    expect(gridDeadline(fourHours, 1.5, 'normal', bj('2026-11-23 09:00'), beijing).toISOString()).toBe(iso('2026-11-23 16:30'))
  })
  it('working days scale too: 1.5 working days from Fri 10:00 over the weekend', () => {
    const oneDay = category('0103', { value: 1, unit: 'working_days' })
    // 1.5 × 7.5 h = 11.25 h: Fri 10:00 → 17:30 is 6 h; Mon 08:30 + 5.25 h → 15:15 (lunch skipped).
    expect(gridDeadline(oneDay, 1.5, 'normal', bj('2026-11-20 10:00'), beijing).toISOString()).toBe(iso('2026-11-23 15:15'))
  })
  it('urgent cases stay on the wall clock, scaled', () => {
    expect(gridDeadline(fourHours, 0.75, 'urgent', bj('2026-11-21 23:00'), beijing).toISOString()).toBe(iso('2026-11-22 02:00'))
  })
  it('the rules give each grid its type factor, 1 without a type, and 1 everywhere on an older reference', () => {
    const rules = gridRulesFrom({ gridStandards: standards }, grids)
    expect(rules.limitFactor('110101006001001')).toBe(0.75)
    expect(rules.limitFactor('110101006001002')).toBe(1.5)
    expect(rules.limitFactor('110101006001005')).toBe(1)
    expect(rules.limitFactor('999999999999999')).toBe(1)
    const older = gridRulesFrom({}, grids)
    expect(older.limitFactor('110101006001001')).toBe(1)
    expect(older.duty('0102', 'grid_worker')).toBeNull()
    expect(hasGridStandards({})).toBe(false)
    expect(hasGridStandards({ gridStandards: standards })).toBe(true)
  })
  it('the state machine dispatches with the grid type factor (and reworks likewise)', () => {
    const rules = gridRulesFrom({ gridStandards: standards }, grids)
    const accepted = makeIncident({ status: 'accepted', gridCode: '110101006001001' })
    const dispatch = makeCommand({ type: 'dispatch', payload: { unitIds: ['u-san'] } })
    const out = applyIncidentCommand(accepted, dispatch, context({ gridRules: rules }))
    expect(out.ok && out.incident.deadlineAt).toBe(iso('2026-11-23 12:00')) // Mon 09:00 + 3 working hours
    const plain = applyIncidentCommand(accepted, dispatch, context())
    expect(plain.ok && plain.incident.deadlineAt).toBe(iso('2026-11-23 14:30')) // factor 1: 4 working hours
  })
})

describe('workload per grid worker', () => {
  const units = [
    makeUnit({ id: 'gw-a', name: '甲', kind: 'grid_worker', gridCodes: ['110101006001001', '110101006001002'], openCount: 2 }),
    makeUnit({ id: 'gw-b', name: '乙', kind: 'grid_worker', gridCodes: ['110101006001003', '110101006001004'], openCount: 0 }),
    makeUnit({ id: 'sd', kind: 'street_dept' })
  ]
  const incidents = [
    makeIncident({ id: 'i1', assignees: ['gw-a'] }),
    makeIncident({ id: 'i2', assignees: [], timeline: [{ at: '2026-11-22T01:00:00.000Z', actor: { id: 'x', name: 'x', role: 'dispatcher' }, action: 'dispatch', unitIds: ['gw-a', 'sd'] }] }),
    makeIncident({ id: 'i3', assignees: ['gw-b'], timeline: [{ at: '2026-11-22T01:00:00.000Z', actor: { id: 'x', name: 'x', role: 'dispatcher' }, action: 'dispatch', unitIds: ['gw-b'] }] })
  ]
  it('sums households against each grid type standard and flags workers above it', () => {
    const rows = workerWorkload(units, grids, standards, incidents)
    expect(rows.map((r) => r.unitId)).toEqual(['gw-b', 'gw-a'])
    const [b, a] = rows
    // 200/300 + 450/500 = 1.567 > 1: over the standard.
    expect(b).toMatchObject({ households: 650, population: 1300, gridCount: 2, cases: 1, openCases: 0, overStandard: true })
    expect(b?.loadRatio).toBeCloseTo(1.567, 3)
    // 100/600 + 300/600 = 0.667: within.
    expect(a).toMatchObject({ households: 400, cases: 2, openCases: 2, overStandard: false })
  })
  it('without standards (an older hub) nobody is flagged', () => {
    expect(workerWorkload(units, grids, [], incidents).every((r) => !r.overStandard && r.loadRatio === 0)).toBe(true)
  })
})

describe('cases by grid type', () => {
  it('counts grids, households and cases (open among them) per type, every type listed', () => {
    const rows = casesByGridType(grids.values(), [
      makeIncident({ id: 'a', gridCode: '110101006001001', status: 'dispatched' }),
      makeIncident({ id: 'b', gridCode: '110101006001001', status: 'closed' }),
      makeIncident({ id: 'c', gridCode: '110101006001005', status: 'accepted' })
    ])
    expect(rows).toHaveLength(7)
    expect(rows.find((r) => r.gridType === 'business')).toEqual({ gridType: 'business', grids: 1, households: 100, population: 200, cases: 2, openCases: 1 })
    expect(rows.find((r) => r.gridType === 'mixed')).toMatchObject({ grids: 0, cases: 0 })
  })
})
