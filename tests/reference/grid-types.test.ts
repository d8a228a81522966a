// Rev 1.6 reference data: every grid has a type and plausible figures, every type one standard, every
// category one row of the 权责清单; bad written data files are refused with a message naming the file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GridType, ReferenceData } from '../../src-shared/protocol'
import { DEFAULT_DATA_DIR, gridAttributes, loadDutyList, loadStandards } from '../../scripts/reference/grid-types'
import { readReferenceText } from './load'

const reference = ReferenceData.parse(JSON.parse(readReferenceText().referenceJson))

describe('the committed reference (rev 1.6)', () => {
  it('gives every grid a type, households, population and area; totals near Dongcheng', () => {
    let households = 0
    let population = 0
    for (const { properties: p } of reference.grids.features) {
      expect(p.gridType).toBeDefined()
      expect(p.areaM2).toBeGreaterThanOrEqual(0)
      households += p.households ?? 0
      population += p.population ?? 0
    }
    // The lattice leaves one degenerate sliver (area rounds to 0 m², so 0 households); no more.
    expect(reference.grids.features.filter((f) => (f.properties.areaM2 ?? 0) < 1).length).toBeLessThanOrEqual(1)
    expect(households).toBeGreaterThan(200_000)
    expect(households).toBeLessThan(400_000)
    expect(population).toBeGreaterThan(500_000)
    expect(population).toBeLessThan(1_000_000)
    // Every type occurs; urban villages stay rare in the core district.
    const count = (t: string) => reference.grids.features.filter((f) => f.properties.gridType === t).length
    for (const t of GridType.options) expect(count(t)).toBeGreaterThan(0)
    expect(count('urban_village')).toBeLessThan(reference.grids.features.length * 0.05)
  })
  it('has one standard per type and one list row per category', () => {
    expect(reference.gridStandards?.map((s) => s.gridType).sort()).toEqual([...GridType.options].sort())
    expect(reference.dutyList?.map((r) => r.categoryCode)).toEqual(reference.categories.map((c) => c.code))
  })
  it('draws a grid the same way every time', () => {
    expect(gridAttributes('110101006001007', '110101006', 9000)).toEqual(gridAttributes('110101006001007', '110101006', 9000))
  })
})

describe('the written data files', () => {
  function dirWith(name: string, content: unknown): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-ref-data-'))
    for (const f of ['grid-standards.json', 'duty-list.json']) fs.copyFileSync(path.join(DEFAULT_DATA_DIR, f), path.join(dir, f))
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content))
    return dir
  }
  it('refuses a standards file missing a type, or with a factor out of range', () => {
    const standards = JSON.parse(fs.readFileSync(path.join(DEFAULT_DATA_DIR, 'grid-standards.json'), 'utf8'))
    const missing = { standards: standards.standards.filter((s: { gridType: string }) => s.gridType !== 'public') }
    expect(() => loadStandards(dirWith('grid-standards.json', missing))).toThrow(/grid-standards\.json: grid type public has 0 standards/)
    const wild = { standards: standards.standards.map((s: object) => ({ ...s, limitFactor: 9 })) }
    expect(() => loadStandards(dirWith('grid-standards.json', wild))).toThrow(/grid-standards\.json is invalid/)
    expect(() => loadStandards(dirWith('grid-standards.json', '{'))).toThrow(/cannot read .*grid-standards\.json/)
  })
  it('refuses a list with an unknown verdict, a missing major, or an exception for an unknown category', () => {
    const list = JSON.parse(fs.readFileSync(path.join(DEFAULT_DATA_DIR, 'duty-list.json'), 'utf8'))
    const bad = { ...list, majors: { ...list.majors, '01': { ...list.majors['01'], grid_worker: 'maybe' } } }
    expect(() => loadDutyList(reference.categories, dirWith('duty-list.json', bad))).toThrow(/duty-list\.json is invalid/)
    const { '08': _gone, ...majors } = list.majors
    expect(() => loadDutyList(reference.categories, dirWith('duty-list.json', { ...list, majors }))).toThrow(/no row for major 08/)
    const unknown = { ...list, exceptions: { ...list.exceptions, '0999': { grid_worker: 'duty' } } }
    expect(() => loadDutyList(reference.categories, dirWith('duty-list.json', unknown))).toThrow(/unknown category 0999/)
  })
})
