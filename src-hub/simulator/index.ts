// The traffic simulator the hub CLI starts: a report stream plus the field and the district,
// all speaking protocol v1 to the hub as ordinary clients (roles 'unit' and 'district').
import { type ReferenceData } from '../../src-shared/protocol'
import { atLocalTime } from './curve'
import { ReportDriver } from './driver'
import { Field } from './field'
import { createGenerator } from './generate'
import { HubClient } from './hub-client'
import { Rng } from './prng'
import { Scheduler } from './scheduler'
import { SCENARIOS, type ScenarioName } from './scenarios'
import { type SimStats, type UnitSeed } from './types'

export { generateReports, createGenerator, type GeneratedReport, type GenerateOptions } from './generate'
export { SCENARIOS, SCENARIO_NAMES, isScenarioName, DEFAULT_RATE, type ScenarioName } from './scenarios'
export { type SimStats, type UnitSeed } from './types'

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
}

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

  try {
    await Promise.all([unit.connect(), district.connect()])
  } catch (err) {
    unit.close()
    district.close()
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
      scheduler.stop()
      const until = Date.now() + (options.drainMs ?? 0)
      while (Date.now() < until && unit.queued + unit.sending + district.queued + district.sending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      unit.close()
      district.close()
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
        known: field.knownCount,
        planned: field.plannedCount,
        badChanges: unit.counters.badChanges,
        connected: { unit: unit.connected, district: district.connected }
      }
    }
  }
}
