// The durable outbox: a command is written to SQLite before the person is told it is queued,
// then sent only while the hub is reachable, several at once (a bounded window) but never two for
// the same case. Answers are applied to the cache in the transaction that removes the command;
// final errors are held for the person.
//
// Order policy (docs/protocol.md, rev 1.2): order is kept per case (and per handover); commands
// on different cases may be in flight together. A command held with a final error does not block
// the ones behind it (even for the same case). A transient failure (timeout, disconnect,
// rate_limited, internal) stops new sends; the commands in flight settle, then the unanswered ones
// are resent with the same commandIds, in queue order, after a backoff (the hub answers a repeat
// with its stored answer, so nothing is applied twice).
//
// How it is put together (read in this order):
// - outbox/sender-machine.ts — THE rules: the sender's one state value, its events, one total
//   transition table (printed in docs/architecture.md). Pure.
// - this file — the public face (enqueue, resolve, kick, idle, close) and `raise`, the one place the
//   state changes: it reads the table and carries out the effects (start/wake the loop, timers).
// - outbox/queue.ts — the rows in queue order, store first then memory, the list view per frame.
// - outbox/send-loop.ts — the send window and its loop; asks `maySend`, raises events.
// - outbox/answers.ts — writing answers down: applied with their removal, held, or requeued.
// - outbox/rebase-chain.ts, outbox/flight.ts — small helpers of those.
import type { JournalHook } from './command-journal'
import { randomUUID } from 'node:crypto'
import { CommandRequest, type OutboxEntry, type Result, fail, ok } from '../../src-shared/api'
import { Command, describeIssues } from '../../src-shared/protocol'
import { type Log } from './log'
import { AnswerWriter } from './outbox/answers'
import { entryOf, storageReason } from './outbox/flight'
import { OutboxQueue } from './outbox/queue'
import { RebaseChain } from './outbox/rebase-chain'
import { SendLoop } from './outbox/send-loop'
import {
  type SenderEvent,
  type SenderFacts,
  type SenderState,
  maySendIn,
  transition
} from './outbox/sender-machine'
import { DEFAULT_OUTBOX_TIMING, type CommandChannel, type OutboxTiming } from './outbox/types'
import { type Store, type StoredOutbox } from './store'
import { StorageHealth } from './storage-health'

export { DEFAULT_OUTBOX_TIMING, type CommandChannel, type OutboxTiming }

export type OutboxOptions = {
  store: Store
  channel: CommandChannel
  log: Log
  now: () => number
  /** The whole list, after every change. */
  onChange: (entries: OutboxEntry[]) => void
  timing?: Partial<OutboxTiming>
  /** Issue 12: the seat's command journal (what was issued and the hub's answer). */
  journal?: JournalHook
  /** Storage alarm shared with the sync client: a failed write backs off on it, never a busy loop. */
  health?: StorageHealth
  /** Tests: every transition of the sender, with what the outbox then holds (to check invariants). */
  onTransition?: (step: SenderStep) => void
}

export type SenderStep = { from: SenderState; event: SenderEvent; to: SenderState; facts: SenderFacts }

export class Outbox {
  private readonly timing: OutboxTiming
  private readonly health: StorageHealth
  private readonly queue: OutboxQueue
  private readonly loop: SendLoop
  /** The sender's state (outbox/sender-machine.ts); changed only by `raise`. */
  private state: SenderState = 'idle'
  /** Transient failures in a row, for the backoff; reset by any answer for good. */
  private failures = 0
  /** The last failure that halted the sender, for the retry's log line. */
  private haltReason = ''
  /** The write failure that armed the storage timer, for its log line. */
  private storageError = ''
  private retryTimer: NodeJS.Timeout | null = null
  private storageTimer: NodeJS.Timeout | null = null

  constructor(private readonly opts: OutboxOptions) {
    this.timing = { ...DEFAULT_OUTBOX_TIMING, ...opts.timing }
    this.health = opts.health ?? new StorageHealth(opts.now)
    this.queue = new OutboxQueue(opts.store, (entries) => {
      if (this.state !== 'closed') opts.onChange(entries)
    })
    const chain = new RebaseChain()
    const answers = new AnswerWriter({
      store: opts.store,
      queue: this.queue,
      chain,
      channel: opts.channel,
      log: opts.log,
      journal: opts.journal,
      ackTimeoutMs: this.timing.ackTimeoutMs,
      halt: (reason) => this.halt(reason),
      answered: () => {
        if (!this.halted) this.failures = 0
      }
    })
    this.loop = new SendLoop({
      queue: this.queue,
      chain,
      channel: opts.channel,
      timing: this.timing,
      log: opts.log,
      maySend: () => maySendIn(this.state) && opts.channel.isOnline,
      writeDown: (done) => answers.settleAll(done),
      raise: (event) => this.raise(event),
      storageFailed: (err) => {
        if (!this.health.failed(err)) return false
        this.storageError = String(err)
        return true
      }
    })
  }

  /** Loads what a previous run left (a command 'sending' at exit is resent with the same id). */
  load(): Promise<void> {
    return this.queue.load()
  }

  list(): OutboxEntry[] {
    return this.queue.list()
  }

  /** How many commands are in flight now, sent and not yet answered (for tests and the benchmark). */
  get inFlight(): number {
    return this.loop.unanswered
  }

  /** The sender's state (for tests and diagnostics). */
  get senderState(): SenderState {
    return this.state
  }

