// The pure report generator: a seeded, non-homogeneous Poisson process of report drafts.
// Same seed, scenario, reference and window → the identical list; nothing here reads the clock.
import { type Category, type ReferenceData, type ReportDraft, type Source, type Urgency } from '../../src-shared/protocol'
import { endOfLocalHour, localHour } from './curve'
import { randomPointIn } from './geo'
import { buildCategoryMix, buildSurgeMix, type CategoryMix } from './mix'
import { hotGridTable, type Place, placesOf, surgeArea, type SurgeArea } from './places'
import { Rng, WeightedTable } from './prng'
import { backgroundRate, DEFAULT_RATE, type Scenario, SCENARIOS, type ScenarioName } from './scenarios'
import { addressOf, describe, reporterFor } from './text'
import { type UnitSeed } from './types'

export interface GeneratedReport {
  /** When the report arrives, ms since the epoch (fractional: a continuous-time process). */
  at: number
  draft: ReportDraft
  /** True for reports of the scenario's surge (the rainstorm's emergencies). */
  surge: boolean
}

export interface GenerateOptions {
  /** Base rate, reports per second averaged over a day (before the scenario's factor). */
  rate?: number
  /** Unit seeds, to name grid workers in reporter fields. */
  units?: readonly UnitSeed[]
}

/** Everything derived once from the inputs; shared by the pure generator and the live driver. */
export interface Generator {
  scenario: Scenario
  rate: number
  utcOffsetMinutes: number
  mix: CategoryMix
  surge: SurgeArea | null
  /** Reports per second at an instant (background plus surge). */
  rateAt(atMs: number): number
  /** Reports in [fromTime, fromTime + durationMs), in time order, produced lazily. */
  reports(fromTime: number, durationMs: number): Generator_<GeneratedReport>
}
type Generator_<T> = globalThis.Generator<T, void, undefined>

/** Salts keep each random stream apart, so e.g. the surge does not shift the background. */
const SALT = { grids: 11, surgeArea: 12, arrivals: 21, content: 22, surgeArrivals: 31, surgeContent: 32 } as const

/** Odds that the field raises a case's urgency above its category default. */
const BUMP_TO_IMPORTANT = 0.06
const BUMP_TO_URGENT = 0.03

