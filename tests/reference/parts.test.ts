// The builder's parts on small inputs: limits, calendar, names, ids, sliver merging, adjacency,
// community partition and grid-worker beats.
import { describe, expect, it } from 'vitest'
import { communityUnitId, districtDeptUnitId, gridWorkerUnitId, streetDeptUnitId } from '../../src-shared/reference'
import { areaM2 } from '../../src-shared/geo'
import { buildCalendar, isoWeekday } from '../../scripts/reference/calendar'
import { buildCategories, parseLimit } from '../../scripts/reference/categories'
import { adjacency, communityCount, partitionStreet } from '../../scripts/reference/communities'
import { roundRing } from '../../scripts/reference/geometry'
import { cutStreet, makeLattice } from '../../scripts/reference/lattice'
import { communityName, nameGenerator } from '../../scripts/reference/names'
import { buildResponsibilities } from '../../scripts/reference/responsibilities'
import { SLIVER_M2, mergeSlivers } from '../../scripts/reference/slivers'
import { englishName } from '../../scripts/reference/source'
import { beats } from '../../scripts/reference/workers'
import type { AreaGeometry } from '../../src-shared/protocol'

describe('time limits', () => {
  it('parse wh, wd and minutes and refuse anything else', () => {
    expect(parseLimit('4wh')).toEqual({ value: 4, unit: 'working_hours' })
    expect(parseLimit('20wd')).toEqual({ value: 20, unit: 'working_days' })
    expect(parseLimit('30m')).toEqual({ value: 30, unit: 'minutes' })
    expect(() => parseLimit('4 h')).toThrow(/bad time limit/)
    expect(() => parseLimit('')).toThrow(/bad time limit/)
  })
})

describe('calendar', () => {
  const cal = buildCalendar()

  it('lists only weekday holidays and only weekend make-up days, all in 2026', () => {
    for (const d of cal.holidays) expect(cal.workdays).toContain(isoWeekday(d))
    for (const d of cal.extraWorkdays) expect([6, 7]).toContain(isoWeekday(d))
    for (const d of [...cal.holidays, ...cal.extraWorkdays]) expect(d.startsWith('2026-')).toBe(true)
    expect(cal.holidays).toContain('2026-01-01')
    expect(cal.holidays).toContain('2026-10-01')
    expect(cal.holidays).not.toContain('2026-10-03') // a Saturday
    expect(cal.holidays.length).toBeGreaterThanOrEqual(13)
  })

  it('is UTC+8 with a morning and an afternoon period', () => {
    expect(cal.utcOffsetMinutes).toBe(480)
    expect(cal.periods).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' }
    ])
    expect(isoWeekday('2026-01-05')).toBe(1)
    expect(isoWeekday('2026-01-04')).toBe(7)
  })
})

describe('names and ids', () => {
  it('generate distinct person names deterministically', () => {
    const a = nameGenerator(7)
    const b = nameGenerator(7)
    const names = Array.from({ length: 500 }, () => a())
    expect(new Set(names).size).toBe(500)
    expect(Array.from({ length: 500 }, () => b())).toEqual(names)
    for (const n of names) expect(n).toMatch(/^\p{Script=Han}{2,3}$/u)
  })

  it('name communities after the street, and refuse out-of-range numbers', () => {
    expect(communityName('东华门街道', 3)).toBe('东华门第三社区')
    expect(communityName('东华门街道', 12)).toBe('东华门第十二社区')
    expect(() => communityName('东华门街道', 0)).toThrow()
    expect(() => communityName('东华门街道', 99)).toThrow()
  })

  it('english names drop the 街道 suffix', () => {
    expect(englishName('donghuamenjiedao')).toBe('Donghuamen')
    expect(englishName('chongwenmenwaijiedao')).toBe('Chongwenmenwai')
  })

  it('unit ids follow the documented scheme and validate their codes', () => {
    expect(gridWorkerUnitId('110101001001', 1)).toBe('u-gw-110101001001-01')
    expect(communityUnitId('110101001001')).toBe('u-cc-110101001001')
    expect(streetDeptUnitId('110101001', 'sanitation')).toBe('u-sd-110101001-sanitation')
    expect(districtDeptUnitId('fire')).toBe('u-dd-fire')
    expect(() => gridWorkerUnitId('110101001001', 100)).toThrow()
    expect(() => gridWorkerUnitId('1101010010', 1)).toThrow()
    expect(() => communityUnitId('abc')).toThrow()
    expect(() => streetDeptUnitId('11010100', 'office')).toThrow()
  })
})

