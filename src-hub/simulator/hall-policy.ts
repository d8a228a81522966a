// The simulated hall's decisions, pure: when a dispatcher takes a case up, whether it is accepted,
// to which unit it goes (src-shared/domain's suggestions), when it is escalated, whether it passes
// verification, and how many seats the hall needs for a rate. No clock, no connection.
import { dutyLookup, limitAsWallMs, needsOutsideListReason, suggestUnitsWithFunctionalGrids, type SuggestionUnit } from '../../src-shared/domain'
import {
  type Calendar,
  type Category,
  type EscalationReason,
  type Incident,
  type IncidentStatus,
  type DutyRow,
  type FunctionalGrid,
  type LngLat,
  type OutsideListReason,
  type Responsibility,
  type Urgency
} from '../../src-shared/protocol'
import {
  ACCEPT_NOTES,
  DISPATCH_INSTRUCTIONS,
  ESCALATE_REASONS,
  OUTSIDE_LIST_REASONS_SIM,
  REJECT_REASONS,
  REWORK_NOTES,
  URGENT_INSTRUCTION,
  VERIFY_PASS_NOTES
} from './hall-text'
import { type Rng } from './prng'
import { type Scenario } from './scenarios'

/**
 * Hall behaviour. Delays are real seconds at delay scale 1 (the person at the demo console competes in
 * real time, so the hall must not be faster than a person): medians of lognormals. Odds follow
 * domain.md §6–7 (立案率 ~96%, rework ~1%, escalation the measured exception).
 */
export const HALL = {
  pickupMedianSec: {
    reported: { urgent: 20, important: 90, normal: 180 },
    accepted: { urgent: 5, important: 20, normal: 30 },
    resolved: { urgent: 30, important: 90, normal: 120 }
  } as Record<HallStatus, Record<Urgency, number>>,
  sigma: 0.8,
  /** Seat time one action takes (reading the case, typing): the hall's capacity per seat. */
  workSec: 4,
  rejectOdds: 0.04,
  reworkOdds: 0.01,
  /** Where the matrix names a district department first but the street has a unit too. */
  escalateDeptFirstOdds: 0.05,
  /** Domain §5: "returned twice" goes up. */
  returnsBeforeEscalation: 2,
  /** Categories that are major (群体性) by nature, escalated to the district whatever the matrix says. */
  majorCategoryCodes: ['0408'] as readonly string[],
  /** Seats are sized so that at the scenario's peak they are busy at most this share of the time. */
  targetUtilisation: 0.7,
  minSeats: 3,
  /** Actions per case on average: accept, dispatch, verify, plus re-dispatches after returns and reworks. */
  actionsPerCase: 3.3,
  /** Commands per second one connection may send: under the hub's default per-console refill (50/s). */
  commandsPerConnection: 40,
  maxConnections: 8,
  /** Conflicts on one step before the hall leaves the case to whoever keeps changing it. */
  maxConflicts: 3
} as const

/** The statuses in which the hall has a move to make. */
export type HallStatus = 'reported' | 'accepted' | 'resolved'
export const HALL_STATUSES: readonly IncidentStatus[] = ['reported', 'accepted', 'resolved']

export function isHallStatus(status: IncidentStatus): status is HallStatus {
  return HALL_STATUSES.includes(status)
}

/** What the hall keeps of a case: enough to decide, without the timeline. */
export interface CaseView {
  id: string
  version: number
  status: IncidentStatus
  urgency: Urgency
  categoryCode: string
  gridCode: string
  location: LngLat
  /** Another console holds the case (the hall never claims, so any claim is someone else's). */
  claimed: boolean
  returns: number
  /** Units that sent this case back: never dispatched to again. */
  returnedBy: string[]
  /** The district sent it back since it was last escalated: the street must settle it itself. */
  sentBack: boolean
  /** When the case entered its current status (ms). */
  enteredAt: number
}

export function viewOf(incident: Incident): CaseView {
  const returnedBy = new Set<string>()
  // The latest of escalate/deescalate decides: a case sent back and escalated again is up again.
  let upOrBack: 'escalate' | 'deescalate' | null = null
  let enteredAt = Date.parse(incident.updatedAt)
  let enteredFound = false
  for (let i = incident.timeline.length - 1; i >= 0; i--) {
    const e = incident.timeline[i]
    if (e === undefined) continue
    if (e.action === 'return') for (const u of e.unitIds ?? []) returnedBy.add(u)
    if (!enteredFound && e.to === incident.status && e.from !== incident.status) {
      enteredAt = Date.parse(e.at)
      enteredFound = true
    }
    if (upOrBack === null && (e.action === 'escalate' || e.action === 'deescalate')) upOrBack = e.action
  }
  const sentBack = upOrBack === 'deescalate'
  return {
    id: incident.id,
    version: incident.version,
    status: incident.status,
    urgency: incident.urgency,
    categoryCode: incident.categoryCode,
    gridCode: incident.gridCode,
    location: incident.location,
    claimed: incident.claimedBy !== null,
    returns: incident.counters.returns,
    returnedBy: [...returnedBy],
    sentBack,
    enteredAt: Number.isFinite(enteredAt) ? enteredAt : 0
  }
}

