// The field, played from the hub's changes: units sign for dispatched cases, handle them and
// report back (some late, a few returned); the district sends back some escalations, and the district
// department an escalation names settles the rest and reports its result (protocol rev 1.3).
// Every action carries expectedVersion; a conflict re-reads the case instead of retrying blindly.
import { randomUUID } from 'node:crypto'
import {
  type Change,
  type CommandPayload,
  type CommandType,
  Incident,
  type IncidentStatus,
  type TypedCommand,
  type Urgency
} from '../../src-shared/protocol'
import { DEESCALATE_NOTES, districtResultNotes, feedbackNotes, RETURN_REASONS } from './field-text'
import { bump, isPowerOfTen } from './counting'
import { type CommandResult } from './hub-client'
import { type Rng } from './prng'
import { type TaskScheduler } from './scheduler'

/** Field behaviour in simulated minutes (medians of lognormals) and odds, from domain.md §7. */
export const FIELD = {
  signMedianMin: { urgent: 3, important: 8, normal: 15 } as Record<Urgency, number>,
  handleMedianMin: { urgent: 30, important: 60, normal: 90 } as Record<Urgency, number>,
  sigma: 0.7,
  /** ~77% on time in the record (a large city, one week): so ~23% late. */
  lateOdds: 0.23,
  overrunMedianMin: 30,
  returnOdds: 0.05,
  /** Escalations to a named department the district sends back; it settles the rest (rev 1.3). */
  deescalateOdds: 0.2,
  deescalateMedianMin: 45,
  /**
   * A district department's handling time, from escalation to its result: hours for an emergency
   * (gas, fire), a working day or so for the rest (the department files, inspects, orders a fix).
   */
  settleMedianMin: { urgent: 120, important: 480, normal: 1440 } as Record<Urgency, number>,
  /** Conflicts on one planned action before the field gives that action up. */
  maxConflicts: 3
} as const

interface Known {
  version: number
  status: IncidentStatus
  urgency: Urgency
  categoryCode: string
  assignees: string[]
  deadlineAt: string | null
  /** The district department an escalated case went to; null when it went to the district as a whole. */
  targetUnitId: string | null
}

/** 'settle' is the department's feedback on an escalated case, counted apart from the street units'. */
type Action = 'sign' | 'return' | 'feedback' | 'deescalate' | 'settle'

interface Plan {
  /** The status this plan answers; a change to another status cancels it. */
  status: IncidentStatus
  action: Action | null
  taskId: number
  conflicts: number
}

export interface FieldCounters {
  ok: Record<string, number>
  errors: Record<string, number>
  conflicts: number
  plannedLate: number
  plannedFeedbacks: number
  plannedReturns: number
  plannedDeescalations: number
  plannedSettlements: number
}

/** What the field needs of a connection (a HubClient; a fake in tests). */
export interface CommandSink {
  send(command: TypedCommand): Promise<CommandResult>
  /** Re-read from the hub (a sync) when the field lost track of a case. */
  resync(): void
}

export interface FieldDeps {
  /** The field's connection (role unit): sign, return, feedback, and a district department's result. */
  unit: CommandSink
  /** The level above (role district): deescalate. */
  district: CommandSink
  scheduler: TaskScheduler
  rng: Rng
  /** Simulated time runs this many times faster than real time (field delays shrink by it). */
  timeScale: number
  now?: () => number
  log?: (msg: string) => void
}

const MIN_DELAY_MS = 20
/** States in which the field (or the district) has a move to make. */
const ACTIONABLE: readonly IncidentStatus[] = ['dispatched', 'in_progress', 'escalated']

export class Field {
  private readonly known = new Map<string, Known>()
  private readonly plans = new Map<string, Plan>()
  private readonly now: () => number
  private readonly log: (msg: string) => void
  private stopped = false
  readonly counters: FieldCounters = {
    ok: {},
    errors: {},
    conflicts: 0,
    plannedLate: 0,
    plannedFeedbacks: 0,
    plannedReturns: 0,
    plannedDeescalations: 0,
    plannedSettlements: 0
  }

