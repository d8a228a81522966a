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
// When the sender may send, and whether a send loop runs, is one state machine
// (outbox/sender-machine.ts: its table is the only place those rules live; docs/architecture.md
// prints it). This class raises its events and carries out its effects.
import type { JournalHook } from './command-journal'
import { randomUUID } from 'node:crypto'
import { CommandRequest, type OutboxEntry, type Result, fail, ok } from '../../src-shared/api'
import { type Change, Command, CommandAnswer, FINAL_ERROR_CODES, Incident, describeIssues } from '../../src-shared/protocol'
import { type RequestOutcome } from './hub-link'
import { type Log } from './log'
import { type Flight, type SettledOk, entryOf, readOutcome, storageReason, toApiError } from './outbox/flight'
import {
  type SenderEvent,
  type SenderFacts,
  type SenderState,
  maySendIn,
  transition
} from './outbox/sender-machine'
import { pickSendable } from './outbox-order'
import { type ApplyResult, type Store, type StoredOutbox } from './store'
import { StorageHealth } from './storage-health'
import { screenParsed } from './validate-changes'

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
/** The outbox event is sent at most once per frame, however fast commands are answered. */
const EMIT_FRAME_MS = 16

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { ackTimeoutMs: 10_000, retryBaseMs: 1000, retryMaxMs: 30_000, maxInFlight: 32 }

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
  /** The working copy, in queue order; every change is written to the store first. */
  private entries: StoredOutbox[] = []
  private view: OutboxEntry[] = []
  private viewStale = false
  private emitTimer: NodeJS.Timeout | null = null
  /** The sender's state (outbox/sender-machine.ts); changed only by `raise`. */
  private state: SenderState = 'idle'
  /** The running send loop, if any (`idle()` awaits it). */
  private loop: Promise<void> | null = null
  /** In send order; a flight leaves once its outcome has been written down. */
  private flights: Flight[] = []
  /** Flights taken off the window and being written down (see runLoop). */
  private settling: Flight[] = []
  /** The fill running now (the loop and an ok answer both start one), and whether another was asked for. */
  private filling: Promise<void> | null = null
  private fillAgain = false
  /** Wakes the send loop when a flight settles or a command is queued. */
  private wake: (() => void) | null = null
  private failures = 0
  /** The last failure that halted the sender, for the retry's log line. */
  private haltReason = ''
  /** The write failure that armed the storage timer, for its log line. */
  private storageError = ''
  private retryTimer: NodeJS.Timeout | null = null
  private storageTimer: NodeJS.Timeout | null = null
  private readonly health: StorageHealth
  /** `${incidentId}@${expectedVersion}` → the version our own command made of it. */
  private readonly rebases = new Map<string, number>()

  constructor(private readonly opts: OutboxOptions) {
    this.timing = { ...DEFAULT_OUTBOX_TIMING, ...opts.timing }
    this.health = opts.health ?? new StorageHealth(opts.now)
  }

  /** Loads what a previous run left (a command 'sending' at exit is resent with the same id). */
  async load(): Promise<void> {
    this.entries = await this.opts.store.listOutbox()
    this.changed()
  }

  list(): OutboxEntry[] {
    if (this.viewStale) {
      this.view = this.entries.map(entryOf)
      this.viewStale = false
    }
    return this.view
  }

  /** How many commands are in flight now, sent and not yet answered (for tests and the benchmark). */
  get inFlight(): number {
    return this.flights.filter((f) => f.outcome === null).length
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
    this.entries.push(stored)
    this.opts.journal?.issued(command.data)
    this.changed()
    this.kick()
    return ok(entryOf(stored))
  }

  async resolve(commandId: string, resolution: 'discard' | 'retry'): Promise<Result<null>> {
    const entry = this.entries.find((e) => e.command.commandId === commandId)
    if (entry === undefined) return fail('not_found', 'no such command in the outbox')
    if (entry.state !== 'failed' && entry.state !== 'conflict') {
      return fail('invalid', 'only a command the hub refused can be discarded or retried')
    }
    try {
      if (resolution === 'discard') {
        await this.opts.store.deleteOutbox(commandId)
        this.remove(commandId)
        this.opts.journal?.answered(commandId, { kind: 'discarded' })
      } else {
        const old = entry.command
        const expectedVersion =
          entry.state === 'conflict' && entry.current !== null ? entry.current.version : old.expectedVersion
        const now = new Date(this.opts.now()).toISOString()
        const next = Command.parse({ ...old, commandId: randomUUID(), issuedAt: now, expectedVersion })
        const stored = await this.opts.store.replaceOutbox(commandId, next, now)
        this.remove(commandId)
        this.entries.push(stored)
        this.opts.journal?.answered(commandId, { kind: 'replaced' })
        this.opts.journal?.issued(next)
      }
    } catch (err) {
      this.health.failed(err)
      this.opts.log('error', 'could not update the outbox', { error: String(err) })
      return fail('storage', storageReason('the outbox could not be updated on this computer', this.health))
    }
    this.changed()
    this.kick()
    return ok(null)
  }

  /** Something may be sendable (reconnect, enqueue, timer); safe to call any time. */
  kick(): void {
    if (this.opts.channel.isOnline) this.raise('kick')
  }

  /** Resolves when the current send loop (if any) has stopped. */
  async idle(): Promise<void> {
    while (this.loop !== null) await this.loop
  }

  async close(): Promise<void> {
    this.raise('close')
    if (this.emitTimer !== null) clearTimeout(this.emitTimer)
    await this.loop
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
          this.startLoop()
          break
        case 'wake_loop':
          this.wake?.()
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
      loopRunning: this.loop !== null,
      flights: this.flights.length + this.settling.length,
      retryTimer: this.retryTimer !== null,
      storageTimer: this.storageTimer !== null
    }
  }

  private startLoop(): void {
    let finish!: () => void
    const loop = new Promise<void>((resolve) => (finish = resolve))
    this.loop = loop
    // The loop says it has stopped in the same turn as it decides to, so a kick a moment later
    // finds the sender idle and starts a new loop rather than waking one that is gone.
    const end = (event: SenderEvent): void => {
      if (this.loop === loop) this.loop = null
      finish()
      this.raise(event)
    }
    this.runLoop(end).catch((err: unknown) => {
      if (this.health.failed(err)) {
        this.storageError = String(err)
        end('storage_failed')
      } else {
        this.opts.log('error', 'outbox sender failed', { error: String(err) })
        end('loop_failed')
      }
    })
  }

  /** Marks the list view stale; listeners get it at most once per frame. */
  private changed(): void {
    this.viewStale = true
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = null
      if (this.state !== 'closed') this.opts.onChange(this.list())
    }, EMIT_FRAME_MS)
  }

  /**
   * The queued commands written against the version `command` replaced, moved onto the version it
   * made. Stored with the answer, so the chain survives a restart (the in-memory map would not).
   */
  private followers(command: Command, madeVersion: number | null): Command[] {
    if (madeVersion === null || command.incidentId === undefined || command.expectedVersion === undefined) return []
    return this.entries
      .filter(
        (e) =>
          e.state === 'queued' &&
          e.command.commandId !== command.commandId &&
          e.command.incidentId === command.incidentId &&
          e.command.expectedVersion === command.expectedVersion
      )
      .map((e) => ({ ...e.command, expectedVersion: madeVersion }))
  }

  private remove(commandId: string): void {
    this.entries = this.entries.filter((e) => e.command.commandId !== commandId)
  }

  /** Writes a patch durably, then to the working copy. */
  private async patch(commandId: string, patch: Parameters<Store['updateOutbox']>[1]): Promise<void> {
    await this.opts.store.updateOutbox(commandId, patch)
    const entry = this.entries.find((e) => e.command.commandId === commandId)
    if (entry !== undefined) Object.assign(entry, patch)
    this.changed()
  }

  private get maySend(): boolean {
    return maySendIn(this.state) && this.opts.channel.isOnline
  }

  /**
   * The send loop: fills the window, then writes down outcomes in the order the commands were
   * sent. Returns (the window has settled) when nothing is in flight and, while it may send, no
   * fill is still running and nothing queued could go now — so no flight is ever left without a
   * loop to write its answer down.
   */
  private async runLoop(end: (event: 'window_settled') => void): Promise<void> {
    for (;;) {
      if (this.maySend) await this.fillNow()
      const head = this.flights[0]
      if (head === undefined) {
        if (this.maySend && (this.filling !== null || this.sendable())) continue
        end('window_settled')
        return
      }
      if (head.outcome === null) {
        await new Promise<void>((resolve) => (this.wake = resolve))
        this.wake = null
        continue
      }
      const done: Flight[] = []
      while (this.flights[0]?.outcome != null) done.push(this.flights.shift() as Flight)
      // Still known to fill() while they are written down: never sent again from here, and an ok
      // one does not hold back its case.
      this.settling = done
      try {
        await this.settleAll(done)
      } finally {
        this.settling = []
      }
    }
  }

  /** Is a queued command free to go now (nothing in flight)? */
  private sendable(): boolean {
    return pickSendable(this.entries, new Set(), 1).length > 0
  }

  /** Fills the window now (joining a fill already running) and resolves when it is done. */
  private fillNow(): Promise<void> {
    if (this.filling !== null) {
      this.fillAgain = true
      return this.filling
    }
    this.filling = this.fill()
      .catch((err: unknown) => {
        if (this.health.failed(err)) {
          this.storageError = String(err)
          this.raise('storage_failed')
        } else this.opts.log('error', 'outbox could not send', { error: String(err) })
      })
      .finally(() => {
        this.filling = null
        if (this.fillAgain) {
          this.fillAgain = false
          if (this.maySend) void this.fillNow()
        }
      })
    return this.filling
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
    const candidates = answered.size === 0 ? this.entries : this.entries.filter((e) => !answered.has(e.command.commandId))
    const picks = pickSendable(candidates, flying, this.timing.maxInFlight - waiting)
    for (const entry of picks) {
      if (!this.maySend) break
      const command = await this.rebase(entry)
      // Asked again after the write: a failure may have halted the sender meanwhile.
      if (!this.maySend) break
      // 'sending' and the attempt count live in memory until the answer: a restart resends a
      // queued and a sending command alike, with the same commandId.
      entry.state = 'sending'
      entry.attempts += 1
      const flight: Flight = { entry, command, outcome: null, read: null }
      this.flights.push(flight)
      this.changed()
      this.opts.channel
        .request('command', command, this.timing.ackTimeoutMs)
        .catch((err: unknown): RequestOutcome => {
          this.opts.log('error', 'sending a command failed', { commandId: command.commandId, error: String(err) })
          return { kind: 'timeout' }
        })
        .then((outcome) => this.arrived(flight, outcome))
      this.raise('flights_added')
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
      if (incidentId !== undefined && expectedVersion !== undefined) this.rebases.set(`${incidentId}@${expectedVersion}`, read.made.data.version)
    }
    this.wake?.()
    if (read.kind === 'ok' && this.maySend) void this.fillNow()
  }

  /** A never-sent command written against a version our own earlier command replaced follows it. */
  private async rebase(entry: StoredOutbox): Promise<Command> {
    const cmd = entry.command
    if (entry.attempts > 0 || cmd.incidentId === undefined || cmd.expectedVersion === undefined) return cmd
    let version = cmd.expectedVersion
    for (let hops = 0; hops < 100; hops++) {
      const after = this.rebases.get(`${cmd.incidentId}@${version}`)
      if (after === undefined) break
      version = after
    }
    if (version === cmd.expectedVersion) return cmd
    const moved = { ...cmd, expectedVersion: version }
    await this.patch(cmd.commandId, { command: moved })
    return moved
  }

  /** Writes down settled flights in send order; a run of ok answers completes in one transaction. */
  private async settleAll(done: readonly Flight[]): Promise<void> {
    let run: SettledOk[] = []
    for (const flight of done) {
      const read = flight.read ?? readOutcome(flight)
      if (read.kind === 'ok') {
        run.push(read)
        continue
      }
      await this.completed(run)
      run = []
      await this.settle(flight)
    }
    await this.completed(run)
  }

  private get halted(): boolean {
    return this.state === 'halted_retry' || this.state === 'halted_reconnect'
  }

  /** Stops new sends until the window has settled; a reason that wants a backoff gets one. */
  private stop(backoff: string | null): void {
    if (backoff !== null && this.state !== 'halted_retry') this.haltReason = backoff
    this.raise(backoff === null ? 'disconnected' : 'failed_retry')
  }

  private async settle(flight: Flight): Promise<void> {
    const { entry, command } = flight
    const outcome = flight.outcome ?? { kind: 'timeout' }
    const id = command.commandId
    const attempts = entry.attempts
    if (outcome.kind !== 'answer') {
      await this.patch(id, { state: 'queued', attempts })
      // On disconnect the reconnect kicks us; a timeout waits out a backoff first.
      this.stop(outcome.kind === 'timeout' ? `no answer within ${this.timing.ackTimeoutMs} ms` : null)
      return
    }
    const answer = CommandAnswer.safeParse(outcome.value)
    if (!answer.success) {
      this.opts.log('error', 'refused a bad command answer', { commandId: id, reason: describeIssues(answer.error) })
      await this.patch(id, { state: 'queued', attempts })
      this.stop('bad answer')
      return
    }
    const a = answer.data
    if (a.ok) {
      // A well-formed answer whose entity is not what this command makes (readOutcome took the rest).
      this.opts.log('warn', 'command answer carried an entity of an unexpected kind', { commandId: id })
      await this.completed([{ kind: 'ok', flight, seq: a.seq, made: null }])
      return
    }
    const error = toApiError(a.error)
    if (FINAL_ERROR_CODES.includes(a.error.code)) {
      const current = a.error.code === 'conflict' ? Incident.safeParse(a.error.current) : null
      await this.patch(id, {
        state: a.error.code === 'conflict' ? 'conflict' : 'failed',
        attempts,
        error,
        current: current?.success ? current.data : null
      })
      this.opts.log('warn', 'the hub refused a command', { commandId: id, type: command.type, code: a.error.code })
      this.opts.journal?.answered(id, { kind: 'refused', code: a.error.code })
      if (!this.halted) this.failures = 0
      return
    }
    await this.patch(id, { state: 'queued', attempts, error })
    this.stop(a.error.code)
  }

  /** Ok answers: each result applied and its command removed, all in one transaction. */
  private async completed(run: readonly SettledOk[]): Promise<void> {
    if (run.length === 0) return
    const items = run.map(({ flight, seq, made }) => {
      const command = flight.command
      const changes: Change[] = []
      if (made !== null) {
        const data = made.data
        changes.push({ seq, entity: made.entity, id: data.id, version: data.version, data } as Change)
        if (made.entity === 'incident' && command.incidentId !== undefined && command.expectedVersion !== undefined) {
          this.rebases.set(`${command.incidentId}@${command.expectedVersion}`, data.version)
        }
      }
      // The entity was checked against its schema when the answer was read; scope is checked here.
      const screened = screenParsed(changes, this.opts.channel.scopeSet)
      // Commands in one run are on different cases, so their followers never overlap.
      const rebased = this.followers(command, made?.entity === 'incident' ? made.data.version : null)
      // The result's seq may lie beyond a gap: it is applied by version, lastSeq moves only if it is next.
      const input = { changes: screened.accepted, refused: screened.refused, coverage: { from: seq - 1, to: seq } }
      return { commandId: command.commandId, input, rebased }
    })
    const results = await this.opts.store.completeCommands(items)
    this.opts.channel.noteOwnWrites?.(items.flatMap((i) => i.input.changes))
    const done = new Set(items.map((i) => i.commandId))
    for (const { flight, seq } of run) this.opts.journal?.answered(flight.command.commandId, { kind: 'ok', seq })
    for (const moved of items.flatMap((i) => i.rebased)) {
      const entry = this.entries.find((e) => e.command.commandId === moved.commandId)
      if (entry !== undefined) entry.command = moved
    }
    if (!this.halted) this.failures = 0
    this.entries = this.entries.filter((e) => !done.has(e.command.commandId))
    this.changed()
    for (const result of results) this.opts.channel.noteApplied(result)
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