/** Time until a dispatcher takes up a case that just entered `status`, in real ms. */
export function pickupDelayMs(status: HallStatus, urgency: Urgency, rng: Rng, delayScale: number): number {
  return rng.lognormal(HALL.pickupMedianSec[status][urgency], HALL.sigma) * 1000 * delayScale
}

/** What the hall knows of the world to decide with. */
export interface HallWorld {
  categories: ReadonlyMap<string, Category>
  responsibilities: readonly Responsibility[]
  /** Units as last seen (load and duty status change as cases move). */
  units: ReadonlyMap<string, SuggestionUnit>
  calendar: Calendar
  /**
   * Simulated time per real time of the field. When set, dispatch deadlines are the category's limit
   * on that clock (a 4-working-hour limit is 4 minutes at ×60), so the field's on-time and late work
   * lands around deadlines it can reach; null lets the hub compute the deadline from the calendar.
   */
  deadlineScale: number | null
  /** Rev 1.6: the 权责清单; absent on an older reference (then no reason is ever needed). */
  dutyList?: readonly DutyRow[] | undefined
  /** Rev 1.8: the functional grids the hub sent; a case inside an active one goes to its team first. */
  functionalGrids?: ReadonlyMap<string, FunctionalGrid>
}

export type HallAction =
  | { type: 'accept'; note?: string }
  | { type: 'reject'; reason: string }
  | {
      type: 'dispatch'
      unitIds: string[]
      instructions?: string
      deadlineAt?: string
      outsideList?: { reasonCode: OutsideListReason; orderedBy: string; reason: string }
    }
  | {
      type: 'escalate'
      level: 'district' | 'department'
      targetUnitId?: string
      reasonCode: EscalationReason
      reason: string
    }
  | { type: 'verify'; passed: boolean; note?: string }

function withText<T extends object, K extends string>(base: T, key: K, text: string): T | (T & Record<K, string>) {
  return text === '' ? base : { ...base, [key]: text }
}

/** The next move on a case the hall has taken up; null when the status is not the hall's to move. */
export function decide(view: CaseView, world: HallWorld, rng: Rng, now: number): HallAction | null {
  switch (view.status) {
    case 'reported':
      // Urgent reports are never turned away unseen: someone goes to look first.
      if (view.urgency !== 'urgent' && rng.chance(HALL.rejectOdds)) return { type: 'reject', reason: rng.pick(REJECT_REASONS) }
      return withText({ type: 'accept' as const }, 'note', rng.pick(ACCEPT_NOTES))
    case 'accepted': {
      const up = escalationFor(view, world, rng)
      if (up !== null) return { type: 'escalate', ...up, reason: ESCALATE_REASONS[up.reasonCode] }
      const unitId = chooseUnit(view, world, now)
      if (unitId === null) return { type: 'escalate', level: 'district', reasonCode: 'other', reason: ESCALATE_REASONS.other }
      const action: HallAction = { type: 'dispatch', unitIds: [unitId] }
      const deadlineAt = scaledDeadline(view, world, now)
      if (deadlineAt !== null) action.deadlineAt = deadlineAt
      const instructions = view.urgency === 'urgent' ? URGENT_INSTRUCTION : rng.pick(DISPATCH_INSTRUCTIONS)
      if (instructions !== '') action.instructions = instructions
      const outside = outsideListReason(view, unitId, world)
      if (outside !== null) action.outsideList = outside
      return action
    }
    case 'resolved': {
      const passed = !rng.chance(HALL.reworkOdds)
      return withText({ type: 'verify' as const, passed }, 'note', rng.pick(passed ? VERIFY_PASS_NOTES : REWORK_NOTES))
    }
    default:
      return null
  }
}

/** The matrix's units for a case, this street's rows first, then the '*' rows, in order. */
export function matrixUnits(responsibilities: readonly Responsibility[], categoryCode: string, streetCode: string): string[] {
  const rows = responsibilities.filter((r) => r.categoryCode === categoryCode)
  const ordered = [...rows.filter((r) => r.streetCode === streetCode), ...rows.filter((r) => r.streetCode === '*')]
  const out: string[] = []
  for (const row of ordered) for (const id of row.unitIds) if (!out.includes(id)) out.push(id)
  return out
}

/**
 * Whether (and where) an accepted case goes up instead of out (domain §5): returned twice; major by
 * nature; beyond street authority — the matrix names only district departments (always), or names one
 * first with a street unit behind it (a small share). A case the district sent back never goes up again.
 */