describe('responsibilities', () => {
  it('refuse a category without a row', () => {
    const cats = buildCategories()
    const extra = { ...cats[0], code: '0199' } as (typeof cats)[number]
    expect(() => buildResponsibilities([...cats, extra], ['110101001'])).toThrow(/no responsibility for category 0199/)
  })

  it('emit street rows per street and district-only rows once with *', () => {
    const rows = buildResponsibilities(buildCategories(), ['110101001', '110101002'])
    expect(rows.filter((r) => r.categoryCode === '0102').map((r) => r.streetCode)).toEqual(['110101001', '110101002'])
    expect(rows.filter((r) => r.categoryCode === '1201').map((r) => r.streetCode)).toEqual(['*'])
  })
})

describe('geometry rounding', () => {
  it('drops repeated points, closes the ring, and rejects collapsed rings', () => {
    expect(roundRing([[0, 0], [0.0000001, 0], [1, 0], [1, 1], [0, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
    expect(roundRing([[0, 0], [0.0000001, 0.0000001], [0.0000002, 0], [0, 0]])).toBeNull()
    expect(roundRing([[0, 0], [1, 0], [2, 0], [0, 0]])).toBeNull()
  })
})

describe('cutting, slivers and communities on a synthetic street', () => {
  // An L-shaped "street" about 1.2 km × 1.2 km, with an off-lattice edge so slivers appear.
  const street: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [116.40005, 39.90003],
        [116.41403, 39.90003],
        [116.41403, 39.90541],
        [116.40705, 39.90541],
        [116.40705, 39.91083],
        [116.40005, 39.91083],
        [116.40005, 39.90003]
      ]
    ]
  }
  const lattice = makeLattice([116.4, 39.9, 116.415, 39.911])
  const pieces = cutStreet(lattice, '110101001', street)
  const grids = mergeSlivers(pieces)

  it('cuts into pieces that add up to the street, then merges slivers without losing area', () => {
    const total = areaM2(street)
    const sum = (xs: Array<{ areaM2: number }>): number => xs.reduce((s, x) => s + x.areaM2, 0)
    expect(Math.abs(sum(pieces) - total) / total).toBeLessThan(1e-4)
    expect(Math.abs(sum(grids) - total) / total).toBeLessThan(1e-4)
    expect(pieces.some((p) => p.areaM2 < SLIVER_M2)).toBe(true)
    expect(grids.filter((g) => g.areaM2 < SLIVER_M2)).toHaveLength(0)
    expect(grids.length).toBeLessThan(pieces.length)
    for (const g of grids) expect(Math.abs(areaM2({ type: 'Polygon', coordinates: g.polygon }) - g.areaM2)).toBeLessThan(1)
  })

  it('finds edge neighbours but not corner-only ones', () => {
    const adj = adjacency(grids)
    const at = (row: number, col: number): number => grids.findIndex((g) => g.row === row && g.col === col)
    const interior = grids.find((g) => grids.filter((h) => Math.abs(h.row - g.row) + Math.abs(h.col - g.col) === 1).length === 4)
    expect(interior).toBeDefined()
    const i = grids.indexOf(interior as (typeof grids)[number])
    const { row, col } = interior as (typeof grids)[number]
    expect(adj[i]).toEqual([at(row - 1, col), at(row, col - 1), at(row, col + 1), at(row + 1, col)].sort((a, b) => a - b))
    expect(adj[i]).not.toContain(at(row + 1, col + 1))
  })

  it('partitions into contiguous communities deterministically', () => {
    const a = partitionStreet(grids, 9e6)
    expect(partitionStreet(grids, 9e6)).toEqual(a)
    const k = Math.max(...a) + 1
    expect(k).toBe(communityCount(9e6))
    const adj = adjacency(grids)
    for (let c = 0; c < k; c++) {
      const members = a.flatMap((x, i) => (x === c ? [i] : []))
      const seen = new Set([members[0] as number])
      const stack = [members[0] as number]
      while (stack.length > 0)
        for (const j of adj[stack.pop() as number] ?? [])
          if (a[j] === c && !seen.has(j)) {
            seen.add(j)
            stack.push(j)
          }
      expect(seen.size, `community ${c}`).toBe(members.length)
    }
  })
})

describe('grid-worker beats', () => {
  it('walk rows in serpentine order and cut them into balanced runs', () => {
    const grids = Array.from({ length: 14 }, (_, i) => ({ row: Math.floor(i / 5), col: i % 5, lng: i % 5 }))
    const b = beats(grids)
    expect(b.map((x) => x.length)).toEqual([7, 7])
    expect(b.flat()).toEqual([0, 1, 2, 3, 4, 9, 8, 7, 6, 5, 10, 11, 12, 13])
    expect(beats(grids.slice(0, 3))).toEqual([[0, 1, 2]])
  })
})
