// The outbox sender as a state machine: what the send loop is doing and whether it may send.
// One table says, for every state and every event, the next state and what to do; `transition`
// only reads it. The Outbox (../outbox.ts) raises the events and carries out the effects; this
// file knows nothing of SQLite, timers or the hub, so every transition is tested on its own
// (tests/main/core/outbox/sender-machine.test.ts) and the table is printed in docs/architecture.md.

/** Where the sender stands. */
export const SENDER_STATES = [
  /** No send loop runs; the next kick starts one. Nothing is in flight. */
  'idle',
  /** The send loop runs and may send: it fills the window and writes answers down in send order. */
  'sending',
  /** A timeout, a bad answer, rate_limited or internal stopped new sends: the loop writes the window down, then a backoff follows. */
  'halted_retry',
  /** A disconnect stopped new sends: the loop writes the window down, then waits for the reconnect's kick. */
  'halted_reconnect',
  /** The window has settled after a transient failure; the retry timer is armed and nothing is sent until it fires. */
  'retry_wait',
  /** A write to the cache failed: the storage timer is armed, kicks are ignored, nothing new is sent until it fires. */
  'storage_wait',
  /** close() was called: nothing is sent again. */
  'closed'
] as const
export type SenderState = (typeof SENDER_STATES)[number]

/** What happens to the sender. `kick` is raised only while the hub is reachable. */
export const SENDER_EVENTS = [
  /** Something may be sendable: a command was queued or resolved, the link came back, a timer fired. */
  'kick',
  /** A fill put commands in flight. */
  'flights_added',
  /** An answer that asks for a backoff: a timeout, a malformed answer, rate_limited, internal. */
  'failed_retry',
  /** A command could not reach the hub because the link dropped. */
  'disconnected',
  /** The send loop found nothing in flight and no fill that may still add a flight: it stops. */
  'window_settled',
  /** The send loop stopped on an error that is not the storage's (logged). */
  'loop_failed',
  /** A write to the cache failed (the rows rolled back and are resent with their commandIds). */
  'storage_failed',
  /** The retry timer fired. */
  'retry_fired',
  /** The storage timer fired. */
  'storage_retry_fired',
  'close'
] as const
export type SenderEvent = (typeof SENDER_EVENTS)[number]

/** What the Outbox does on a transition, in this order. */
export type SenderEffect =
  /** Start a send loop. */
  | 'start_loop'
  /** Wake the running loop, which then fills the window again. */
  | 'wake_loop'
  /** Arm the retry timer with the next backoff (it raises `retry_fired`). */
  | 'arm_retry'
  /** Arm the storage timer with the storage alarm's delay (it raises `storage_retry_fired`). */
  | 'arm_storage_timer'
  /** Clear both timers. */
  | 'clear_timers'
  /** Raise `kick` next, if the hub is reachable. */
  | 'kick'

export type SenderRule = { readonly to: SenderState; readonly do: readonly SenderEffect[] }

/** To `state`, doing nothing. */
const go = (state: SenderState): SenderRule => ({ to: state, do: [] })
const toClosed: SenderRule = { to: 'closed', do: ['clear_timers', 'wake_loop'] }
const toStorageWait: SenderRule = { to: 'storage_wait', do: ['clear_timers', 'arm_storage_timer'] }

/**
 * THE transition table: every state × every event. A row that keeps the state and does nothing is
 * an event that state ignores, written out so the table is total.
 */
export type SenderTable = { readonly [S in SenderState]: { readonly [E in SenderEvent]: SenderRule } }

