// The simulator's scenarios: how fast reports come, on which daily curve, with which mix.
// Figures follow docs/domain.md §7 (Jiangmen, July 2024) and are tuned per scenario.
import { type Source } from '../../src-shared/protocol'
import { DAILY_CURVE, FLAT_CURVE, MORNING_CURVE } from './curve'

export const SCENARIO_NAMES = ['normal', 'quiet-night', 'busy-morning', 'rainstorm'] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value)
}

/** Reports per second, daily average, when the caller gives no rate (a lively demo street). */
export const DEFAULT_RATE = 0.05

/** A concentrated surge of one kind of case around a random point (the rainstorm). */
export interface SurgeSpec {
  /** Multiplier of the base rate for the surge stream (flat over the day). */
  factor: number
  radiusM: number
  /** Minor category code → weight; codes missing from the reference are dropped. */
  minors: Readonly<Record<string, number>>
  /** Urgency the field gives surge cases (flooding is urgent whatever the default). */
  urgency: 'urgent'
  /** Text for the hub notice, when the hub offers a way to broadcast one. */
  notice: string
}

export interface Scenario {
  name: ScenarioName
  label: string
  /** Multiplier of the base rate for the background stream. */
  factor: number
  /** 24 hour-of-day multipliers, local time. */
  curve: readonly number[]
  /** Local hour the scenario is set at: the sample script starts there; pinned scenarios start the live clock there. */
  startHour: number
  /** True when the live driver should set its simulated clock to `startHour` instead of the real time. */
  pinClock: boolean
  /** Multipliers per major code ('05') or minor code ('0301') on top of the base mix. */
  mixFactors: Readonly<Record<string, number>>
  /** Source weights (need not sum to 1). */
  sources: Readonly<Record<Source, number>>
  surge: SurgeSpec | null
}

/** Source mix: patrol 86% (Jiangmen: 12,102 of 14,090), then hotline, video, public, hand-downs. */
export const BASE_SOURCES: Readonly<Record<Source, number>> = {
  grid_worker: 86,
  hotline: 5,
  video: 4.5,
  public: 2,
  superior: 1.5,
  department: 1
}

const NIGHT_SOURCES: Readonly<Record<Source, number>> = {
  // Few patrols at night; residents call 12345 about noise, cameras keep watching.
  grid_worker: 45,
  hotline: 35,
  video: 14,
  public: 5,
  superior: 0.5,
  department: 0.5
}

export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  normal: {
    name: 'normal',
    label: '平常日',
    factor: 1,
    curve: DAILY_CURVE,
    startHour: 10,
    pinClock: false,
    mixFactors: {},
    sources: BASE_SOURCES,
    surge: null
  },
  'quiet-night': {
    name: 'quiet-night',
    label: '平静夜间',
    factor: 0.2,
    curve: FLAT_CURVE,
    startHour: 1,
    pinClock: true,
    // Mostly street order and noise (噪声扰民, night works, late barbecues); flyers and
    // appearance wait for the morning patrol.
    mixFactors: { '05': 1.3, '02': 0.15, '01': 0.4, '0301': 40, '0605': 60, '0504': 4 },
    sources: NIGHT_SOURCES,
    surge: null
  },
  'busy-morning': {
    name: 'busy-morning',
    label: '繁忙早高峰',
    factor: 2.5,
    curve: MORNING_CURVE,
    startHour: 8,
    pinClock: true,
    // Morning markets and school runs: vendors and parking.
    mixFactors: { '0501': 1.8, '0505': 1.8 },
    sources: BASE_SOURCES,
    surge: null
  },
  rainstorm: {
    name: 'rainstorm',
    label: '暴雨',
    factor: 1,
    curve: DAILY_CURVE,
    startHour: 17,
    pinClock: false,
    mixFactors: {},
    sources: BASE_SOURCES,
    surge: {
      factor: 1.5,
      radiusM: 800,
      minors: { '0406': 70, '0401': 15, '0402': 15 },
      urgency: 'urgent',
      notice: '气象台发布暴雨橙色预警：局地积水严重，请各网格加强巡查，及时上报道路积水、路面塌陷等险情。'
    }
  }
}

/** Background reports per second at an instant's local hour: rate × factor × curve(hour). */
export function backgroundRate(scenario: Scenario, rate: number, hour: number): number {
  return rate * scenario.factor * (scenario.curve[hour] ?? 1)
}
