// Counts, codes and cross-references of the committed reference data and unit seeds.
import { describe, expect, it } from 'vitest'
import { communityUnitId } from '../../src-shared/reference'
import { loadReference } from './load'

const { reference, units } = loadReference()
const unitIds = new Set(units.map((u) => u.id))

describe('streets and communities', () => {
  it('has the 17 sub-districts with 9-digit codes, Chinese names and pinyin names', () => {
    expect(reference.streets).toHaveLength(17)
    const dhm = reference.streets.find((s) => s.code === '110101001')
    expect(dhm?.name).toBe('东华门街道')
    expect(dhm?.nameEn).toBe('Donghuamen')
    for (const s of reference.streets) {
      expect(s.name).toMatch(/街道$/)
      expect(s.nameEn).toMatch(/^[A-Z][a-z]+$/)
    }
  })

  it('has 6–12 synthetic communities per street, coded street + 001…', () => {
    for (const s of reference.streets) {
      const mine = reference.communities.filter((c) => c.streetCode === s.code)
      expect(mine.length).toBeGreaterThanOrEqual(6)
      expect(mine.length).toBeLessThanOrEqual(12)
      expect(mine.map((c) => c.code)).toEqual(mine.map((_, i) => s.code + String(i + 1).padStart(3, '0')))
      for (const c of mine) {
        expect(c.synthetic).toBe(true)
        expect(c.name.startsWith(s.name.replace(/街道$/, ''))).toBe(true)
      }
    }
    expect(new Set(reference.communities.map((c) => c.name)).size).toBe(reference.communities.length)
  })

  it('gives bigger streets more communities', () => {
    const count = (code: string): number => reference.communities.filter((c) => c.streetCode === code).length
    // 东华门 (5.4 km²) against 前门 (1.1 km²).
    expect(count('110101001')).toBeGreaterThan(count('110101011'))
  })
})

describe('grids', () => {
  const grids = reference.grids.features

  it('number about 4,000 (±25%)', () => {
    expect(grids.length).toBeGreaterThan(3000)
    expect(grids.length).toBeLessThan(5000)
  })

  it('have unique 15-digit codes nested in their community and street', () => {
    const codes = new Set<string>()
    const communityCodes = new Set(reference.communities.map((c) => c.code))
    for (const g of grids) {
      const p = g.properties
      expect(p.code).toMatch(/^\d{15}$/)
      expect(codes.has(p.code)).toBe(false)
      codes.add(p.code)
      expect(p.code.startsWith(p.communityCode)).toBe(true)
      expect(p.communityCode.startsWith(p.streetCode)).toBe(true)
      expect(communityCodes.has(p.communityCode)).toBe(true)
    }
  })

  it('are numbered 001… without gaps inside each community', () => {
    const byCommunity = new Map<string, string[]>()
    for (const g of grids) byCommunity.set(g.properties.communityCode, [...(byCommunity.get(g.properties.communityCode) ?? []), g.properties.code])
    for (const [community, codes] of byCommunity) {
      expect(codes.sort()).toEqual(codes.map((_, i) => community + String(i + 1).padStart(3, '0')))
    }
    expect(byCommunity.size).toBe(reference.communities.length)
  })

  it('each have an existing grid worker whose beat lists them, of 4–8 grids', () => {
    const byId = new Map(units.map((u) => [u.id, u]))
    for (const g of grids) {
      const w = byId.get(g.properties.workerUnitId ?? '')
      expect(w?.kind).toBe('grid_worker')
      expect(w?.gridCodes).toContain(g.properties.code)
      expect(w?.streetCode).toBe(g.properties.streetCode)
    }
    for (const u of units.filter((x) => x.kind === 'grid_worker')) {
      expect(u.gridCodes.length).toBeGreaterThanOrEqual(4)
      expect(u.gridCodes.length).toBeLessThanOrEqual(8)
      expect(u.location).not.toBeNull()
    }
  })
})