export const SENDER_TABLE: SenderTable = {
  idle: {
    kick: { to: 'sending', do: ['start_loop'] },
    // 096454c: a fill can finish after the loop it ran beside has stopped; its flights need a loop
    // to write their answers down.
    flights_added: { to: 'sending', do: ['start_loop'] },
    failed_retry: go('idle'),
    disconnected: go('idle'),
    window_settled: go('idle'),
    loop_failed: go('idle'),
    storage_failed: toStorageWait,
    retry_fired: go('idle'),
    storage_retry_fired: go('idle'),
    close: toClosed
  },
  sending: {
    kick: { to: 'sending', do: ['wake_loop'] },
    flights_added: { to: 'sending', do: ['wake_loop'] },
    failed_retry: go('halted_retry'),
    disconnected: go('halted_reconnect'),
    window_settled: go('idle'),
    loop_failed: go('idle'),
    storage_failed: toStorageWait,
    retry_fired: go('sending'),
    storage_retry_fired: go('sending'),
    close: toClosed
  },
  halted_retry: {
    kick: go('halted_retry'),
    flights_added: go('halted_retry'), // cannot happen: a fill puts a command in flight only in idle or sending
    failed_retry: go('halted_retry'),
    // The first reason that wants a backoff wins; a disconnect after it changes nothing.
    disconnected: go('halted_retry'),
    window_settled: { to: 'retry_wait', do: ['arm_retry'] },
    loop_failed: { to: 'retry_wait', do: ['arm_retry'] },
    storage_failed: toStorageWait,
    retry_fired: go('halted_retry'),
    storage_retry_fired: go('halted_retry'),
    close: toClosed
  },
  halted_reconnect: {
    kick: go('halted_reconnect'),
    flights_added: go('halted_reconnect'), // cannot happen (as above)
    // A failure that wants a backoff, after a disconnect, gets one.
    failed_retry: go('halted_retry'),
    disconnected: go('halted_reconnect'),
    // The reconnect may already have happened while the window settled: try once (kick is raised
    // only while the hub is reachable; otherwise the reconnect's own kick starts the loop).
    window_settled: { to: 'idle', do: ['kick'] },
    loop_failed: { to: 'idle', do: ['kick'] },
    storage_failed: toStorageWait,
    retry_fired: go('halted_reconnect'),
    storage_retry_fired: go('halted_reconnect'),
    close: toClosed
  },
  retry_wait: {
    // The timer kicks; a kick before it changes nothing (new commands go after the backoff).
    kick: go('retry_wait'),
    flights_added: go('retry_wait'), // cannot happen (as above)
    failed_retry: go('retry_wait'),
    disconnected: go('retry_wait'),
    window_settled: go('retry_wait'),
    loop_failed: go('retry_wait'),
    storage_failed: toStorageWait,
    retry_fired: { to: 'idle', do: ['kick'] },
    storage_retry_fired: go('retry_wait'),
    close: toClosed
  },
  storage_wait: {
    // A loop that ran when the write failed may go on writing answers down (a write that fails
    // again rolls back; the timer resends those commands with their commandIds).
    kick: go('storage_wait'),
    flights_added: go('storage_wait'), // cannot happen (as above)
    failed_retry: go('storage_wait'),
    disconnected: go('storage_wait'),
    window_settled: go('storage_wait'),
    loop_failed: go('storage_wait'),
    // One timer: a second failure while it is armed does not push it back.
    storage_failed: go('storage_wait'),
    retry_fired: go('storage_wait'),
    storage_retry_fired: { to: 'idle', do: ['kick'] },
    close: toClosed
  },
  closed: {
    kick: go('closed'),
    flights_added: go('closed'),
    failed_retry: go('closed'),
    disconnected: go('closed'),
    window_settled: go('closed'),
    loop_failed: go('closed'),
    storage_failed: go('closed'),
    retry_fired: go('closed'),
    storage_retry_fired: go('closed'),
    close: go('closed')
  }
}

/** The next state and what to do, read from the table (another table only in tests). Pure. */
export function transition(state: SenderState, event: SenderEvent, table: SenderTable = SENDER_TABLE): SenderRule {
  return table[state][event]
}

/** May a fill put a command in flight now? (The hub must also be reachable.) */
export function maySendIn(state: SenderState): boolean {
  return state === 'idle' || state === 'sending'
}

/** Is a send loop running in this state? `storage_wait` may have one (started before the failure). */
export function loopIn(state: SenderState): 'yes' | 'no' | 'either' {
  switch (state) {
    case 'sending':
    case 'halted_retry':
    case 'halted_reconnect':
      return 'yes'
    case 'storage_wait':
    case 'closed':
      return 'either'
    default:
      return 'no'
  }
}

/** What the Outbox reports of itself, to check a state's invariant. */
export type SenderFacts = {
  loopRunning: boolean
  /** Commands in the window: sent, or answered and not yet written down. */
  flights: number
  retryTimer: boolean
  storageTimer: boolean
}

/** The invariant each state keeps; null when it holds, else what is wrong. Asserted in tests. */
export function senderInvariant(state: SenderState, facts: SenderFacts): string | null {
  const loop = loopIn(state)
  if (loop === 'yes' && !facts.loopRunning) return `${state}: no send loop runs`
  if (loop === 'no' && facts.loopRunning) return `${state}: a send loop runs`
  // A flight always has a loop to write its answer down (the race of 096454c broke this).
  if (facts.flights > 0 && !facts.loopRunning && state !== 'storage_wait') return `${state}: ${facts.flights} in flight with no loop`
  if (facts.retryTimer !== (state === 'retry_wait')) return `${state}: retry timer ${facts.retryTimer ? 'armed' : 'not armed'}`
  if (facts.storageTimer !== (state === 'storage_wait')) return `${state}: storage timer ${facts.storageTimer ? 'armed' : 'not armed'}`
  return null
}
