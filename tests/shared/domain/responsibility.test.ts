// The responsibility list (权责清单, rev 1.6): the verdict per unit kind, the rule that an outside-the-list
// matter reaches a grid worker or committee only with a reason, the record the machine keeps, and the
// list of such dispatches by ordering body and category.
import { describe, expect, it } from 'vitest'
import {
  applyIncidentCommand,
  checkOutsideListDispatch,
  dutyLookup,
  GUARDED_KINDS,
  gridRulesFrom,
  needsOutsideListReason,
  outsideListDispatches
} from '../../../src-shared/domain'
import type { DutyRow, UnitKind } from '../../../src-shared/protocol'
import { UnitKind as UnitKindSchema } from '../../../src-shared/protocol'
import { makeCommand, makeIncident, makeUnit } from '../../fixtures/entities'
import { bj, context } from './helpers'

// 0101 私搭乱建: outside for both guarded kinds; 0102: assist/assist; 0601: duty for the grid.
const list: DutyRow[] = [
  { categoryCode: '0101', grid_worker: 'outside', community: 'outside', street_dept: 'duty', district_dept: 'duty' },
  { categoryCode: '0102', grid_worker: 'assist', community: 'assist', street_dept: 'duty', district_dept: 'duty' },
  { categoryCode: '0601', grid_worker: 'duty', community: 'duty', street_dept: 'duty', district_dept: 'outside' }
]
const lookup = dutyLookup(list)
const reason = { reasonCode: 'superior_order' as const, orderedBy: '区城管委', reason: '专项整治交办' }

describe('the verdict per unit kind', () => {
  it('reads the row for each of the four kinds; null when the list does not say', () => {
    expect(lookup.duty('0101', 'grid_worker')).toBe('outside')
    expect(lookup.duty('0102', 'community')).toBe('assist')
    expect(lookup.duty('0601', 'grid_worker')).toBe('duty')
    expect(lookup.duty('0601', 'district_dept')).toBe('outside')
    expect(lookup.duty('0999', 'grid_worker')).toBeNull()
    expect(dutyLookup(undefined).duty('0101', 'grid_worker')).toBeNull()
  })

  // Every unit kind, for an outside, an assist and a duty category: only the two guarded kinds with an
  // outside matter need a reason; a street or district department never does (the list guards grids).
  const expected: Record<UnitKind, [boolean, boolean, boolean]> = {
    grid_worker: [true, false, false],
    community: [true, false, false],
    street_dept: [false, false, false],
    district_dept: [false, false, false]
  }
  for (const kind of UnitKindSchema.options) {
    it(`${kind}: reason needed for 0101 / 0102 / 0601 = ${expected[kind].join(' / ')}`, () => {
      expect(['0101', '0102', '0601'].map((c) => needsOutsideListReason(lookup, c, kind))).toEqual(expected[kind])
      const check = checkOutsideListDispatch(lookup, '0101', [{ id: 'u', kind }], undefined)
      expect(check.ok).toBe(!expected[kind][0])
    })
  }
  it('guards exactly the grid worker and the community committee', () => {
    expect([...GUARDED_KINDS].sort()).toEqual(['community', 'grid_worker'])
  })
})

describe('checkOutsideListDispatch', () => {
  const units = [
    { id: 'sd', kind: 'street_dept' as const },
    { id: 'gw', kind: 'grid_worker' as const },
    { id: 'cc', kind: 'community' as const }
  ]
  it('refuses without a reason, naming the units and the revision', () => {
    const check = checkOutsideListDispatch(lookup, '0101', units, undefined)
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/outside the responsibility list.*gw, cc.*protocol 1\.6/) })
  })
  it('with a reason records the outside-list units only', () => {
    expect(checkOutsideListDispatch(lookup, '0101', units, reason)).toEqual({ ok: true, record: { unitIds: ['gw', 'cc'] } })
  })
  it('within the list records nothing, reason or not', () => {
    expect(checkOutsideListDispatch(lookup, '0102', units, undefined)).toEqual({ ok: true, record: null })
    expect(checkOutsideListDispatch(lookup, '0102', units, reason)).toEqual({ ok: true, record: null })
  })
})

describe('the state machine', () => {
  const rules = gridRulesFrom({ dutyList: list }, new Map())
  const gw = makeUnit({ id: 'u-gw', kind: 'grid_worker' })
  const accepted = makeIncident({ status: 'accepted', categoryCode: '0101' })
  const ctx = context({ gridRules: rules, getUnit: (id) => (id === 'u-gw' ? gw : id === 'u-san' ? makeUnit({ id: 'u-san' }) : undefined) })
  ctx.categories = new Map([...ctx.categories, ['0101', { code: '0101', major: '01', kind: 'event', name: '私搭乱建', nameEn: 'x', limit: { value: 4, unit: 'working_hours' }, defaultUrgency: 'normal' }]])

  it('refuses an outside-the-list dispatch to a grid worker without a reason', () => {
    const out = applyIncidentCommand(accepted, makeCommand({ type: 'dispatch', payload: { unitIds: ['u-gw'] } }), ctx)
    expect(out).toEqual({ ok: false, code: 'invalid', message: expect.stringContaining('权责清单') })
  })
  it('with a reason dispatches, records the field and notes it on the timeline', () => {
    const out = applyIncidentCommand(accepted, makeCommand({ type: 'dispatch', payload: { unitIds: ['u-san', 'u-gw'], outsideList: reason } }), ctx)
    if (!out.ok) throw new Error(out.message)
    expect(out.incident.outsideList).toEqual({ ...reason, unitIds: ['u-gw'], categoryCode: '0101', by: ctx.actor, at: bj('2026-11-23 09:00').toISOString() })
    expect(out.incident.timeline.at(-1)?.note).toContain('清单外派遣 [superior_order] 区城管委')
  })
  it('to a street department alone needs no reason and records nothing', () => {
    const out = applyIncidentCommand(accepted, makeCommand({ type: 'dispatch', payload: { unitIds: ['u-san'] } }), ctx)
    expect(out.ok && out.incident.outsideList).toBeUndefined()
  })
})

describe('outsideListDispatches', () => {
  const rec = (orderedBy: string, categoryCode: string, at: string, reasonCode: 'emergency' | 'superior_order' = 'superior_order') => ({
    reasonCode,
    reason: 'r',
    orderedBy,
    unitIds: ['gw'],
    categoryCode,
    by: { id: 'x', name: 'x', role: 'dispatcher' as const },
    at
  })
  it('groups by ordering body and category in the period, most first, newest case first', () => {
    const lines = outsideListDispatches(
      [
        { code: 'A', outsideList: rec('区城管委', '0101', '2026-11-23T02:00:00.000Z') },
        { code: 'B', outsideList: rec('区城管委', '0101', '2026-11-23T03:00:00.000Z', 'emergency') },
        { code: 'C', outsideList: rec('街道办事处', '0704', '2026-11-23T04:00:00.000Z') },
        { code: 'D', outsideList: rec('区城管委', '0101', '2026-11-25T00:00:00.000Z') },
        { code: 'E', outsideList: null },
        { code: 'F' }
      ],
      Date.parse('2026-11-23T00:00:00.000Z'),
      Date.parse('2026-11-24T00:00:00.000Z')
    )
    expect(lines).toEqual([
      { orderedBy: '区城管委', categoryCode: '0101', count: 2, codes: ['B', 'A'], reasons: { superior_order: 1, emergency: 1 } },
      { orderedBy: '街道办事处', categoryCode: '0704', count: 1, codes: ['C'], reasons: { superior_order: 1 } }
    ])
  })
})
