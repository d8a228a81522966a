// Category and source mixes over a large sample match domain.md §7 within sampling tolerance.
import { describe, expect, it } from 'vitest'
import { type Category } from '../../../src-shared/protocol'
import { generateReports } from '../../../src-hub/simulator/generate'
import { buildCategoryMix, groupOf, MAJOR_SHARES, PART_SHARE } from '../../../src-hub/simulator/mix'
import { FIXTURE_CATEGORIES, FIXTURE_REFERENCE } from './fixtures/reference'

const TEN_AM = Date.UTC(2026, 2, 10, 2, 0)

/** |observed − expected| within 4.5 standard errors of a binomial share (plus a hair for rounding). */
function expectShare(count: number, n: number, p: number, label: string): void {
  const tolerance = 4.5 * Math.sqrt((p * (1 - p)) / n) + 0.002
  expect(Math.abs(count / n - p), `${label}: ${count}/${n} vs ${p}`).toBeLessThan(tolerance)
}

describe('category mix', () => {
  it('has the published major shares when every major is present', () => {
    const { groupShares } = buildCategoryMix(FIXTURE_CATEGORIES)
    for (const [major, share] of Object.entries(MAJOR_SHARES)) expect(groupShares[major]).toBeCloseTo(share, 10)
    expect(groupShares.part).toBeCloseTo(PART_SHARE, 10)
  })

  it('renormalises over the majors a reference actually has', () => {
    const only: Category[] = FIXTURE_CATEGORIES.filter((c) => c.major === '05' || c.major === '02')
    const { groupShares } = buildCategoryMix(only)
    expect(Object.keys(groupShares).sort()).toEqual(['02', '05'])
    expect(groupShares['05']).toBeCloseTo(0.56 / 0.82, 10)
  })

  it('reproduces the targets in generated reports (street order ≈ 56%, advertising ≈ 26%, …)', () => {
    const list = generateReports(21, 'normal', FIXTURE_REFERENCE, TEN_AM, 3_600_000, { rate: 2 })
    const n = list.length
    expect(n).toBeGreaterThan(15_000)
    const byCode = new Map(FIXTURE_CATEGORIES.map((c) => [c.code, c]))
    const counts: Record<string, number> = {}
    const sources: Record<string, number> = {}
    for (const { draft } of list) {
      const g = groupOf(byCode.get(draft.categoryCode)!)
      counts[g] = (counts[g] ?? 0) + 1
      sources[draft.source] = (sources[draft.source] ?? 0) + 1
    }
    // Targets straight from domain.md §7 (Jiangmen, July 2024; parts from Tianmen).
    const targets: Record<string, number> = { '05': 0.56, '02': 0.26, '01': 0.1, '04': 0.007, part: 0.025 }
    for (const [group, share] of Object.entries(targets)) expectShare(counts[group] ?? 0, n, share, `group ${group}`)
    const social = (counts['06'] ?? 0) + (counts['07'] ?? 0) + (counts['08'] ?? 0)
    expect(social / n).toBeGreaterThan(0.02)
    expect(social / n).toBeLessThan(0.06)
    expect((counts['03'] ?? 0) / n).toBeLessThan(0.01)
    expectShare(sources.grid_worker ?? 0, n, 0.86, 'patrol')
    expectShare(sources.hotline ?? 0, n, 0.05, 'hotline')
    // Urgency mostly follows the category default, with a few bumps.
    const urgent = list.filter((r) => r.draft.urgency === 'urgent').length
    expect(urgent / n).toBeGreaterThan(0.02)
    expect(urgent / n).toBeLessThan(0.06)
  })

  it('makes a quiet night mostly street order and noise', () => {
    const list = generateReports(22, 'quiet-night', FIXTURE_REFERENCE, TEN_AM - 9 * 3_600_000, 6 * 3_600_000, { rate: 2 })
    const streetOrderOrNoise = list.filter((r) => r.draft.categoryCode.startsWith('05') || r.draft.categoryCode === '0301')
    expect(streetOrderOrNoise.length / list.length).toBeGreaterThan(0.75)
    expect(list.filter((r) => r.draft.categoryCode.startsWith('02')).length / list.length).toBeLessThan(0.1)
  })
})