  constructor(private readonly deps: FieldDeps) {
    if (!(deps.timeScale > 0)) throw new Error(`timeScale must be > 0, got ${deps.timeScale}`)
    this.now = deps.now ?? Date.now
    this.log = deps.log ?? (() => {})
  }

  get knownCount(): number {
    return this.known.size
  }

  get plannedCount(): number {
    let n = 0
    for (const p of this.plans.values()) if (p.action !== null) n++
    return n
  }

  stop(): void {
    this.stopped = true
    for (const p of this.plans.values()) this.deps.scheduler.cancel(p.taskId)
    this.plans.clear()
  }

  /** Feed every change from the hub here; non-incident changes are ignored. */
  onChange(change: Change): void {
    if (change.entity !== 'incident') return
    if (change.data === null) {
      this.forget(change.id)
      return
    }
    this.observe(change.data)
  }

  /** Takes a newer version of a case into account and (re)plans the field's next move. */
  observe(incident: Incident): void {
    if (this.stopped) return
    const before = this.known.get(incident.id)
    if (before !== undefined && before.version >= incident.version) return
    if (!ACTIONABLE.includes(incident.status)) {
      // Nothing for the field to do (reported, accepted, resolved, closed, …): keep no state, so
      // memory follows the cases in the field's hands, not every case ever reported.
      this.forget(incident.id)
      return
    }
    this.remember(incident)
    const plan = this.plans.get(incident.id)
    if (plan !== undefined && plan.status === incident.status) return // still the same step
    if (plan !== undefined) this.deps.scheduler.cancel(plan.taskId)
    this.plans.delete(incident.id)
    this.plan(incident.id)
  }

  private remember(incident: Incident): void {
    this.known.set(incident.id, {
      version: incident.version,
      status: incident.status,
      urgency: incident.urgency,
      categoryCode: incident.categoryCode,
      assignees: incident.assignees,
      deadlineAt: incident.deadlineAt,
      targetUnitId: incident.escalation?.targetUnitId ?? null
    })
  }

  private forget(id: string): void {
    const plan = this.plans.get(id)
    if (plan !== undefined) this.deps.scheduler.cancel(plan.taskId)
    this.plans.delete(id)
    this.known.delete(id)
  }

  /** Simulated minutes → real milliseconds. */
  private real(minutes: number): number {
    return Math.max(MIN_DELAY_MS, (minutes * 60_000) / this.deps.timeScale)
  }

  private plan(id: string): void {
    const k = this.known.get(id)
    if (k === undefined) return
    const { rng, scheduler } = this.deps
    const now = this.now()
    let action: Action | null = null
    let at = now
    switch (k.status) {
      case 'dispatched': {
        if (k.assignees.length === 0) break
        action = rng.chance(FIELD.returnOdds) ? 'return' : 'sign'
        if (action === 'return') this.counters.plannedReturns++
        at = now + this.real(rng.lognormal(FIELD.signMedianMin[k.urgency], FIELD.sigma))
        break
      }
      case 'in_progress': {
        if (k.assignees.length === 0) break
        action = 'feedback'
        this.counters.plannedFeedbacks++
        const handling = this.real(rng.lognormal(FIELD.handleMedianMin[k.urgency], FIELD.sigma))
        const deadline = k.deadlineAt === null ? NaN : Date.parse(k.deadlineAt)
        if (Number.isFinite(deadline) && rng.chance(FIELD.lateOdds)) {
          // Late: report back some time after the deadline has passed.
          this.counters.plannedLate++
          at = Math.max(now, deadline) + this.real(rng.lognormal(FIELD.overrunMedianMin, FIELD.sigma))
        } else if (Number.isFinite(deadline) && deadline > now) {
          // On time: the handling time, but always before the deadline.
          at = now + Math.min(handling, (deadline - now) * rng.range(0.3, 0.9))
        } else {
          at = now + handling
        }
        break
      }
      case 'escalated': {
        // An escalation naming no department has nobody to settle it (rev 1.3): the district centre
        // coordinates and hands it back to the street to lead. Otherwise the department settles most.
        if (k.targetUnitId === null || rng.chance(FIELD.deescalateOdds)) {
          action = 'deescalate'
          this.counters.plannedDeescalations++
          at = now + this.real(rng.lognormal(FIELD.deescalateMedianMin, FIELD.sigma))
        } else {
          action = 'settle'
          this.counters.plannedSettlements++
          at = now + this.real(rng.lognormal(FIELD.settleMedianMin[k.urgency], FIELD.sigma))
        }
        break
      }
      default:
        // reported/accepted/resolved/suspended wait for the hall; nothing for the field to do.
        break
    }
    const plan: Plan = { status: k.status, action, taskId: 0, conflicts: 0 }
    if (action !== null) plan.taskId = scheduler.at(at, () => void this.act(id, plan))
    this.plans.set(id, plan)
  }

