// The whole closed loop on a virtual clock, in memory: the report stream, the field and the hall
// agent, with every command checked against the protocol schema and applied by src-shared/domain's
// machine as the hub would. Hours run in seconds and a seed replays exactly; used by the sample
// script and by the tests that size the hall.
import { randomUUID } from 'node:crypto'
import { applyIncidentCommand, createIncidentFromReport, type MachineContext } from '../../src-shared/domain'
import {
  type Actor,
  type Change,
  Command,
  type Incident,
  type IncidentStatus,
  isOpenStatus,
  type ReferenceData,
  type TypedCommand
} from '../../src-shared/protocol'
import { Field } from './field'
import { createGenerator } from './generate'
import { HallAgent } from './hall'
import { peakRate, sizeHall } from './hall-policy'
import { HALL_USER } from './hall-user'
import { type CommandResult } from './hub-client'
import { Rng } from './prng'
import { SCENARIOS, type ScenarioName } from './scenarios'
import { type UnitSeed } from './types'
import { VirtualScheduler } from './virtual-clock'

/** How long a change takes to reach the clients in the model (the hub's broadcast batching). */
const CHANGE_LATENCY_MS = 30

/** An in-memory record that answers commands like the hub: version check, role check, the machine. */
export class ModelHub {
  private readonly incidents = new Map<string, Incident>()
  private readonly listeners: ((change: Change) => void)[] = []
  private seq = 0
  private nextId = 1
  private readonly categories
  private readonly units: Map<string, UnitSeed>
  private readonly gridWorkers: Map<string, string | null>

  constructor(
    private readonly reference: ReferenceData,
    units: readonly UnitSeed[],
    private readonly scheduler: VirtualScheduler
  ) {
    this.categories = new Map(reference.categories.map((c) => [c.code, c]))
    this.units = new Map(units.map((u) => [u.id, u]))
    this.gridWorkers = new Map(reference.grids.features.map((f) => [f.properties.code, f.properties.workerUnitId]))
  }

  onChange(listener: (change: Change) => void): void {
    this.listeners.push(listener)
  }

  all(): IterableIterator<Incident> {
    return this.incidents.values()
  }

  /** A connection acting as `actor`; a 'unit' actor is a field gateway acting for the unit each command names. */
  sink(actor: Actor): { send(command: TypedCommand): Promise<CommandResult>; resync(): void } {
    return {
      send: (command) => Promise.resolve(this.apply(command, actor)),
      resync: () => {}
    }
  }

  private context(actor: Actor, unitId: string | null): MachineContext {
    return {
      now: new Date(this.scheduler.now()),
      actor,
      actorUnitId: unitId,
      consoleId: `model-${actor.id}`,
      categories: this.categories,
      calendar: this.reference.calendar,
      getUnit: (id) => this.units.get(id),
      getIncident: (id) => this.incidents.get(id)
    }
  }

  private apply(typed: TypedCommand, actor: Actor): CommandResult {
    const parsed = Command.safeParse(typed)
    if (!parsed.success) return { ok: false, code: 'invalid', message: parsed.error.message.slice(0, 300) }
    const command = parsed.data
    const payloadUnit = (command.payload as { unitId?: unknown }).unitId
    const unitId = actor.role === 'unit' && typeof payloadUnit === 'string' ? payloadUnit : null
    if (command.type === 'report') {
      const draft = (command.payload as { draft: { gridCode?: string; reporter?: { id?: string } } }).draft
      const gridCode = draft.gridCode
      if (gridCode === undefined || !this.gridWorkers.has(gridCode)) {
        return { ok: false, code: 'invalid', message: `the model needs a known gridCode on reports, got ${gridCode ?? 'none'}` }
      }
      // As the hub does for a field gateway: the reporter if that is a known unit, else the grid's worker.
      const reporter = draft.reporter?.id
      const from = actor.role !== 'unit' ? null : reporter !== undefined && this.units.has(reporter) ? reporter : (this.gridWorkers.get(gridCode) ?? null)
      const id = `inc-${this.nextId++}`
      const outcome = createIncidentFromReport(command, { id, code: `M-${id}`, gridCode }, this.context(actor, from))
      if (!outcome.ok) return { ok: false, code: outcome.code, message: outcome.message }
      return this.store(outcome.incident)
    }
    const current = command.incidentId === undefined ? undefined : this.incidents.get(command.incidentId)
    if (current === undefined) return { ok: false, code: 'not_found', message: `no case ${command.incidentId ?? ''}` }
    if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
      return { ok: false, code: 'conflict', message: `at version ${current.version}`, current }
    }
    const outcome = applyIncidentCommand(current, command, this.context(actor, unitId))
    if (!outcome.ok) return { ok: false, code: outcome.code, message: outcome.message }
    return this.store(outcome.incident)
  }

  private store(incident: Incident): CommandResult {
    const stored = { ...incident, seq: ++this.seq }
    this.incidents.set(stored.id, stored)
    const change: Change = { entity: 'incident', seq: stored.seq, id: stored.id, version: stored.version, data: stored }
    this.scheduler.after(CHANGE_LATENCY_MS, () => {
      for (const l of this.listeners) l(change)
    })
    return { ok: true, seq: stored.seq, entity: stored }
  }
}

