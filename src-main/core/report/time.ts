// Instants written out in the hall's own zone with its offset (ISO 8601, "2026-11-30T12:00:00+08:00"):
// what Open311 asks for, and what a person reading the CSV in the hall expects to see.
const MINUTE = 60_000

export function isoWithOffset(instant: string | number, offsetMinutes: number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant)
  const local = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

export const isoOrNull = (instant: string | null, offsetMinutes: number): string | null =>
  instant === null ? null : isoWithOffset(instant, offsetMinutes)
