// The traffic simulator the hub CLI starts: a report stream plus the field and the district,
// all speaking protocol v1 to the hub as ordinary clients (roles 'unit' and 'district').
import { type ReferenceData } from '../../src-shared/protocol'
import { atLocalTime } from './curve'
import { ReportDriver } from './driver'
import { Field } from './field'
import { createGenerator } from './generate'
import { HallAgent } from './hall'
import { peakRate, sizeHall } from './hall-policy'
import { HubClient } from './hub-client'
import { Rng } from './prng'
import { Scheduler } from './scheduler'
import { SCENARIOS, type ScenarioName } from './scenarios'
import { type SimStats, type UnitSeed } from './types'

export { generateReports, createGenerator, type GeneratedReport, type GenerateOptions } from './generate'
export { SCENARIOS, SCENARIO_NAMES, isScenarioName, DEFAULT_RATE, type ScenarioName } from './scenarios'
export { type SimStats, type HallStats, type UnitSeed } from './types'
export { HALL_USER } from './hall-user'

export const MIN_RATE = 0.01
export const MAX_RATE = 1000
export const DEFAULT_TIME_SCALE = 60

export interface SimulatorOptions {
  hubUrl: string
  /** A 'unit' token not bound to one unit (it acts for whichever unit a case is assigned to). */
  unitToken: string
  districtToken: string
  /** Reports per second, averaged over a day; the scenario's curve shapes it by hour. */
  rate: number
  seed: number
  scenario: ScenarioName
  reference: ReferenceData
  units: UnitSeed[]
  /** Simulated time per real time for the field's delays; default 60 (a minute per second). */
  timeScale?: number
  log?: (msg: string) => void
  /** Simulated instant the report clock starts at; default now, or the scenario's hour for pinned ones. */
  startAt?: number
  /** How the hub broadcasts a notice (e.g. the rainstorm warning); without it the text is logged. */
  postNotice?: (notice: { level: 'info' | 'warning' | 'alert'; text: string }) => void
  /** Commands in flight per connection. */
  maxInFlight?: number
  /** Commands waiting or in flight beyond which new arrivals are skipped (and counted); default 5000. */
  maxBacklog?: number
  /** Play the hall's other dispatchers too (off unless given). */
  hall?: HallOptions
}

export interface HallOptions {
  /** A dispatcher or lead token; the hall acts under its user (e.g. HALL_USER) like any console. */
  token: string
  /** Multiplies the hall's pickup delays and seat work time; default 1 (a median of minutes to accept). */
  delayScale?: number
  /**
   * 'field' (default): dispatch deadlines are the category's limit on the field's clock (÷ timeScale),
   * so late work ends within minutes; 'calendar': the hub computes them on the working calendar.
   */
  deadlines?: 'field' | 'calendar'
}

export const HALL_DEADLINES = ['field', 'calendar'] as const

export interface StopOptions {
  /** Wait up to this long for commands already sent or queued to be answered (default 0: drop them). */
  drainMs?: number
}

