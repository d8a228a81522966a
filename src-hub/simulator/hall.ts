// The hall's other dispatchers, played from the hub's changes: a case that waits in reported,
// accepted or resolved is taken up after a human-like delay by one of a few seats, which accepts or
// rejects it, dispatches or escalates it, or verifies it. Never touches a claimed case; a conflict
// re-reads the case and decides again, never retries the same command blindly.
import { randomUUID } from 'node:crypto'
import { type SuggestionUnit } from '../../src-shared/domain'
import {
  type Change,
  type CommandPayload,
  type CommandType,
  type FunctionalGrid,
  Incident,
  type TypedCommand,
  type Unit,
  type Urgency
} from '../../src-shared/protocol'
import { bump, isPowerOfTen } from './counting'
import { type CommandSink } from './field'
import {
  type CaseView,
  decide,
  HALL,
  type HallAction,
  type HallStatus,
  type HallWorld,
  isHallStatus,
  pickupDelayMs,
  viewOf
} from './hall-policy'
import { type Rng } from './prng'
import { type TaskScheduler } from './scheduler'

export interface HallCounters {
  /** Commands answered ok, by what they did: accept, reject, dispatch, escalate, close, rework. */
  ok: Record<string, number>
  /** Refusals by `action:code`. */
  errors: Record<string, number>
  conflicts: number
  /** Cases passed over because another console had claimed them. */
  skippedClaimed: number
}

export interface HallDeps {
  /** One sink per connection; seats are spread over them (each connection has its own rate budget). */
  sinks: readonly CommandSink[]
  scheduler: TaskScheduler
  rng: Rng
  world: Omit<HallWorld, 'units'>
  units: readonly SuggestionUnit[]
  seats: number
  /** Seat time per action, real ms. */
  workMs: number
  /** Multiplies every pickup delay (1: minutes, as in a real hall; 0.1 for a brisk demo). */
  delayScale: number
  now?: () => number
  log?: (msg: string) => void
}

type Stage = 'waiting' | 'queued' | 'working' | 'idle'

interface Tracked {
  view: CaseView
  /** The status the current plan answers. */
  planned: HallStatus
  stage: Stage
  taskId: number
  conflicts: number
}

const URGENCY_ORDER: readonly Urgency[] = ['urgent', 'important', 'normal']

export class HallAgent {
  private readonly cases = new Map<string, Tracked>()
  /** Cases ready for a seat, one FIFO per urgency (urgent cases jump every queue: domain §3). */
  private readonly ready: Record<Urgency, string[]> = { urgent: [], important: [], normal: [] }
  private readonly units = new Map<string, SuggestionUnit>()
  /** Rev 1.8: the functional grids the hub sent (the hall's link lists the feature). */
  private readonly functionalGrids = new Map<string, FunctionalGrid>()
  private readonly world: HallWorld
  private freeSeats: number
  private nextSink = 0
  private stopped = false
  private readonly now: () => number
  private readonly log: (msg: string) => void
  readonly counters: HallCounters = { ok: {}, errors: {}, conflicts: 0, skippedClaimed: 0 }

  constructor(private readonly deps: HallDeps) {
    if (deps.sinks.length === 0) throw new Error('the hall needs at least one connection')
    if (!(deps.seats >= 1)) throw new Error(`the hall needs at least one seat, got ${deps.seats}`)
    if (!(deps.delayScale > 0)) throw new Error(`delayScale must be > 0, got ${deps.delayScale}`)
    for (const u of deps.units) this.units.set(u.id, u)
    this.world = { ...deps.world, units: this.units, functionalGrids: this.functionalGrids }
    this.freeSeats = deps.seats
    this.now = deps.now ?? Date.now
    this.log = deps.log ?? (() => {})
  }

  /** Cases the hall follows (waiting for a seat or being worked). */
  get trackedCount(): number {
    return this.cases.size
  }

  get queuedCount(): number {
    return this.ready.urgent.length + this.ready.important.length + this.ready.normal.length
  }

  get busySeats(): number {
    return this.deps.seats - this.freeSeats
  }

  stop(): void {
    this.stopped = true
    for (const t of this.cases.values()) this.deps.scheduler.cancel(t.taskId)
    this.cases.clear()
    for (const u of URGENCY_ORDER) this.ready[u].length = 0
  }

  /** Feed every change from the hub here: incidents drive the work, units keep load and duty current. */
  onChange(change: Change): void {
    if (change.entity === 'unit') {
      if (change.data !== null) this.observeUnit(change.data)
      return
    }
    if (change.entity === 'functionalGrid') {
      if (change.data === null) this.functionalGrids.delete(change.id)
      else this.functionalGrids.set(change.id, change.data)
      return
    }
    if (change.entity !== 'incident') return
    if (change.data === null) {
      this.forget(change.id)
      return
    }
    this.observe(change.data)
  }

  observeUnit(unit: Unit): void {
    this.units.set(unit.id, unit)
  }

  /** Takes a newer version of a case into account and plans the hall's next move on it. */
  observe(incident: Incident): void {
    if (this.stopped) return
    const before = this.cases.get(incident.id)
    if (before !== undefined && before.view.version >= incident.version) return
    if (!isHallStatus(incident.status)) {
      this.forget(incident.id)
      return
    }
    const view = viewOf(incident)
    if (before !== undefined && before.planned === incident.status) {
      // Same step, newer version (a note, a claim, an urge): keep the plan, decide on the fresh view.
      before.view = view
      if (before.stage === 'idle' && !view.claimed) this.plan(before, view.enteredAt)
      return
    }
    if (before !== undefined) this.deps.scheduler.cancel(before.taskId)
    const tracked: Tracked = { view, planned: incident.status, stage: 'idle', taskId: 0, conflicts: 0 }
    this.cases.set(incident.id, tracked)
    this.plan(tracked, view.enteredAt)
  }

