// What the outbox's parts share: the hub connection it sends through and its timing. Re-exported
// by ../outbox.ts, which is what the rest of the core imports.
import { type Change } from '../../../src-shared/protocol'
import { type RequestOutcome } from '../hub-link'
import { type ApplyResult } from '../store'

/** What the outbox needs of the hub connection (the SyncClient, or a fake in tests). */
export type CommandChannel = {
  readonly isOnline: boolean
  readonly scopeSet: ReadonlySet<string> | null
  request(event: string, payload: unknown, timeoutMs?: number): Promise<RequestOutcome>
  noteApplied(result: ApplyResult): void
  /** The changes our own answered commands wrote to the cache, so their live echo need not be read again. */
  noteOwnWrites?(changes: readonly Change[]): void
}

export type OutboxTiming = {
  ackTimeoutMs: number
  retryBaseMs: number
  retryMaxMs: number
  /** Commands in flight at once (on different cases); 1 sends strictly one per round trip. */
  maxInFlight: number
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { ackTimeoutMs: 10_000, retryBaseMs: 1000, retryMaxMs: 30_000, maxInFlight: 32 }
