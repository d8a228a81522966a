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