  private async act(id: string, plan: Plan): Promise<void> {
    const k = this.known.get(id)
    if (this.stopped || k === undefined || plan.action === null || this.plans.get(id) !== plan) return
    if (k.status !== plan.status) return
    const unitId = k.assignees[0] as string
    const rng = this.deps.rng
    let result: CommandResult
    switch (plan.action) {
      case 'sign':
        result = await this.deps.unit.send(command('sign', id, k.version, { unitId }))
        break
      case 'return':
        result = await this.deps.unit.send(command('return', id, k.version, { unitId, reason: rng.pick(RETURN_REASONS) }))
        break
      case 'feedback':
        result = await this.deps.unit.send(
          command('feedback', id, k.version, { unitId, note: rng.pick(feedbackNotes(k.categoryCode)) })
        )
        break
      case 'deescalate':
        result = await this.deps.district.send(command('deescalate', id, k.version, { note: rng.pick(DEESCALATE_NOTES) }))
        break
      case 'settle':
        // The department reports through the field's gateway, acting as itself (the escalation's target).
        result = await this.deps.unit.send(
          command('feedback', id, k.version, {
            unitId: k.targetUnitId as string,
            note: rng.pick(districtResultNotes(k.categoryCode))
          })
        )
        break
    }
    this.answered(id, plan, result)
  }

  private answered(id: string, plan: Plan, result: CommandResult): void {
    const action = plan.action as Action
    if (this.stopped) return
    if (result.ok) {
      bump(this.counters.ok, action)
      const parsed = Incident.safeParse(result.entity)
      // The answer carries the new version: plan the next step without waiting for the change.
      if (parsed.success) this.observe(parsed.data)
      return
    }
    const times = bump(this.counters.errors, `${action}:${result.code}`)
    if (result.code === 'closed') return
    if (result.code === 'conflict') {
      this.counters.conflicts++
      const current = Incident.safeParse(result.current)
      if (!current.success) {
        // No usable current state: forget the case and let a sync bring it back fresh.
        this.forget(id)
        this.deps.unit.resync()
        return
      }
      if (current.data.status === plan.status && plan.conflicts < FIELD.maxConflicts && this.plans.get(id) === plan) {
        // Someone else touched the case (a note, an urge) but the step is still ours to take.
        this.remember(current.data)
        plan.conflicts++
        plan.taskId = this.deps.scheduler.after(this.real(1) + this.deps.rng.range(50, 500), () => void this.act(id, plan))
        return
      }
      this.observe(current.data)
      return
    }
    // illegal_transition, not_found, forbidden, invalid: the step no longer applies; drop it.
    if (isPowerOfTen(times)) this.log(`field: ${action} refused (${result.code}, ${times}×), e.g. on ${id}: ${result.message}`)
    if (this.plans.get(id) === plan) this.plans.set(id, { ...plan, action: null })
  }
}

function command<T extends CommandType>(
  type: T,
  incidentId: string,
  expectedVersion: number,
  payload: CommandPayload<T>
): TypedCommand<T> {
  return {
    commandId: randomUUID(),
    type,
    incidentId,
    expectedVersion,
    payload,
    issuedAt: new Date().toISOString()
  } as TypedCommand<T>
}