export interface Simulator {
  /** Stops making reports and field moves, optionally lets queued commands finish, closes both connections. */
  stop(options?: StopOptions): Promise<void>
  stats(): SimStats
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  if (!(opts.rate >= MIN_RATE && opts.rate <= MAX_RATE)) {
    throw new Error(`rate must be between ${MIN_RATE} and ${MAX_RATE} reports per second, got ${opts.rate}`)
  }
  const timeScale = opts.timeScale ?? DEFAULT_TIME_SCALE
  if (!(Number.isFinite(timeScale) && timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`)
  const scenario = SCENARIOS[opts.scenario]
  if (scenario === undefined) throw new Error(`unknown scenario '${String(opts.scenario)}'`)
  const log = opts.log ?? (() => {})
  const generator = createGenerator(opts.seed, opts.scenario, opts.reference, { rate: opts.rate, units: opts.units })

  const maxInFlight = opts.maxInFlight ?? Math.min(256, Math.max(8, Math.ceil(opts.rate / 4)))
  const unit = new HubClient({
    hubUrl: opts.hubUrl,
    token: opts.unitToken,
    consoleId: 'simulator-unit',
    name: 'simulator/unit',
    follow: true,
    maxInFlight,
    log
  })
  const district = new HubClient({
    hubUrl: opts.hubUrl,
    token: opts.districtToken,
    consoleId: 'simulator-district',
    name: 'simulator/district',
    follow: false,
    maxInFlight: 8,
    log
  })
  const scheduler = new Scheduler(Date.now, (err) => log(`field action failed: ${String(err)}`))
  const field = new Field({ unit, district, scheduler, rng: new Rng(opts.seed, 101), timeScale, log })
  unit.onChange((change) => field.onChange(change))

  const hallClients: HubClient[] = []
  let hall: HallAgent | null = null
  let hallSize = null
  if (opts.hall !== undefined) {
    const delayScale = opts.hall.delayScale ?? 1
    if (!(Number.isFinite(delayScale) && delayScale > 0)) throw new Error(`hall delayScale must be > 0, got ${delayScale}`)
    const deadlines = opts.hall.deadlines ?? 'field'
    if (!HALL_DEADLINES.includes(deadlines)) throw new Error(`hall deadlines must be field or calendar, got ${String(deadlines)}`)
    hallSize = sizeHall(peakRate(scenario, opts.rate), delayScale)
    // Several seats' consoles when one would exceed the hub's per-console rate limit; only the first follows.
    for (let i = 0; i < hallSize.connections; i++) {
      hallClients.push(
        new HubClient({
          hubUrl: opts.hubUrl,
          token: opts.hall.token,
          consoleId: `sim-hall-${i + 1}`,
          name: `simulator/hall-${i + 1}`,
          follow: i === 0,
          maxInFlight: Math.max(8, Math.ceil(hallSize.seats / hallSize.connections)),
          log
        })
      )
    }
    hall = new HallAgent({
      sinks: hallClients,
      scheduler,
      rng: new Rng(opts.seed, 201),
      world: {
        categories: new Map(opts.reference.categories.map((c) => [c.code, c])),
        responsibilities: opts.reference.responsibilities,
        dutyList: opts.reference.dutyList,
        calendar: opts.reference.calendar,
        deadlineScale: deadlines === 'field' ? timeScale : null
      },
      units: opts.units.map((u) => ({ ...u, openCount: 0 })),
      seats: hallSize.seats,
      workMs: hallSize.workMs,
      delayScale,
      log
    })
    const agent = hall
    ;(hallClients[0] as HubClient).onChange((change) => agent.onChange(change))
  }

  try {
    await Promise.all([unit.connect(), district.connect(), ...hallClients.map((c) => c.connect())])
  } catch (err) {
    unit.close()
    district.close()
    for (const c of hallClients) c.close()
    hall?.stop()
    scheduler.stop()
    throw err
  }

  const now = Date.now()
  const simStart =
    opts.startAt ?? (scenario.pinClock ? atLocalTime(now, scenario.startHour, 0, generator.utcOffsetMinutes) : now)
  const driver = new ReportDriver({
    generator,
    client: unit,
    simStart,
    realStart: now,
    log,
    ...(opts.maxBacklog !== undefined ? { maxBacklog: opts.maxBacklog } : {})
  })
  driver.start()
  log(
    `scenario ${scenario.name} (${scenario.label}), seed ${opts.seed}, ${opts.rate}/s base, ` +
      `field time ×${timeScale}`
  )
  if (hallSize !== null) {
    log(
      `hall: ${hallSize.seats} seats on ${hallSize.connections} connection(s), delays ×${opts.hall?.delayScale ?? 1}, ` +
        `deadlines on the ${opts.hall?.deadlines ?? 'field'} clock`
    )
  }
  if (scenario.surge !== null && generator.surge !== null) {
    const { center, radiusM, places } = generator.surge
    log(
      `surge area ${places.length} grids within ${radiusM} m of ` +
        `${center.lng.toFixed(5)},${center.lat.toFixed(5)}`
    )
    if (opts.postNotice !== undefined) opts.postNotice({ level: 'alert', text: scenario.surge.notice })
    else log(`notice (no hub broadcast available): ${scenario.surge.notice}`)
  }

  let stopped = false
  return {
    async stop(options: StopOptions = {}) {
      if (stopped) return
      stopped = true
      driver.stop()
      field.stop()
      hall?.stop()
      scheduler.stop()
      const clients = [unit, district, ...hallClients]
      const until = Date.now() + (options.drainMs ?? 0)
      while (Date.now() < until && clients.some((c) => c.queued + c.sending > 0)) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      for (const c of clients) c.close()
    },
    stats(): SimStats {
      const ok: Record<string, number> = { ...field.counters.ok }
      if (driver.counters.ok > 0) ok.report = driver.counters.ok
      const errors: Record<string, number> = { ...field.counters.errors }
      for (const [code, n] of Object.entries(driver.counters.errors)) errors[`report:${code}`] = n
      return {
        generated: driver.counters.generated,
        skipped: driver.counters.skipped,
        ok,
        errors,
        resent: unit.counters.resent + district.counters.resent,
        queued: unit.queued + district.queued,
        inFlight: unit.sending + district.sending,
        conflicts: field.counters.conflicts,
        plannedFeedbacks: field.counters.plannedFeedbacks,
        plannedLate: field.counters.plannedLate,
        plannedReturns: field.counters.plannedReturns,
        plannedDeescalations: field.counters.plannedDeescalations,
        plannedSettlements: field.counters.plannedSettlements,
        known: field.knownCount,
        planned: field.plannedCount,
        badChanges: unit.counters.badChanges + (hallClients[0]?.counters.badChanges ?? 0),
        connected: { unit: unit.connected, district: district.connected },
        hall:
          hall === null || hallSize === null
            ? null
            : {
                ok: { ...hall.counters.ok },
                errors: { ...hall.counters.errors },
                conflicts: hall.counters.conflicts,
                skippedClaimed: hall.counters.skippedClaimed,
                tracked: hall.trackedCount,
                queued: hall.queuedCount,
                busySeats: hall.busySeats,
                seats: hallSize.seats,
                connections: hallSize.connections,
                connected: hallClients.every((c) => c.connected)
              }
      }
    }
  }
}
