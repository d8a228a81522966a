// The pure generator: deterministic for a seed, every draft valid and inside its grid.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pointInArea } from '../../../src-shared/geo'
import { ReferenceData, ReportDraft } from '../../../src-shared/protocol'
import { generateReports } from '../../../src-hub/simulator/generate'
import { SCENARIO_NAMES } from '../../../src-hub/simulator/scenarios'
import { RESOURCES_REFERENCE_PATH } from '../../helpers/start-hub'
import { FIXTURE_REFERENCE, FIXTURE_UNITS } from './fixtures/reference'

const TEN_AM = Date.UTC(2026, 2, 10, 2, 0) // Tuesday 10:00 in Beijing
const HOUR = 3_600_000

function gridsOf(reference: ReferenceData) {
  return new Map(reference.grids.features.map((f) => [f.properties.code, f]))
}

describe('generateReports', () => {
  it('gives the identical list for the same seed and a different one for another seed', () => {
    const a = generateReports(1, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.1 })
    const b = generateReports(1, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.1 })
    const c = generateReports(2, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.1 })
    expect(a.length).toBeGreaterThan(500)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a))
    // Not just shifted times: the contents differ too.
    expect(c.slice(0, 20).map((r) => r.draft.title)).not.toEqual(a.slice(0, 20).map((r) => r.draft.title))
  })

  it('does not depend on the order of grids in the reference', () => {
    const reversed = ReferenceData.parse({
      ...FIXTURE_REFERENCE,
      grids: { ...FIXTURE_REFERENCE.grids, features: [...FIXTURE_REFERENCE.grids.features].reverse() }
    })
    const a = generateReports(5, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR / 4, { rate: 0.1 })
    const b = generateReports(5, 'normal', reversed, TEN_AM, HOUR / 4, { rate: 0.1 })
    expect(b).toEqual(a)
  })

  it('keeps reports in time order inside the window', () => {
    for (const scenario of SCENARIO_NAMES) {
      const list = generateReports(3, scenario, FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.2 })
      expect(list.length).toBeGreaterThan(0)
      for (let i = 0; i < list.length; i++) {
        const r = list[i]!
        expect(r.at).toBeGreaterThanOrEqual(TEN_AM)
        expect(r.at).toBeLessThan(TEN_AM + HOUR)
        if (i > 0) expect(r.at).toBeGreaterThanOrEqual(list[i - 1]!.at)
      }
    }
  })

  it('makes drafts that parse as ReportDraft and lie inside their grid, for every scenario', () => {
    const grids = gridsOf(FIXTURE_REFERENCE)
    for (const scenario of SCENARIO_NAMES) {
      const list = generateReports(11, scenario, FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.5, units: FIXTURE_UNITS })
      for (const { draft } of list) {
        const parsed = ReportDraft.safeParse(draft)
        if (!parsed.success) throw new Error(`${scenario}: ${parsed.error.message}\n${JSON.stringify(draft)}`)
        const grid = grids.get(draft.gridCode!)
        expect(grid, draft.gridCode).toBeDefined()
        expect(pointInArea(draft.location, grid!.geometry)).toBe(true)
        expect(draft.title.length).toBeGreaterThan(0)
        expect(draft.address).toMatch(/号/)
      }
    }
  })

  it('names the grid worker as reporter of patrol reports, with a masked phone', () => {
    const list = generateReports(4, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.2, units: FIXTURE_UNITS })
    const patrol = list.filter((r) => r.draft.source === 'grid_worker')
    expect(patrol.length).toBeGreaterThan(100)
    const grids = gridsOf(FIXTURE_REFERENCE)
    for (const { draft } of patrol) {
      expect(draft.reporter?.id).toBe(grids.get(draft.gridCode!)!.properties.workerUnitId)
      expect(draft.reporter?.name).toBe(`网格员${draft.gridCode!.slice(-3)}`)
      expect(draft.reporter?.phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    }
  })

  it('leaves the background untouched by the rainstorm surge (separate random streams)', () => {
    const normal = generateReports(8, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.1 })
    const storm = generateReports(8, 'rainstorm', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0.1 })
    expect(storm.filter((r) => !r.surge)).toEqual(normal)
    expect(storm.some((r) => r.surge)).toBe(true)
  })

  it('refuses bad inputs with clear errors', () => {
    expect(() => generateReports(1, 'normal', FIXTURE_REFERENCE, TEN_AM, HOUR, { rate: 0 })).toThrow(/rate/)
    expect(() => generateReports(1, 'normal', FIXTURE_REFERENCE, TEN_AM, -1)).toThrow(/bad window/)
    // @ts-expect-error: an unknown scenario name from an untyped caller
    expect(() => generateReports(1, 'hurricane', FIXTURE_REFERENCE, TEN_AM, HOUR)).toThrow(/unknown scenario/)
    const noGrids = { ...FIXTURE_REFERENCE, grids: { type: 'FeatureCollection' as const, features: [] } }
    expect(() => generateReports(1, 'normal', noGrids, TEN_AM, HOUR)).toThrow(/no grids/)
    const noCategories = { ...FIXTURE_REFERENCE, categories: [] }
    expect(() => generateReports(1, 'normal', noCategories, TEN_AM, HOUR)).toThrow(/no categories/)
    const no04 = { ...FIXTURE_REFERENCE, categories: FIXTURE_REFERENCE.categories.filter((c) => c.major !== '04') }
    expect(() => generateReports(1, 'rainstorm', no04, TEN_AM, HOUR)).toThrow(/major 04/)
  })

  it.runIf(existsSync(RESOURCES_REFERENCE_PATH))('works on the project demo reference (Dongcheng, ~4,400 grids)', () => {
    const reference = ReferenceData.parse(JSON.parse(readFileSync(RESOURCES_REFERENCE_PATH, 'utf8')))
    const grids = gridsOf(reference)
    const list = generateReports(1, 'rainstorm', reference, TEN_AM, HOUR, { rate: 0.5 })
    expect(list.length).toBeGreaterThan(2000)
    for (const { draft } of list) {
      expect(ReportDraft.safeParse(draft).success).toBe(true)
      expect(pointInArea(draft.location, grids.get(draft.gridCode!)!.geometry)).toBe(true)
    }
  })
})
