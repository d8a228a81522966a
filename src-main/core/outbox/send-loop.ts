// The send window and the loop that drives it. A fill puts queued commands in flight (queue order,
// up to maxInFlight unanswered, never two for one case — outbox-order.ts); the loop waits for
// answers and hands them, in send order, to the AnswerWriter. Whether a fill may send and whether
// a loop runs is the sender machine's call (sender-machine.ts): this file asks `maySend()` and
// raises events, it never decides a state.
//
// The one subtle rule, and why: the loop may stop only when nothing is in flight AND (if it may
// send) no fill is running and nothing queued could go now — decided and announced in the same
// synchronous turn (`end`). Two races of earlier rounds came from a gap there: a fill started by an
// ok answer that outlived the loop (096454c; its flights had no loop to write their answers down),
// and a command queued while the loop was winding down (its kick woke a loop that was gone).
// tests/main/core/outbox/fill-race.test.ts and stop-race.test.ts pin both.
import { type Command } from '../../../src-shared/protocol'
import { type RequestOutcome } from '../hub-link'
import { type Log } from '../log'
import { pickSendable } from '../outbox-order'
import { type StoredOutbox } from '../store'
import { type Flight, readOutcome } from './flight'
import { type OutboxQueue } from './queue'
import { type RebaseChain } from './rebase-chain'
import { type SenderEvent } from './sender-machine'
import { type CommandChannel, type OutboxTiming } from './types'

export type SendLoopDeps = {
  queue: OutboxQueue
  chain: RebaseChain
  channel: CommandChannel
  timing: OutboxTiming
  log: Log
  /** The sender's state allows sending and the hub is reachable (asked before every send). */
  maySend: () => boolean
  /** Writes settled flights down, in send order (AnswerWriter.settleAll). */
  writeDown: (done: readonly Flight[]) => Promise<void>
  /** Raises a sender event (the Outbox runs the machine). */
  raise: (event: SenderEvent) => void
  /** Tells the storage alarm of an error; true when it was the cache's (then it backs off). */
  storageFailed: (err: unknown) => boolean
}

export class SendLoop {
  /** The running loop, if any; cleared in the same turn as the loop decides to stop. */
  private running: Promise<void> | null = null
  /** In send order; a flight leaves once its outcome has been taken to be written down. */
  private flights: Flight[] = []
  /** Flights taken off the window and being written down: still known to a fill (never resent). */
  private settling: Flight[] = []
  /** Set while the loop waits for news (an answer, a kick); calling it resumes the loop. */
  private wakeUp: (() => void) | null = null
  /** The fill: at most one at a time (the loop and an ok answer both start one). */
  private readonly filler: OneAtATime

  constructor(private readonly d: SendLoopDeps) {
    this.filler = new OneAtATime(
      () =>
        this.fill().catch((err: unknown) => {
          if (this.d.storageFailed(err)) this.d.raise('storage_failed')
          else this.d.log('error', 'outbox could not send', { error: String(err) })
        }),
      () => this.d.maySend()
    )
  }

  get isRunning(): boolean {
    return this.running !== null
  }

  /** Commands sent and not yet answered. */
  get unanswered(): number {
    return this.flights.filter((f) => f.outcome === null).length
  }

  /** Commands in the window: sent, or answered and not yet written down. */
  get windowSize(): number {
    return this.flights.length + this.settling.length
  }

  /** Resolves when the current loop (and any started after it meanwhile) has stopped. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running
  }

  /** Wakes a loop waiting for news, so it fills again or sees that it must stop. */
  wake(): void {
    this.wakeUp?.()
  }

  /** Starts a loop (the machine's start_loop effect: only when none runs). */
  start(): void {
    let finish!: () => void
    const loop = new Promise<void>((resolve) => (finish = resolve))
    this.running = loop
    // The loop says it has stopped in the same turn as it decides to, so a kick a moment later
    // finds the sender idle and starts a new loop rather than waking one that is gone.
    const end = (event: SenderEvent): void => {
      if (this.running === loop) this.running = null
      finish()
      this.d.raise(event)
    }
    this.run(end).catch((err: unknown) => {
      if (this.d.storageFailed(err)) end('storage_failed')
      else {
        this.d.log('error', 'outbox sender failed', { error: String(err) })
        end('loop_failed')
      }
    })
  }

