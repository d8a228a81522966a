// Ranked responsible-unit suggestions for dispatching a case (like a CAD run card), from the
// responsibility matrix (权责清单), the grid's own worker, the units' categories, distance and load.
import type { Incident, Responsibility, Unit } from '../protocol'
import { distanceMeters } from '../geo/distance'

export type SuggestionReason = 'matrix' | 'grid_worker' | 'category' | 'nearby' | 'light_load'

export interface UnitSuggestion {
  unitId: string
  score: number
  reasons: SuggestionReason[]
  /** Metres from the case, or null when the unit has no known location. */
  distanceM: number | null
}

export type SuggestionIncident = Pick<Incident, 'categoryCode' | 'gridCode' | 'location'>
export type SuggestionUnit = Pick<Unit, 'id' | 'kind' | 'streetCode' | 'gridCodes' | 'categories' | 'location' | 'status' | 'openCount'>

export interface SuggestionData {
  responsibilities: readonly Responsibility[]
  units: readonly SuggestionUnit[]
}

/** Within this distance a unit is "nearby". */
export const NEARBY_M = 1000
/** At most this many open cases is a "light load". */
export const LIGHT_LOAD = 2

// Weights make the tiers lexicographic: one matrix place (500) outweighs grid worker + category + nearby +
// load (≤ 430), so matrix order is kept and any matrix place (≥ 5000) beats every non-matrix unit; the grid
// worker (300) beats category + nearby + load (≤ 130); category (≥ 80) beats nearby + load (≤ 30).
const MATRIX_TOP = 10_000
const MATRIX_STEP = 500
const GRID_WORKER = 300
const CATEGORY_MINOR = 100
const CATEGORY_MAJOR = 80
const NEARBY_MAX = 20
const LOAD_MAX = 10
/** Beyond this a unit earns no distance points. */
const DISTANCE_SCALE_M = 5000

/** Matrix position (0 = first choice) per unit: this street's rows first, then the '*' rows, in order. */
function matrixOrder(responsibilities: readonly Responsibility[], categoryCode: string, streetCode: string): Map<string, number> {
  const order = new Map<string, number>()
  const rows = responsibilities.filter((r) => r.categoryCode === categoryCode)
  const ordered = [...rows.filter((r) => r.streetCode === streetCode), ...rows.filter((r) => r.streetCode === '*')]
  for (const row of ordered) for (const id of row.unitIds) if (!order.has(id)) order.set(id, order.size)
  return order
}

/**
 * Suggests up to `limit` units for a case, best first. Order: matrix place for the category and street,
 * then the grid's own worker, then units handling the minor category, then its major, then distance and
 * load; off-duty units always come after on-duty ones (the score ranks within each group). District
 * departments are never suggested: they are reached only by escalation. Street departments of another
 * street are left out unless the matrix names them.
 */
export function suggestUnits(incident: SuggestionIncident, data: SuggestionData, limit = 5): UnitSuggestion[] {
  const streetCode = incident.gridCode.slice(0, 9)
  const major = incident.categoryCode.slice(0, 2)
  const matrix = matrixOrder(data.responsibilities, incident.categoryCode, streetCode)
  const ranked: (UnitSuggestion & { offDuty: boolean })[] = []
  for (const unit of data.units) {
    if (unit.kind === 'district_dept') continue
    const place = matrix.get(unit.id)
    if (place === undefined && unit.streetCode !== null && unit.streetCode !== streetCode) continue
    const reasons: SuggestionReason[] = []
    let score = 0
    if (place !== undefined) {
      reasons.push('matrix')
      score += Math.max(MATRIX_TOP - MATRIX_STEP * place, MATRIX_TOP - MATRIX_STEP * 10)
    }
    if (unit.kind === 'grid_worker' && unit.gridCodes.includes(incident.gridCode)) {
      reasons.push('grid_worker')
      score += GRID_WORKER
    }
    if (unit.categories.includes(incident.categoryCode)) {
      reasons.push('category')
      score += CATEGORY_MINOR
    } else if (unit.categories.includes(major)) {
      reasons.push('category')
      score += CATEGORY_MAJOR
    }
    const distanceM = unit.location ? distanceMeters(incident.location, unit.location) : null
    if (distanceM !== null) {
      if (distanceM <= NEARBY_M) reasons.push('nearby')
      score += NEARBY_MAX * Math.max(0, 1 - distanceM / DISTANCE_SCALE_M)
    }
    if (unit.openCount <= LIGHT_LOAD && unit.status === 'available') reasons.push('light_load')
    score += LOAD_MAX / (1 + unit.openCount)
    ranked.push({ unitId: unit.id, score: Math.round(score * 100) / 100, reasons, distanceM, offDuty: unit.status === 'off_duty' })
  }
  ranked.sort(
    (a, b) =>
      Number(a.offDuty) - Number(b.offDuty) ||
      b.score - a.score ||
      (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) ||
      a.unitId.localeCompare(b.unitId)
  )
  return ranked.slice(0, Math.max(0, limit)).map(({ unitId, score, reasons, distanceM }) => ({ unitId, score, reasons, distanceM }))
}