export function createGenerator(
  seed: number,
  scenarioName: ScenarioName,
  reference: ReferenceData,
  options: GenerateOptions = {}
): Generator {
  const scenario = SCENARIOS[scenarioName]
  if (scenario === undefined) throw new Error(`unknown scenario '${String(scenarioName)}'`)
  const rate = options.rate ?? DEFAULT_RATE
  if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`rate must be a positive number, got ${rate}`)
  const utcOffsetMinutes = reference.calendar.utcOffsetMinutes
  const places = placesOf(reference)
  const grids = hotGridTable(places, new Rng(seed, SALT.grids))
  const mix = buildCategoryMix(reference.categories, scenario.mixFactors)
  const sources = new WeightedTable(Object.entries(scenario.sources) as [Source, number][])
  const workerNames = new Map((options.units ?? []).filter((u) => u.kind === 'grid_worker').map((u) => [u.id, u.name]))

  const spec = scenario.surge
  const surgeParts =
    spec === null
      ? null
      : {
          ...surgeArea(places, new Rng(seed, SALT.surgeArea), spec.radiusM),
          mix: buildSurgeMix(reference.categories, spec.minors)
        }

  const backgroundAt = (atMs: number): number => backgroundRate(scenario, rate, localHour(atMs, utcOffsetMinutes))
  const surgeAt = (): number => (spec === null ? 0 : rate * spec.factor)

  function draftFor(rng: Rng, category: Category, place: Place, source: Source, urgency: Urgency): ReportDraft {
    let at = place
    let location = randomPointIn(at.geometry, rng)
    // A degenerate grid polygon has no inside; move the report to the next likeliest grid.
    for (let tries = 0; location === null && tries < 10; tries++) {
      at = grids.sample(rng)
      location = randomPointIn(at.geometry, rng)
    }
    if (location === null) throw new Error(`could not place a report inside grid ${place.gridCode}`)
    const address = addressOf(at, rng).slice(0, 200)
    const { title, description } = describe(category, source, address, rng)
    return {
      categoryCode: category.code,
      urgency,
      source,
      title,
      description,
      address,
      location,
      gridCode: at.gridCode,
      reporter: reporterFor(source, at, rng, workerNames)
    }
  }

  function* background(fromTime: number, toTime: number): Generator_<GeneratedReport> {
    const arrivals = new Rng(seed, SALT.arrivals + fromTime)
    const content = new Rng(seed, SALT.content + fromTime)
    for (const at of poissonArrivals(arrivals, backgroundAt, fromTime, toTime, utcOffsetMinutes)) {
      const category = mix.table.sample(content)
      const source = sources.sample(content)
      const place = grids.sample(content)
      yield { at, draft: draftFor(content, category, place, source, bumped(category.defaultUrgency, content)), surge: false }
    }
  }

  function* surge(fromTime: number, toTime: number): Generator_<GeneratedReport> {
    if (spec === null || surgeParts === null) return
    const arrivals = new Rng(seed, SALT.surgeArrivals + fromTime)
    const content = new Rng(seed, SALT.surgeContent + fromTime)
    for (const at of poissonArrivals(arrivals, surgeAt, fromTime, toTime, utcOffsetMinutes)) {
      const category = surgeParts.mix.sample(content)
      // Storm reports come from patrols and from residents calling 12345.
      const source: Source = content.chance(0.6) ? 'grid_worker' : 'hotline'
      const place = surgeParts.table.sample(content)
      yield { at, draft: draftFor(content, category, place, source, spec.urgency), surge: true }
    }
  }

  return {
    scenario,
    rate,
    utcOffsetMinutes,
    mix,
    surge: surgeParts === null ? null : surgeParts.area,
    rateAt: (atMs) => backgroundAt(atMs) + surgeAt(),
    reports: (fromTime, durationMs) => {
      if (!Number.isFinite(fromTime) || !(durationMs >= 0)) {
        throw new Error(`bad window: from ${fromTime} for ${durationMs} ms`)
      }
      return mergeByTime(background(fromTime, fromTime + durationMs), surge(fromTime, fromTime + durationMs))
    }
  }
}

/** The whole window as a list (for tests and the sample script; the live driver iterates). */
export function generateReports(
  seed: number,
  scenario: ScenarioName,
  reference: ReferenceData,
  fromTime: number,
  durationMs: number,
  options: GenerateOptions = {}
): GeneratedReport[] {
  return [...createGenerator(seed, scenario, reference, options).reports(fromTime, durationMs)]
}

function bumped(urgency: Urgency, rng: Rng): Urgency {
  if (urgency === 'normal' && rng.chance(BUMP_TO_IMPORTANT)) return 'important'
  if (urgency !== 'urgent' && rng.chance(BUMP_TO_URGENT)) return 'urgent'
  return urgency
}

/**
 * Arrival times of a Poisson process whose rate (per second) is constant within each local
 * hour. Each hour restarts the exponential draw at its start, which is exact by memorylessness.
 */
export function* poissonArrivals(
  rng: Rng,
  ratePerSecond: (atMs: number) => number,
  fromTime: number,
  toTime: number,
  utcOffsetMinutes: number
): Generator_<number> {
  let t = fromTime
  while (t < toTime) {
    const segmentEnd = Math.min(toTime, endOfLocalHour(t, utcOffsetMinutes))
    const perMs = ratePerSecond(t) / 1000
    if (perMs > 0) {
      let s = t
      for (;;) {
        s += rng.exponential(perMs)
        if (s >= segmentEnd) break
        yield s
      }
    }
    t = segmentEnd
  }
}

function* mergeByTime(a: Generator_<GeneratedReport>, b: Generator_<GeneratedReport>): Generator_<GeneratedReport> {
  let x = a.next()
  let y = b.next()
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value.at <= y.value.at)) {
      yield x.value as GeneratedReport
      x = a.next()
    } else {
      yield y.value
      y = b.next()
    }
  }
}
