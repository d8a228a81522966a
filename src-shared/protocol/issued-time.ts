// Rev 1.7: the time a dispatcher issued a command, recorded by the hub next to the time it applied
// it. One place for its bounds, so the hub's refusal and the console's stamp agree.

/** How far ahead of the hub's clock an issued time may lie (consoles stamp hub-corrected time). */
export const ISSUED_MAX_AHEAD_MS = 5 * 60_000
/**
 * How old an issued time may be: the time the hub keeps answers (rev 1.1). An older command may have
 * been answered and its answer forgotten, so applying it could apply it twice.
 */
export const ISSUED_MAX_AGE_MS = 30 * 24 * 60 * 60_000

/** Why an issued time is out of bounds at hub time `nowMs`, or null when it is within them. */
export function issuedTimeProblem(issuedAt: string, nowMs: number): string | null {
  const at = Date.parse(issuedAt)
  if (!Number.isFinite(at)) return `issuedAt ${issuedAt} is not a valid time`
  if (at - nowMs > ISSUED_MAX_AHEAD_MS) {
    return `issuedAt ${issuedAt} lies ${Math.round((at - nowMs) / 60_000)} min after the hub's clock (at most ${ISSUED_MAX_AHEAD_MS / 60_000} min allowed): check this computer's clock`
  }
  if (nowMs - at > ISSUED_MAX_AGE_MS) {
    return `issuedAt ${issuedAt} is older than ${ISSUED_MAX_AGE_MS / 86_400_000} days: the hub may have forgotten its answer, so it is not applied; issue it again`
  }
  return null
}