  async enqueue(request: unknown): Promise<Result<OutboxEntry>> {
    const req = CommandRequest.safeParse(request)
    if (!req.success) return fail('invalid', 'the command is not valid', req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`.slice(0, 500)).slice(0, 50))
    const now = new Date(this.opts.now()).toISOString()
    const command = Command.safeParse({ ...req.data, commandId: randomUUID(), issuedAt: now })
    if (!command.success) return fail('invalid', describeIssues(command.error).slice(0, 4000))
    let stored: StoredOutbox
    try {
      stored = await this.opts.store.addOutbox(command.data, now)
    } catch (err) {
      // A person's action, not a loop: always tried, so a freed disk is noticed at once.
      this.health.failed(err)
      this.opts.log('error', 'could not write the command to the outbox', { error: String(err) })
      return fail('storage', storageReason('the command could not be saved on this computer', this.health))
    }
    this.queue.append(stored)
    this.opts.journal?.issued(command.data)
    this.kick()
    return ok(entryOf(stored))
  }

  async resolve(commandId: string, resolution: 'discard' | 'retry'): Promise<Result<null>> {
    const entry = this.queue.find(commandId)
    if (entry === undefined) return fail('not_found', 'no such command in the outbox')
    if (entry.state !== 'failed' && entry.state !== 'conflict') {
      return fail('invalid', 'only a command the hub refused can be discarded or retried')
    }
    try {
      if (resolution === 'discard') {
        await this.opts.store.deleteOutbox(commandId)
        this.queue.remove(commandId)
        this.opts.journal?.answered(commandId, { kind: 'discarded' })
      } else {
        const old = entry.command
        const expectedVersion =
          entry.state === 'conflict' && entry.current !== null ? entry.current.version : old.expectedVersion
        const now = new Date(this.opts.now()).toISOString()
        const next = Command.parse({ ...old, commandId: randomUUID(), issuedAt: now, expectedVersion })
        const stored = await this.opts.store.replaceOutbox(commandId, next, now)
        this.queue.remove(commandId)
        this.queue.append(stored)
        this.opts.journal?.answered(commandId, { kind: 'replaced' })
        this.opts.journal?.issued(next)
      }
    } catch (err) {
      this.health.failed(err)
      this.opts.log('error', 'could not update the outbox', { error: String(err) })
      return fail('storage', storageReason('the outbox could not be updated on this computer', this.health))
    }
    this.kick()
    return ok(null)
  }

  /** Something may be sendable (reconnect, enqueue, timer); safe to call any time. */
  kick(): void {
    if (this.opts.channel.isOnline) this.raise('kick')
  }

  /** Resolves when the current send loop (if any) has stopped. */
  idle(): Promise<void> {
    return this.loop.idle()
  }

  async close(): Promise<void> {
    this.raise('close')
    this.queue.close()
    // The loop writes down what is in flight (answers arrive or time out), then stops.
    await this.loop.idle()
  }

  /** The one place the sender's state changes: read the table, then do what it says. */
  private raise(event: SenderEvent): void {
    const from = this.state
    const rule = transition(from, event)
    this.state = rule.to
    let kickNext = false
    for (const effect of rule.do) {
      switch (effect) {
        case 'start_loop':
          this.loop.start()
          break
        case 'wake_loop':
          this.loop.wake()
          break
        case 'arm_retry':
          this.armRetry()
          break
        case 'arm_storage_timer':
          this.armStorageTimer()
          break
        case 'clear_timers':
          if (this.retryTimer !== null) clearTimeout(this.retryTimer)
          if (this.storageTimer !== null) clearTimeout(this.storageTimer)
          this.retryTimer = this.storageTimer = null
          break
        case 'kick':
          kickNext = true
          break
      }
    }
    this.opts.onTransition?.({ from, event, to: rule.to, facts: this.facts() })
    // Raised after this transition is complete, as a transition of its own.
    if (kickNext) this.kick()
  }

  private facts(): SenderFacts {
    return {
      loopRunning: this.loop.isRunning,
      flights: this.loop.windowSize,
      retryTimer: this.retryTimer !== null,
      storageTimer: this.storageTimer !== null
    }
  }

  private get halted(): boolean {
    return this.state === 'halted_retry' || this.state === 'halted_reconnect'
  }

  /** Stops new sends until the window has settled; a reason that wants a backoff gets one. */
  private halt(backoff: string | null): void {
    if (backoff !== null && this.state !== 'halted_retry') this.haltReason = backoff
    this.raise(backoff === null ? 'disconnected' : 'failed_retry')
  }

  /**
   * The answers could not be written down: the rows stay in the outbox (the transaction rolled
   * back) and are sent again, with the same commandIds, when the storage timer fires.
   */
  private armStorageTimer(): void {
    const delay = this.health.retryDelayMs()
    this.opts.log('error', 'outbox could not write to the cache; retrying later', { error: this.storageError, inMs: delay })
    this.storageTimer = setTimeout(() => {
      this.storageTimer = null
      this.raise('storage_retry_fired')
    }, delay)
    this.storageTimer.unref?.()
  }

  /** One backoff for a whole settled window: doubling per failure in a row, capped, with jitter. */
  private armRetry(): void {
    this.failures += 1
    const base = Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** Math.min(this.failures - 1, 16))
    const delay = Math.round(base * (0.5 + Math.random() * 0.5))
    this.opts.log('info', 'outbox will retry', { why: this.haltReason, inMs: delay })
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.raise('retry_fired')
    }, delay)
    this.retryTimer.unref?.()
  }
}
