// Hour-of-day multipliers for the report rate: quiet at night, peaks mid-morning and mid-afternoon.
// Patrols (86% of reports) follow shift hours, so the curve is the shape of the working day.

/** Raw shape of an ordinary day, 00:00–23:00 local; normalised below to a daily mean of 1. */
const DAILY_RAW = [
  0.12, 0.08, 0.06, 0.06, 0.08, 0.15, 0.35, 0.8, 1.5, 1.9, 2.0, 1.7,
  1.1, 1.2, 1.6, 1.8, 1.7, 1.35, 0.95, 0.75, 0.55, 0.4, 0.25, 0.17
] as const

/** A morning rush: the shape over 07:00–12:00 matters; normalised to mean 1 over those hours. */
const MORNING_RAW = [
  0.05, 0.03, 0.03, 0.03, 0.05, 0.12, 0.35, 0.75, 1.15, 1.35, 1.1, 0.65,
  0.45, 0.4, 0.4, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06
] as const

function normalise(raw: readonly number[], hours: readonly number[]): readonly number[] {
  const mean = hours.reduce((s, h) => s + (raw[h] as number), 0) / hours.length
  return Object.freeze(raw.map((v) => v / mean))
}

const ALL_HOURS = Array.from({ length: 24 }, (_, h) => h)

/** Multiplier per local hour; the mean over a day is exactly 1, so `rate` is the daily average. */
export const DAILY_CURVE = normalise(DAILY_RAW, ALL_HOURS)
/** Multiplier per local hour; the mean over 07:00–12:00 is exactly 1. */
export const MORNING_CURVE = normalise(MORNING_RAW, [7, 8, 9, 10, 11])
/** No daily shape: the rate is the same at every hour. */
export const FLAT_CURVE: readonly number[] = Object.freeze(ALL_HOURS.map(() => 1))

const HOUR_MS = 3_600_000

/** Local hour of day (0–23) of an instant, in a zone given as minutes east of UTC. */
export function localHour(atMs: number, utcOffsetMinutes: number): number {
  const local = atMs + utcOffsetMinutes * 60_000
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS)
}

/** Instant at which the local hour containing `atMs` ends (the curve is constant until then). */
export function endOfLocalHour(atMs: number, utcOffsetMinutes: number): number {
  const local = atMs + utcOffsetMinutes * 60_000
  return Math.floor(local / HOUR_MS) * HOUR_MS + HOUR_MS - utcOffsetMinutes * 60_000
}

/** The instant of a given local clock time on the local day that contains `dayMs`. */
export function atLocalTime(dayMs: number, hour: number, minute: number, utcOffsetMinutes: number): number {
  const offset = utcOffsetMinutes * 60_000
  const local = dayMs + offset
  const midnight = local - (((local % 86_400_000) + 86_400_000) % 86_400_000)
  return midnight + hour * HOUR_MS + minute * 60_000 - offset
}
