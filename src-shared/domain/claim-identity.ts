// Whose claim is it: the hub records claims under a console id it binds to the token's user
// (protocol rev 1.4), so one user can never claim, or release, in another user's name.
import { MAX_ID } from '../protocol/primitives'

/** The console id the hub records for `consoleId` sent with a token of `userId`. */
export function boundConsoleId(userId: string, consoleId: string): string {
  return `${userId}:${consoleId}`.slice(0, MAX_ID)
}

/**
 * True when a claim was made from this console by this user: under the id the hub binds to them,
 * or (claims stored before rev 1.4) the raw consoleId.
 */
export function claimIsMine(claim: { consoleId: string } | null, consoleId: string | null, userId: string | null): boolean {
  if (claim === null || consoleId === null) return false
  return claim.consoleId === consoleId || (userId !== null && claim.consoleId === boundConsoleId(userId, consoleId))
}
