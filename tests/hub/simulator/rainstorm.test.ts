// The rainstorm: a surge of flooding and other emergencies, concentrated within ~800 m.
import { describe, expect, it } from 'vitest'
import { distanceMeters } from '../../../src-shared/geo'
import { atLocalTime } from '../../../src-hub/simulator/curve'
import { createGenerator } from '../../../src-hub/simulator/generate'
import { buildFixtureReference } from './fixtures/reference'

// Two streets of 40 × 30 grids (~4.7 × 3 km each), so 800 m is a small part of the map.
const BIG = buildFixtureReference(40, 30)
const FROM = atLocalTime(Date.UTC(2026, 6, 20, 9, 0), 17, 0, 480)

describe('rainstorm scenario', () => {
  it('puts every surge report inside its area and most emergencies there', () => {
    const generator = createGenerator(17, 'rainstorm', BIG, { rate: 0.5 })
    const area = generator.surge!
    expect(area.radiusM).toBe(800)
    expect(area.places.length).toBeGreaterThan(50)
    expect(area.places.length / BIG.grids.features.length).toBeLessThan(0.15)
    const list = [...generator.reports(FROM, 3_600_000)]
    const surge = list.filter((r) => r.surge)
    expect(surge.length).toBeGreaterThan(1500)
    const inArea = new Set(area.places.map((p) => p.gridCode))
    for (const r of surge) {
      expect(inArea.has(r.draft.gridCode!)).toBe(true)
      // A grid's centroid is within the radius; its points at most a half-diagonal (~71 m) more.
      expect(distanceMeters(area.center, r.draft.location)).toBeLessThan(800 + 75)
      expect(r.draft.urgency).toBe('urgent')
    }
    const emergencies = list.filter((r) => r.draft.categoryCode.startsWith('04'))
    const inside = emergencies.filter((r) => inArea.has(r.draft.gridCode!))
    expect(inside.length / emergencies.length).toBeGreaterThan(0.95)
    // The background stays spread over the whole map.
    const background = list.filter((r) => !r.surge)
    expect(background.filter((r) => inArea.has(r.draft.gridCode!)).length / background.length).toBeLessThan(0.25)
  })

  it('is mostly 0406 flooding, with road collapses and burst mains', () => {
    const list = [...createGenerator(18, 'rainstorm', BIG, { rate: 0.5 }).reports(FROM, 3_600_000)].filter((r) => r.surge)
    const share = (code: string) => list.filter((r) => r.draft.categoryCode === code).length / list.length
    expect(share('0406')).toBeGreaterThan(0.64)
    expect(share('0406')).toBeLessThan(0.76)
    expect(share('0401')).toBeGreaterThan(0.1)
    expect(share('0402')).toBeGreaterThan(0.1)
    expect(share('0401') + share('0402') + share('0406')).toBe(1)
  })

  it('chooses a different area for another seed', () => {
    const a = createGenerator(1, 'rainstorm', BIG).surge!.center
    const b = createGenerator(2, 'rainstorm', BIG).surge!.center
    expect(a).not.toEqual(b)
  })
})