export function escalationFor(
  view: CaseView,
  world: HallWorld,
  rng: Rng
): { level: 'district' | 'department'; targetUnitId?: string; reasonCode: EscalationReason } | null {
  if (view.sentBack) return null
  if (view.returns >= HALL.returnsBeforeEscalation) return { level: 'district', reasonCode: 'repeated_return' }
  const matrix = matrixUnits(world.responsibilities, view.categoryCode, view.gridCode.slice(0, 9))
  const isDept = (id: string): boolean => world.units.get(id)?.kind === 'district_dept'
  const firstDept = matrix.find(isDept)
  if (HALL.majorCategoryCodes.includes(view.categoryCode)) {
    return { level: 'district', reasonCode: 'major', ...(firstDept !== undefined ? { targetUnitId: firstDept } : {}) }
  }
  const first = matrix[0]
  if (first === undefined || !isDept(first)) return null
  const streetCanAct = matrix.some((id) => !isDept(id) && world.units.has(id))
  if (!streetCanAct || rng.chance(HALL.escalateDeptFirstOdds)) {
    return { level: 'department', targetUnitId: first, reasonCode: 'beyond_authority' }
  }
  return null
}

/**
 * The best suggested unit that has not already sent this case back; inside an active functional grid
 * (rev 1.8) its team comes first, as the console suggests to a seat (one rule, in the domain).
 */
export function chooseUnit(view: CaseView, world: HallWorld, now: number = Date.now()): string | null {
  const data = { responsibilities: world.responsibilities, units: [...world.units.values()] }
  const grids = [...(world.functionalGrids?.values() ?? [])]
  const suggestions = suggestUnitsWithFunctionalGrids(view, data, grids, now, 5 + view.returnedBy.length)
  return suggestions.find((s) => !view.returnedBy.includes(s.unitId))?.unitId ?? null
}

/**
 * Rev 1.6: when the hall sends an outside-the-list matter to a grid worker or committee (the matrix
 * suggested one), it says why, as a real seat must. Picked from the case id, not the rng, so adding
 * the rule leaves every other draw of a seeded run where it was.
 */
export function outsideListReason(
  view: Pick<CaseView, 'id' | 'categoryCode'>,
  unitId: string,
  world: Pick<HallWorld, 'dutyList' | 'units'>
): { reasonCode: OutsideListReason; orderedBy: string; reason: string } | null {
  const unit = world.units.get(unitId)
  if (unit === undefined || !needsOutsideListReason(dutyLookup(world.dutyList), view.categoryCode, unit.kind)) return null
  let h = 0
  for (let i = 0; i < view.id.length; i++) h = (h * 31 + view.id.charCodeAt(i)) >>> 0
  return OUTSIDE_LIST_REASONS_SIM[h % OUTSIDE_LIST_REASONS_SIM.length] as { reasonCode: OutsideListReason; orderedBy: string; reason: string }
}

/** The category's limit on the field's clock, from now; null when deadlines are left to the hub. */
export function scaledDeadline(view: Pick<CaseView, 'categoryCode'>, world: HallWorld, now: number): string | null {
  if (world.deadlineScale === null) return null
  const category = world.categories.get(view.categoryCode)
  if (category === undefined) return null
  // At least a second ahead: the hub refuses a deadline that is not in the future.
  const ms = Math.max(1000, limitAsWallMs(category.limit, world.calendar) / world.deadlineScale)
  return new Date(now + ms).toISOString()
}

/** Highest reports per second the scenario reaches at a base rate (its busiest hour plus any surge). */
export function peakRate(scenario: Scenario, rate: number): number {
  return rate * scenario.factor * Math.max(...scenario.curve) + (scenario.surge === null ? 0 : rate * scenario.surge.factor)
}

export interface HallSize {
  seats: number
  connections: number
  /** Seat time per action, real ms. */
  workMs: number
}

/**
 * Seats so that the hall keeps up at the scenario's peak (utilisation ≤ target: a queue that drains),
 * and connections so that no connection sends more than the hub's rate limit allows.
 */
export function sizeHall(peak: number, delayScale: number): HallSize {
  if (!(peak >= 0) || !(delayScale > 0)) throw new Error(`sizeHall needs peak ≥ 0 and delayScale > 0, got ${peak}, ${delayScale}`)
  const workMs = HALL.workSec * 1000 * delayScale
  const busy = (peak * HALL.actionsPerCase * workMs) / 1000
  const seats = Math.max(HALL.minSeats, Math.ceil(busy / HALL.targetUtilisation))
  const commandsPerSecond = seats / (workMs / 1000)
  const connections = Math.min(HALL.maxConnections, Math.max(1, Math.ceil(commandsPerSecond / HALL.commandsPerConnection)))
  return { seats, connections, workMs }
}
