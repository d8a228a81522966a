// Types the simulator shares with the hub CLI and its tests.
export { type UnitSeed } from '../../src-shared/reference'

export interface SimStats {
  /** Reports the generator produced (sent or skipped). */
  generated: number
  /** Arrivals skipped because the hub fell too far behind (backlog full). */
  skipped: number
  /**
   * Commands answered ok, by type ('report', 'sign', 'feedback', 'return', 'deescalate'); 'settle' is a
   * district department's feedback on an escalated case (rev 1.3).
   */
  ok: Record<string, number>
  /** Commands answered with an error, by `type:code`. */
  errors: Record<string, number>
  /** Resends of a same commandId after a timeout or reconnect. */
  resent: number
  /** Commands waiting to be sent, and sent awaiting an answer (both connections). */
  queued: number
  inFlight: number
  /** Conflicts met (each answered by re-reading the case). */
  conflicts: number
  /** Field plans so far: feedbacks (of which late), returns, deescalations, departments' settlements. */
  plannedFeedbacks: number
  plannedLate: number
  plannedReturns: number
  plannedDeescalations: number
  plannedSettlements: number
  /** Open cases the field follows, and how many have an action pending. */
  known: number
  planned: number
  /** Changes refused as malformed. */
  badChanges: number
  connected: { unit: boolean; district: boolean }
  /** The simulated hall, when it runs. */
  hall: HallStats | null
}

export interface HallStats {
  /** Commands answered ok, by outcome: accept, reject, dispatch, escalate, close, rework. */
  ok: Record<string, number>
  errors: Record<string, number>
  conflicts: number
  /** Cases passed over because another console had claimed them. */
  skippedClaimed: number
  /** Cases in reported/accepted/resolved the hall follows; of them waiting for a free seat. */
  tracked: number
  queued: number
  busySeats: number
  seats: number
  connections: number
  connected: boolean
}
