// Instants written out in the hall's own zone with its offset (ISO 8601, "2026-11-30T12:00:00+08:00"):
// what Open311 asks for, and what a person reading the CSV in the hall expects to see.
const MINUTE = 60_000
const DAY = 86_400_000

// A CSV of a month writes ~600,000 instants over ~30 days: the date part is built once per local day
// (a Date and toISOString per instant were a good part of the export's time), the clock part by hand.
const datePart = new Map<number, string>()
function localDate(day: number): string {
  let text = datePart.get(day)
  if (text === undefined) {
    if (datePart.size > 10_000) datePart.clear()
    text = new Date(day * DAY).toISOString().slice(0, 11) // 'YYYY-MM-DDT' (±YYYYYY for far years)
    datePart.set(day, text)
  }
  return text
}
const two = (n: number): string => (n < 10 ? `0${n}` : String(n))
const suffixes = new Map<number, string>()
function suffix(offsetMinutes: number): string {
  let text = suffixes.get(offsetMinutes)
  if (text === undefined) {
    const abs = Math.abs(offsetMinutes)
    text = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
    suffixes.set(offsetMinutes, text)
  }
  return text
}

/** The instant in the hall's zone to the second (milliseconds dropped, as toISOString().slice(0, 19)). */
export function isoWithOffset(instant: string | number, offsetMinutes: number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant)
  const local = ms + offsetMinutes * MINUTE
  if (!Number.isFinite(local)) throw new RangeError(`Invalid time value: ${String(instant)}`)
  const day = Math.floor(local / DAY)
  const seconds = Math.floor((local - day * DAY) / 1000)
  const clock = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
  return localDate(day) + clock + suffix(offsetMinutes)
}

export const isoOrNull = (instant: string | number | null, offsetMinutes: number): string | null =>
  instant === null ? null : isoWithOffset(instant, offsetMinutes)