  private forget(id: string): void {
    const t = this.cases.get(id)
    if (t === undefined) return
    this.deps.scheduler.cancel(t.taskId)
    // A queued entry is skipped lazily when its turn comes.
    this.cases.delete(id)
  }

  /** A dispatcher will look at the case some time after it entered its status (at once if that is past). */
  private plan(t: Tracked, from: number): void {
    const delay = pickupDelayMs(t.planned, t.view.urgency, this.deps.rng, this.deps.delayScale)
    t.stage = 'waiting'
    t.taskId = this.deps.scheduler.at(Math.max(this.now(), from + delay), () => this.enqueue(t))
  }

  private enqueue(t: Tracked): void {
    if (this.stopped || this.cases.get(t.view.id) !== t || t.stage !== 'waiting') return
    t.stage = 'queued'
    this.ready[t.view.urgency].push(t.view.id)
    this.pump()
  }

  private nextReady(): Tracked | null {
    for (const u of URGENCY_ORDER) {
      const q = this.ready[u]
      while (q.length > 0) {
        const t = this.cases.get(q.shift() as string)
        if (t !== undefined && t.stage === 'queued') return t
      }
    }
    return null
  }

  private pump(): void {
    while (!this.stopped && this.freeSeats > 0) {
      const t = this.nextReady()
      if (t === null) return
      if (t.view.claimed) {
        // Someone at a console holds it: theirs. A release (a new version) plans it again.
        this.counters.skippedClaimed++
        t.stage = 'idle'
        continue
      }
      const action = decide(t.view, this.world, this.deps.rng, this.now())
      if (action === null) {
        t.stage = 'idle'
        continue
      }
      this.freeSeats--
      t.stage = 'working'
      const started = this.now()
      const sink = this.deps.sinks[this.nextSink++ % this.deps.sinks.length] as CommandSink
      void sink.send(commandFor(action, t.view)).then((result) => {
        // The seat stays taken for the action's work time, or until the answer if that is later.
        const rest = Math.max(0, started + this.deps.workMs - this.now())
        this.deps.scheduler.after(rest, () => {
          this.freeSeats++
          this.pump()
        })
        this.answered(t, action, result, sink)
      })
    }
  }

  private answered(
    t: Tracked,
    action: HallAction,
    result: Awaited<ReturnType<CommandSink['send']>>,
    sink: CommandSink
  ): void {
    if (this.stopped) return
    const name = outcomeName(action)
    const current = this.cases.get(t.view.id) === t
    if (result.ok) {
      bump(this.counters.ok, name)
      if (current) t.stage = 'idle'
      const parsed = Incident.safeParse(result.entity)
      // The answer carries the new version: plan the next step without waiting for the change.
      if (parsed.success) this.observe(parsed.data)
      return
    }
    const times = bump(this.counters.errors, `${name}:${result.code}`)
    if (result.code === 'closed') return
    if (result.code === 'conflict') {
      this.counters.conflicts++
      const fresh = Incident.safeParse(result.current)
      if (!fresh.success) {
        // No usable current state: drop the case; a sync brings it back fresh.
        this.forget(t.view.id)
        sink.resync()
        return
      }
      if (current) {
        t.stage = 'idle'
        t.conflicts++
      }
      if (current && fresh.data.status === t.planned && t.conflicts >= HALL.maxConflicts) {
        // Someone keeps changing this case under us: leave it to them.
        this.forget(t.view.id)
        return
      }
      // Re-read: a newer version in the same status is decided again after a fresh look; a new status is planned anew.
      this.observe(fresh.data)
      return
    }
    if (result.code === 'rate_limited' || result.code === 'internal') {
      // The hub is busy (the client has already backed off and retried): look again later.
      if (current) this.plan(t, this.now())
      return
    }
    // illegal_transition, not_found, forbidden, invalid: this step no longer applies; drop it until the case changes.
    if (isPowerOfTen(times)) this.log(`hall: ${name} refused (${result.code}, ${times}×), e.g. on ${t.view.id}: ${result.message}`)
    if (current) t.stage = 'idle'
  }
}

/** Counter name for an action: verify splits into close (passed) and rework (failed). */
export function outcomeName(action: HallAction): string {
  if (action.type === 'verify') return action.passed ? 'close' : 'rework'
  return action.type
}

function envelope<T extends CommandType>(type: T, view: CaseView, payload: CommandPayload<T>): TypedCommand<T> {
  return {
    commandId: randomUUID(),
    type,
    incidentId: view.id,
    expectedVersion: view.version,
    payload,
    issuedAt: new Date().toISOString()
  } as TypedCommand<T>
}

/** The protocol command for an action, with the version the decision was made on. */
export function commandFor(action: HallAction, view: CaseView): TypedCommand {
  switch (action.type) {
    case 'accept':
      return envelope('accept', view, action.note !== undefined ? { note: action.note } : {})
    case 'reject':
      return envelope('reject', view, { reason: action.reason })
    case 'dispatch': {
      const { type: _type, ...payload } = action
      return envelope('dispatch', view, payload)
    }
    case 'escalate': {
      const { type: _type, ...payload } = action
      return envelope('escalate', view, payload)
    }
    case 'verify':
      return envelope('verify', view, action.note !== undefined ? { passed: action.passed, note: action.note } : { passed: action.passed })
  }
}
