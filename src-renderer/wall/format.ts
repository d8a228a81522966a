// Formatting for the wall: hub clock in the centre's zone, and the on-time rate as a percentage.
export function formatClock(hubMs: number, utcOffsetMinutes: number): { time: string; date: string } {
  const local = new Date(hubMs + utcOffsetMinutes * 60_000)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return {
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
  }
}

/** 0.834 → '83.4%'; all on time → '100%' (the wall card fits five glyphs); null (nothing due yet) → null, shown as a dash. */
export function formatRate(rate: number | null): string | null {
  if (rate === null) return null
  const tenths = Math.round(rate * 1000)
  return tenths >= 1000 ? '100%' : `${(tenths / 10).toFixed(1)}%`
}

/** '08:05' on the centre's clock (the wall's handover times), whatever the PC's zone. */
export function formatHourMinute(iso: string, utcOffsetMinutes: number): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return '—'
  return formatClock(ms, utcOffsetMinutes).time.slice(0, 5)
}

/** The centre's zone as people write it: 480 → 'UTC+8', 330 → 'UTC+5:30', -300 → 'UTC−5'. */
export function formatUtcOffset(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? '−' : '+'
  const abs = Math.abs(utcOffsetMinutes)
  const minutes = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`
}

/** A duration split for the wall's lists ('3 h 12 min' in words from the messages): whole hours and minutes, never negative. */
export function hoursMinutes(ms: number): { h: number; m: number } {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000))
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}

/** The same past a day: whole days and hours ('9 d 13 h'), which reads at a glance where '229 h' does not. */
export function daysHours(ms: number): { d: number; h: number } | null {
  const { h } = hoursMinutes(ms)
  return h < 24 ? null : { d: Math.floor(h / 24), h: h % 24 }
}
