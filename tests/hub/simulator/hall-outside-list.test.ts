// Rev 1.6: the simulated hall gives a reason when it sends an outside-the-list matter to a grid worker
// (as a real seat must), none otherwise, and picks it from the case id (no rng draw is added).
import { describe, expect, it } from 'vitest'
import type { SuggestionUnit } from '../../../src-shared/domain'
import { outsideListReason } from '../../../src-hub/simulator/hall-policy'

const unit = (id: string, kind: SuggestionUnit['kind']): SuggestionUnit => ({
  id,
  kind,
  streetCode: '110101001',
  gridCodes: [],
  categories: [],
  location: null,
  status: 'available',
  openCount: 0
})
const world = {
  units: new Map([
    ['gw', unit('gw', 'grid_worker')],
    ['sd', unit('sd', 'street_dept')]
  ]),
  dutyList: [{ categoryCode: '0101', grid_worker: 'outside' as const, community: 'outside' as const, street_dept: 'duty' as const, district_dept: 'duty' as const }]
}

describe('outsideListReason', () => {
  it('gives a reason for an outside-the-list matter to a grid worker, the same one for the same case', () => {
    const a = outsideListReason({ id: 'inc-1', categoryCode: '0101' }, 'gw', world)
    expect(a).toMatchObject({ reasonCode: expect.any(String), orderedBy: expect.any(String), reason: expect.any(String) })
    expect(outsideListReason({ id: 'inc-1', categoryCode: '0101' }, 'gw', world)).toEqual(a)
  })
  it('gives none to a street department, within the list, or without a list (older reference)', () => {
    expect(outsideListReason({ id: 'inc-1', categoryCode: '0101' }, 'sd', world)).toBeNull()
    expect(outsideListReason({ id: 'inc-1', categoryCode: '0102' }, 'gw', world)).toBeNull()
    expect(outsideListReason({ id: 'inc-1', categoryCode: '0101' }, 'gw', { units: world.units })).toBeNull()
  })
})
