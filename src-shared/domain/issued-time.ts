// Rev 1.7: a timeline entry's issued time (when the person issued the command) next to its applied
// time (when the hub applied it). Shown both only where they differ enough to matter to an audit.

/** Below this the two are the same moment for a person reading minutes (a normal round trip). */
export const ISSUED_SHOWN_FROM_MS = 60_000

/** The issued time when it differs from the applied time by a minute or more, else null. */
export function issuedApart(entry: { at: string; issuedAt?: string }): string | null {
  if (entry.issuedAt === undefined) return null
  const issued = Date.parse(entry.issuedAt)
  const applied = Date.parse(entry.at)
  if (!Number.isFinite(issued) || !Number.isFinite(applied)) return null
  return Math.abs(applied - issued) >= ISSUED_SHOWN_FROM_MS ? entry.issuedAt : null
}