export interface LoopModelOptions {
  seed: number
  scenario: ScenarioName
  rate: number
  reference: ReferenceData
  units: readonly UnitSeed[]
  /** Virtual start instant (ms). */
  startAt: number
  durationMs: number
  /** Run the hall agent (default true); without it nobody in the hall moves a case. */
  hall?: boolean
  hallDelayScale?: number
  /** Dispatch deadlines on the field's clock (default) or the hub's calendar. */
  hallDeadlines?: 'field' | 'calendar'
  timeScale?: number
  /** Open-count samples every this many ms of virtual time (default 5 minutes). */
  sampleEveryMs?: number
}

export interface OpenSample {
  at: number
  open: number
  /** Open but not escalated: escalated cases are being worked on above (by the district's departments). */
  openInHall: number
  byStatus: Partial<Record<IncidentStatus, number>>
}

export interface LoopModelResult {
  reports: number
  hall: { ok: Record<string, number>; errors: Record<string, number>; conflicts: number; seats: number; connections: number } | null
  field: { ok: Record<string, number>; errors: Record<string, number> }
  samples: OpenSample[]
  final: OpenSample
}


function sample(hub: ModelHub, at: number): OpenSample {
  const byStatus: Partial<Record<IncidentStatus, number>> = {}
  let open = 0
  for (const i of hub.all()) {
    byStatus[i.status] = (byStatus[i.status] ?? 0) + 1
    if (isOpenStatus(i.status)) open++
  }
  return { at, open, openInHall: open - (byStatus.escalated ?? 0), byStatus }
}

export async function runLoopModel(opts: LoopModelOptions): Promise<LoopModelResult> {
  const scenario = SCENARIOS[opts.scenario]
  const clock = new VirtualScheduler(opts.startAt)
  const hub = new ModelHub(opts.reference, opts.units, clock)
  const timeScale = opts.timeScale ?? 60
  const field = new Field({
    unit: hub.sink({ id: 'sim-field', name: '城管通（模拟）', role: 'unit' }),
    district: hub.sink({ id: 'sim-district', name: '区指挥中心（模拟）', role: 'district' }),
    scheduler: clock,
    rng: new Rng(opts.seed, 101),
    timeScale,
    now: clock.now
  })
  hub.onChange((c) => field.onChange(c))

  let hall: HallAgent | null = null
  let size = null
  if (opts.hall ?? true) {
    const delayScale = opts.hallDelayScale ?? 1
    size = sizeHall(peakRate(scenario, opts.rate), delayScale)
    hall = new HallAgent({
      sinks: Array.from({ length: size.connections }, () => hub.sink(HALL_USER)),
      scheduler: clock,
      rng: new Rng(opts.seed, 201),
      world: {
        categories: new Map(opts.reference.categories.map((c) => [c.code, c])),
        responsibilities: opts.reference.responsibilities,
        dutyList: opts.reference.dutyList,
        calendar: opts.reference.calendar,
        deadlineScale: (opts.hallDeadlines ?? 'field') === 'field' ? timeScale : null
      },
      units: opts.units.map((u) => ({ ...u, openCount: 0 })),
      seats: size.seats,
      workMs: size.workMs,
      delayScale,
      now: clock.now
    })
    const agent = hall
    hub.onChange((c) => agent.onChange(c))
  }

  const reporter = hub.sink({ id: 'sim-field', name: '城管通（模拟）', role: 'unit' })
  const generator = createGenerator(opts.seed, opts.scenario, opts.reference, { rate: opts.rate, units: opts.units })
  let reports = 0
  for (const r of generator.reports(opts.startAt, opts.durationMs)) {
    clock.at(r.at, () => {
      reports++
      void reporter.send({ commandId: randomUUID(), type: 'report', payload: { draft: r.draft }, issuedAt: new Date(r.at).toISOString() })
    })
  }
  const every = opts.sampleEveryMs ?? 300_000
  const samples: OpenSample[] = []
  const end = opts.startAt + opts.durationMs
  for (let t = opts.startAt + every; t <= end; t += every) {
    await clock.runUntil(t)
    samples.push(sample(hub, t))
  }
  await clock.runUntil(end)
  field.stop()
  hall?.stop()
  return {
    reports,
    hall:
      hall === null || size === null
        ? null
        : { ok: { ...hall.counters.ok }, errors: { ...hall.counters.errors }, conflicts: hall.counters.conflicts, seats: size.seats, connections: size.connections },
    field: { ok: { ...field.counters.ok }, errors: { ...field.counters.errors } },
    samples,
    final: sample(hub, end)
  }
}