  /**
   * The loop: fills the window, then writes outcomes down in the order the commands were sent.
   * Stops (the window has settled) when nothing is in flight and, while it may send, no fill is
   * still running and nothing queued could go now — so no flight is ever left without a loop to
   * write its answer down, and no queued command without a loop to send it.
   */
  private async run(end: (event: 'window_settled') => void): Promise<void> {
    for (;;) {
      if (this.d.maySend()) await this.filler.run()
      const head = this.flights[0]
      if (head === undefined) {
        if (this.d.maySend() && (this.filler.busy || this.d.queue.hasSendable())) continue
        end('window_settled')
        return
      }
      if (head.outcome === null) {
        await new Promise<void>((resolve) => (this.wakeUp = resolve))
        this.wakeUp = null
        continue
      }
      const done: Flight[] = []
      while (this.flights[0]?.outcome != null) done.push(this.flights.shift() as Flight)
      // Still known to fill() while they are written down: never sent again from here, and an ok
      // one does not hold back its case.
      this.settling = done
      try {
        await this.d.writeDown(done)
      } finally {
        this.settling = []
      }
    }
  }

  /**
   * Sends what may go now: queue order, up to the window of unanswered commands, one per case. A
   * command the hub has answered ok no longer holds back the next one on its case, even before its
   * answer is written down here: the hub has applied it, and after a crash both are resent, in
   * order, with their commandIds. So the hub works on the next commands while this console writes.
   */
  private async fill(): Promise<void> {
    const answered = new Set<string>()
    let waiting = 0
    const known = [...this.flights, ...this.settling]
    for (const f of known) {
      if (f.read?.kind === 'ok') answered.add(f.command.commandId)
      else if (f.outcome === null) waiting += 1
    }
    const flying = new Set(known.map((f) => f.command.commandId))
    const rows = this.d.queue.all
    const candidates = answered.size === 0 ? rows : rows.filter((e) => !answered.has(e.command.commandId))
    const picks = pickSendable(candidates, flying, this.d.timing.maxInFlight - waiting)
    for (const entry of picks) {
      if (!this.d.maySend()) break
      const command = await this.rebase(entry)
      // Asked again after the write: a failure may have halted the sender meanwhile.
      if (!this.d.maySend()) break
      this.d.queue.markSending(entry)
      const flight: Flight = { entry, command, outcome: null, read: null }
      this.flights.push(flight)
      this.d.channel
        .request('command', command, this.d.timing.ackTimeoutMs)
        .catch((err: unknown): RequestOutcome => {
          this.d.log('error', 'sending a command failed', { commandId: command.commandId, error: String(err) })
          return { kind: 'timeout' }
        })
        .then((outcome) => this.arrived(flight, outcome))
      this.d.raise('flights_added')
    }
  }

  /** An answer (or a failure) arrived: read it once; an ok one frees its case for the next command. */
  private arrived(flight: Flight, outcome: RequestOutcome): void {
    flight.outcome = outcome
    const read = readOutcome(flight)
    flight.read = read
    if (read.kind === 'ok' && read.made?.entity === 'incident') {
      const { incidentId, expectedVersion } = flight.command
      // The next queued command written against the same version follows this one (see rebase).
      if (incidentId !== undefined && expectedVersion !== undefined) this.d.chain.note(incidentId, expectedVersion, read.made.data.version)
    }
    this.wake()
    if (read.kind === 'ok' && this.d.maySend()) void this.filler.run()
  }

  /** A never-sent command written against a version our own earlier command replaced follows it. */
  private async rebase(entry: StoredOutbox): Promise<Command> {
    const cmd = entry.command
    if (entry.attempts > 0 || cmd.incidentId === undefined || cmd.expectedVersion === undefined) return cmd
    const version = this.d.chain.follow(cmd.incidentId, cmd.expectedVersion)
    if (version === cmd.expectedVersion) return cmd
    const moved = { ...cmd, expectedVersion: version }
    await this.d.queue.patch(cmd.commandId, { command: moved })
    return moved
  }
}

/**
 * Runs an async job one at a time: a call while it runs joins that run and asks for one more
 * after it (if `mayRunAgain` still says so). Two flags, kept here so the loop above reads plainly.
 */
class OneAtATime {
  private current: Promise<void> | null = null
  private again = false

  constructor(
    private readonly job: () => Promise<void>,
    private readonly mayRunAgain: () => boolean
  ) {}

  get busy(): boolean {
    return this.current !== null
  }

  run(): Promise<void> {
    if (this.current !== null) {
      this.again = true
      return this.current
    }
    this.current = this.job().finally(() => {
      this.current = null
      if (this.again) {
        this.again = false
        if (this.mayRunAgain()) void this.run()
      }
    })
    return this.current
  }
}