describe('categories', () => {
  const cats = reference.categories

  it('cover every event and part major with at least 40 minors', () => {
    expect(cats.length).toBeGreaterThanOrEqual(40)
    const majors = new Set(cats.map((c) => c.major))
    for (const m of ['01', '02', '03', '04', '05', '06', '07', '08']) expect(majors.has(m)).toBe(true)
    for (const m of ['11', '12', '13', '14']) {
      expect(majors.has(m)).toBe(true)
      expect(cats.filter((c) => c.major === m).every((c) => c.kind === 'part')).toBe(true)
    }
    expect(new Set(cats.map((c) => c.code)).size).toBe(cats.length)
    for (const c of cats) expect(c.code.startsWith(c.major)).toBe(true)
  })

  it('keep the time limits of the domain table', () => {
    const limit = (code: string): unknown => cats.find((c) => c.code === code)?.limit
    const table: Array<[string, number, string]> = [
      ['0101', 4, 'working_hours'],
      ['0102', 4, 'working_hours'],
      ['0103', 1, 'working_days'],
      ['0104', 2, 'working_hours'],
      ['0106', 5, 'working_days'],
      ['0201', 1, 'working_days'],
      ['0301', 4, 'working_hours'],
      ['0302', 4, 'working_hours'],
      ['0401', 60, 'minutes'],
      ['0402', 60, 'minutes'],
      ['0403', 30, 'minutes'],
      ['0406', 120, 'minutes'],
      ['0501', 4, 'working_hours'],
      ['0505', 2, 'working_hours'],
      ['0601', 3, 'working_days'],
      ['0701', 2, 'working_hours']
    ]
    for (const [code, value, unit] of table) expect(limit(code), code).toEqual({ value, unit })
  })

  it('make every 04 emergency urgent with a limit in minutes, and nothing else urgent', () => {
    for (const c of cats) {
      expect(c.defaultUrgency === 'urgent', c.code).toBe(c.major === '04')
      if (c.major === '04') expect(c.limit.unit).toBe('minutes')
    }
  })
})

describe('responsibilities', () => {
  it('resolve every category for every street to existing units', () => {
    for (const c of reference.categories)
      for (const s of reference.streets) {
        const row =
          reference.responsibilities.find((r) => r.categoryCode === c.code && r.streetCode === s.code) ??
          reference.responsibilities.find((r) => r.categoryCode === c.code && r.streetCode === '*')
        expect(row, `${c.code} in ${s.code}`).toBeDefined()
        for (const id of row?.unitIds ?? []) expect(unitIds.has(id), id).toBe(true)
      }
  })

  it('name street units of the row’s own street only', () => {
    for (const r of reference.responsibilities)
      for (const id of r.unitIds) {
        const unit = units.find((u) => u.id === id)
        if (r.streetCode === '*') expect(unit?.streetCode).toBeNull()
        else expect(unit?.streetCode === null || unit?.streetCode === r.streetCode).toBe(true)
      }
  })

  it('follow the domain examples', () => {
    const ids = (cat: string, street: string): string[] =>
      (
        reference.responsibilities.find((r) => r.categoryCode === cat && r.streetCode === street) ??
        reference.responsibilities.find((r) => r.categoryCode === cat && r.streetCode === '*')
      )?.unitIds ?? []
    const name = (id: string | undefined): string => units.find((u) => u.id === id)?.name ?? ''
    expect(name(ids('0102', '110101001')[0])).toBe('东华门街道环卫所')
    expect(name(ids('0501', '110101002')[0])).toBe('景山街道城管执法中队')
    expect(ids('0403', '110101003').slice(0, 2).map(name)).toEqual(['北京燃气集团东城分公司', '东城区消防救援支队'])
    expect(name(ids('0601', '110101004')[0])).toBe('安定门街道司法所')
  })
})

describe('units', () => {
  it('have unique ids of at most 64 chars', () => {
    expect(unitIds.size).toBe(units.length)
    for (const u of units) expect(u.id.length).toBeLessThanOrEqual(64)
  })

  it('include a committee per community, covering its grids', () => {
    for (const c of reference.communities) {
      const cc = units.find((u) => u.id === communityUnitId(c.code))
      expect(cc?.kind).toBe('community')
      expect(cc?.name).toBe(`${c.name}居委会`)
      const grids = reference.grids.features.filter((g) => g.properties.communityCode === c.code).map((g) => g.properties.code)
      expect(cc?.gridCodes).toEqual(grids)
    }
  })

  it('include the street departments of every street and the district departments', () => {
    for (const s of reference.streets) {
      for (const dept of ['office', 'enforcement', 'sanitation', 'judicial', 'safety'])
        expect(unitIds.has(`u-sd-${s.code}-${dept}`)).toBe(true)
    }
    const district = units.filter((u) => u.kind === 'district_dept')
    for (const dept of ['market', 'police', 'fire', 'housing', 'environment', 'health', 'gas', 'water', 'drainage', 'traffic'])
      expect(district.some((u) => u.id === `u-dd-${dept}`)).toBe(true)
    for (const u of district) expect(u.streetCode).toBeNull()
  })

  it('reference only grid codes and categories that exist', () => {
    const gridCodes = new Set(reference.grids.features.map((g) => g.properties.code))
    const catCodes = new Set(reference.categories.flatMap((c) => [c.code, c.major]))
    for (const u of units) {
      for (const g of u.gridCodes) expect(gridCodes.has(g)).toBe(true)
      for (const c of u.categories) expect(catCodes.has(c), `${u.id} ${c}`).toBe(true)
    }
  })
})
