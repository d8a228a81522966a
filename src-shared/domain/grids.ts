// Grids that fit the place (protocol rev 1.6): each unit grid's type sets its standard (设置网格标准) —
// how often it is patrolled, how its cases' time limits scale, and how many households one grid worker
// should cover. The rules live here once; the hub, the console's report and the views ask them.
import type { Calendar, Category, GridProperties, GridStandard, GridType, Incident, ReferenceData, TimeLimit, Unit, Urgency } from '../protocol'
import { isOpenStatus } from '../protocol'
import { computeDeadline } from './deadlines'
import { dutyLookup, type DutyLookup } from './responsibility'

/** Every grid type, in the order the legend and the tables list them. */
export const GRID_TYPES: readonly GridType[] = ['residential', 'old_residential', 'business', 'urban_village', 'work_unit', 'public', 'mixed']

/** A category's limit scaled by a grid type's factor (fractional units are fine: the calendar adds working ms). */
export function scaledLimit(limit: TimeLimit, factor: number): TimeLimit {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`time-limit factor must be a positive number, got ${factor}`)
  return { value: Math.round(limit.value * factor * 1000) / 1000, unit: limit.unit }
}

/**
 * Deadline of a case in a grid whose type has `factor`: the category's limit × factor, on the working
 * calendar (urgent cases on the wall clock, as computeDeadline does for every case).
 */
export function gridDeadline(category: Pick<Category, 'limit'>, factor: number, urgency: Urgency, from: Date, cal: Calendar): Date {
  return computeDeadline({ limit: scaledLimit(category.limit, factor) }, urgency, from, cal)
}

/** What the state machine asks about grids: a rev 1.6 reference answers, an older one gives the defaults. */
export interface GridRules extends DutyLookup {
  /** The time-limit factor of the grid's type; 1 without a type or standard. */
  limitFactor(gridCode: string): number
}

type GridLookup = { get(code: string): Pick<GridProperties, 'gridType'> | undefined }

/** Rules from reference data; works on an older hub's reference too (factor 1, no list). */
export function gridRulesFrom(reference: Pick<ReferenceData, 'gridStandards' | 'dutyList'>, grids: GridLookup): GridRules {
  const factors = new Map((reference.gridStandards ?? []).map((s) => [s.gridType, s.limitFactor]))
  const duties = dutyLookup(reference.dutyList)
  return {
    limitFactor(gridCode) {
      const type = grids.get(gridCode)?.gridType
      return (type !== undefined ? factors.get(type) : undefined) ?? 1
    },
    duty: (categoryCode, kind) => duties.duty(categoryCode, kind)
  }
}

/** A grid's type by its code from the reference's grids (issue 14: figures by grid type); undefined without one. */
export function gridTypeLookup(reference: Pick<ReferenceData, 'grids'> | null | undefined): (gridCode: string) => GridType | undefined {
  const types = new Map<string, GridType>()
  for (const f of reference?.grids.features ?? []) if (f.properties.gridType !== undefined) types.set(f.properties.code, f.properties.gridType)
  return (gridCode) => types.get(gridCode)
}

/** Whether the reference carries rev 1.6's grid data (an older hub's does not: the console hides what needs it). */
export function hasGridStandards(reference: Pick<ReferenceData, 'gridStandards'> | null | undefined): boolean {
  return (reference?.gridStandards?.length ?? 0) > 0
}

export interface WorkerLoad {
  unitId: string
  name: string
  streetCode: string | null
  gridCount: number
  households: number
  population: number
  /**
   * Σ households ÷ the standard's households-per-worker of each grid's type: above 1 the worker covers
   * more than the standard allows (a worker with grids of two types is judged by both, in proportion).
   */
  loadRatio: number
  /** Cases the worker was named on (dispatched to, or acting on) in the period. */
  cases: number
  /** Open cases held now (the hub's count). */
  openCases: number
  overStandard: boolean
}

type WorkloadUnit = Pick<Unit, 'id' | 'name' | 'kind' | 'streetCode' | 'gridCodes' | 'openCount'>
type WorkloadCase = Pick<Incident, 'assignees' | 'timeline'>

/** Per grid worker: households against the standard, cases in the given list, open cases now; heaviest first. */
export function workerWorkload(
  units: Iterable<WorkloadUnit>,
  grids: { get(code: string): Pick<GridProperties, 'gridType' | 'households' | 'population'> | undefined },
  standards: readonly GridStandard[],
  incidents: readonly WorkloadCase[]
): WorkerLoad[] {
  const target = new Map(standards.map((s) => [s.gridType, s.householdsPerWorker]))
  const cases = new Map<string, number>()
  for (const c of incidents) {
    const named = new Set(c.assignees)
    for (const e of c.timeline) for (const id of e.unitIds ?? []) named.add(id)
    for (const id of named) cases.set(id, (cases.get(id) ?? 0) + 1)
  }
  const rows: WorkerLoad[] = []
  for (const u of units) {
    if (u.kind !== 'grid_worker') continue
    let households = 0
    let population = 0
    let loadRatio = 0
    for (const code of u.gridCodes) {
      const g = grids.get(code)
      households += g?.households ?? 0
      population += g?.population ?? 0
      const per = g?.gridType !== undefined ? target.get(g.gridType) : undefined
      if (per !== undefined) loadRatio += (g?.households ?? 0) / per
    }
    rows.push({
      unitId: u.id,
      name: u.name,
      streetCode: u.streetCode,
      gridCount: u.gridCodes.length,
      households,
      population,
      loadRatio: Math.round(loadRatio * 1000) / 1000,
      cases: cases.get(u.id) ?? 0,
      openCases: u.openCount,
      overStandard: loadRatio > 1
    })
  }
  return rows.sort((a, b) => b.loadRatio - a.loadRatio || a.unitId.localeCompare(b.unitId))
}

export interface GridTypeLoad {
  gridType: GridType
  grids: number
  households: number
  population: number
  cases: number
  openCases: number
}

/** Grids, people and cases per grid type (cases by the grid they lie in): the breakdown the metrics lack. */
export function casesByGridType(
  grids: Iterable<Pick<GridProperties, 'code' | 'gridType' | 'households' | 'population'>>,
  incidents: readonly Pick<Incident, 'gridCode' | 'status'>[]
): GridTypeLoad[] {
  const rows = new Map<GridType, GridTypeLoad>(GRID_TYPES.map((t) => [t, { gridType: t, grids: 0, households: 0, population: 0, cases: 0, openCases: 0 }]))
  const typeOf = new Map<string, GridType>()
  for (const g of grids) {
    if (g.gridType === undefined) continue
    typeOf.set(g.code, g.gridType)
    const row = rows.get(g.gridType) as GridTypeLoad
    row.grids++
    row.households += g.households ?? 0
    row.population += g.population ?? 0
  }
  for (const c of incidents) {
    const type = typeOf.get(c.gridCode)
    if (type === undefined) continue
    const row = rows.get(type) as GridTypeLoad
    row.cases++
    if (isOpenStatus(c.status)) row.openCases++
  }
  return [...rows.values()]
}
