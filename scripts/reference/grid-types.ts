// Rev 1.6 reference data: the grid standards and the responsibility list (权责清单), read from the
// written data files in resources/reference, and each unit grid's type, households, population and
// area, generated deterministically for the Dongcheng demo (resources/reference/README.md says so).
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import {
  type Category,
  Duty,
  type DutyRow,
  GridStandard,
  GridType,
  type GridType as GridTypeName
} from '../../src-shared/protocol'

export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, '..', '..', 'resources', 'reference')

const KindDuties = z.object({ grid_worker: Duty, community: Duty, street_dept: Duty, district_dept: Duty })
const StandardsFile = z.object({
  standards: z.array(GridStandard.extend({ name: z.string().min(1) })).min(1)
})
const DutyListFile = z.object({
  majors: z.record(z.string().regex(/^\d{2}$/), KindDuties),
  exceptions: z.record(z.string().regex(/^\d{4}$/), KindDuties.partial())
})

function readData<T>(schema: z.ZodType<T>, file: string): T {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`)
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new Error(`${file} is invalid:\n${z.prettifyError(parsed.error)}`)
  return parsed.data
}

/** The standard per grid type; every type must have exactly one. */
export function loadStandards(dir = DEFAULT_DATA_DIR): GridStandard[] {
  const file = path.join(dir, 'grid-standards.json')
  const { standards } = readData(StandardsFile, file)
  for (const type of GridType.options) {
    const n = standards.filter((s) => s.gridType === type).length
    if (n !== 1) throw new Error(`${file}: grid type ${type} has ${n} standards, needs exactly 1`)
  }
  return GridType.options.map((type) => {
    const { gridType, patrolsPerDay, limitFactor, householdsPerWorker } = standards.find((s) => s.gridType === type) as GridStandard
    return { gridType, patrolsPerDay, limitFactor, householdsPerWorker }
  })
}

/** The responsibility list expanded to one row per category: the major's row, then the category's exceptions. */
export function loadDutyList(categories: readonly Category[], dir = DEFAULT_DATA_DIR): DutyRow[] {
  const file = path.join(dir, 'duty-list.json')
  const list = readData(DutyListFile, file)
  for (const code of Object.keys(list.exceptions)) {
    if (!categories.some((c) => c.code === code)) throw new Error(`${file}: exception for unknown category ${code}`)
  }
  return categories.map((c) => {
    const major = list.majors[c.major]
    if (!major) throw new Error(`${file}: no row for major ${c.major} (category ${c.code})`)
    return { categoryCode: c.code, ...major, ...list.exceptions[c.code] }
  })
}

/** A uniform number in [0, 1) from a key (SHA-256): the same grid always draws the same. */
function draw(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32
}

// Type weights per street, from what each Dongcheng sub-district is known for: the hutong
// quarters inside the old city (景山, 交道口, 东四, 东华门's north) are mostly 老旧小区 and 混合; 建国门,
// 朝阳门, 东直门 and 东华门 (王府井) carry the office towers; 和平里, 龙潭, 永定门外 the post-1980 compounds
// and work-unit (单位型) estates; 天坛, 龙潭, 景山 hold big parks (公共区域); 城中村 is rare in the
// core district and left to a few grids in the southern streets.
type Weights = Record<GridTypeName, number>
const BASE: Weights = { residential: 30, old_residential: 25, business: 10, urban_village: 1, work_unit: 12, public: 6, mixed: 18 }
const STREET_WEIGHTS: Record<string, Partial<Weights>> = {
  '110101001': { business: 30, old_residential: 25, public: 10 },
  '110101002': { old_residential: 50, public: 20, business: 2 },
  '110101003': { old_residential: 55, mixed: 25, business: 3 },
  '110101004': { old_residential: 40, residential: 25 },
  '110101005': { old_residential: 45, mixed: 25 },
  '110101006': { old_residential: 50, mixed: 25 },
  '110101007': { business: 30, mixed: 25 },
  '110101008': { business: 40, residential: 20 },
  '110101009': { business: 22, residential: 30 },
  '110101010': { residential: 45, work_unit: 25, old_residential: 15 },
  '110101011': { old_residential: 40, business: 15, public: 12 },
  '110101012': { residential: 35, business: 18 },
  '110101013': { residential: 40, old_residential: 20 },
  '110101014': { residential: 40, public: 14, work_unit: 18, urban_village: 3 },
  '110101015': { residential: 35, work_unit: 22, public: 10 },
  '110101016': { public: 30, old_residential: 25, residential: 20 },
  '110101017': { residential: 40, work_unit: 18, urban_village: 6 }
}

/** Households per hectare by type (the demo's densities), before a ±35% per-grid spread; the totals land near Dongcheng's ~300,000 households and
// ~700,000 residents. */
const HOUSEHOLDS_PER_HA: Record<GridTypeName, number> = {
  residential: 105,
  old_residential: 100,
  business: 8,
  urban_village: 120,
  work_unit: 60,
  public: 2,
  mixed: 68
}
/** People per household by type (floating population in urban villages, singles in business towers). */
const PEOPLE_PER_HOUSEHOLD: Record<GridTypeName, number> = {
  residential: 2.5,
  old_residential: 2.3,
  business: 1.6,
  urban_village: 3.1,
  work_unit: 2.6,
  public: 2,
  mixed: 2.4
}

export interface GridAttributes {
  gridType: GridTypeName
  households: number
  population: number
  areaM2: number
}

/** A grid's type and figures from its code, street and area alone (deterministic). */
export function gridAttributes(code: string, streetCode: string, areaM2: number): GridAttributes {
  const weights: Weights = { ...BASE, ...STREET_WEIGHTS[streetCode] }
  const total = GridType.options.reduce((sum, t) => sum + weights[t], 0)
  // Neighbours look alike: two grids in three take their community's draw, the rest their own.
  const communityCode = code.slice(0, 12)
  const key = draw(`own:${code}`) < 2 / 3 ? `type:${communityCode}` : `type:${code}`
  let pick = draw(key) * total
  let gridType: GridTypeName = 'mixed'
  for (const t of GridType.options) {
    pick -= weights[t]
    if (pick < 0) {
      gridType = t
      break
    }
  }
  const spread = 0.65 + 0.7 * draw(`hh:${code}`)
  const households = Math.round((areaM2 / 10_000) * HOUSEHOLDS_PER_HA[gridType] * spread)
  const population = Math.round(households * PEOPLE_PER_HOUSEHOLD[gridType] * (0.9 + 0.2 * draw(`pop:${code}`)))
  return { gridType, households, population, areaM2: Math.round(areaM2) }
}
