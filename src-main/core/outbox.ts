// The durable outbox: a command is written to SQLite before the person is told it is queued,
// then sent in order, one at a time, only while the hub is reachable. Answers are applied to the
// cache in the same transaction that removes the command; final errors are held for the person.
//
// Order policy: a command held with a final error does not block the ones behind it (even for
// the same case); each of those gets its own answer from the hub, and the held one waits for the
// person to discard or retry it. A transient failure (timeout, disconnect, rate_limited, internal)
// does block: the same command, with the same commandId, is resent first after a backoff.
import { randomUUID } from 'node:crypto'
import {
  type ApiError,
  CommandRequest,
  type OutboxEntry,
  type Result,
  fail,
  ok
} from '../../src-shared/api'
import {
  Command,
  CommandAnswer,
  FINAL_ERROR_CODES,
  Handover,
  Incident,
  type ProtocolError,
  describeIssues
} from '../../src-shared/protocol'
import { type RequestOutcome } from './hub-link'
import { type Log } from './log'
import { excerpt } from './refusal'
import { type ApplyResult, type Store, type StoredOutbox } from './store'
import { screenBatch } from './validate-changes'

/** What the outbox needs of the hub connection (the SyncClient, or a fake in tests). */
export type CommandChannel = {
  readonly isOnline: boolean
  readonly scopeSet: ReadonlySet<string> | null
  request(event: string, payload: unknown, timeoutMs?: number): Promise<RequestOutcome>
  noteApplied(result: ApplyResult): void
}

export type OutboxTiming = { ackTimeoutMs: number; retryBaseMs: number; retryMaxMs: number }
/** The outbox event is sent at most once per frame, however fast commands are answered. */
const EMIT_FRAME_MS = 16

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { ackTimeoutMs: 10_000, retryBaseMs: 1000, retryMaxMs: 30_000 }

export type OutboxOptions = {
  store: Store
  channel: CommandChannel
  log: Log
  now: () => number
  /** The whole list, after every change. */
  onChange: (entries: OutboxEntry[]) => void
  timing?: Partial<OutboxTiming>
}

function toApiError(error: ProtocolError): ApiError {
  const issues = (error.issues ?? []).slice(0, 50).map((i) => (typeof i === 'string' ? i : excerpt(i)).slice(0, 500))
  return issues.length > 0
    ? { code: error.code, message: error.message.slice(0, 4000), issues }
    : { code: error.code, message: error.message.slice(0, 4000) }
}

function entryOf(stored: StoredOutbox): OutboxEntry {
  const { ord: _ord, ...entry } = stored
  return entry
}

export class Outbox {
  private readonly timing: OutboxTiming
  /** The working copy, in queue order; every change is written to the store first. */
  private entries: StoredOutbox[] = []
  private view: OutboxEntry[] = []
  private emitTimer: NodeJS.Timeout | null = null
  private draining: Promise<void> | null = null
  private drainAgain = false
  private failures = 0
  private retryTimer: NodeJS.Timeout | null = null
  private closed = false
  /** `${incidentId}@${expectedVersion}` → the version our own command made of it. */
  private readonly rebases = new Map<string, number>()

  constructor(private readonly opts: OutboxOptions) {
    this.timing = { ...DEFAULT_OUTBOX_TIMING, ...opts.timing }
  }

  /** Loads what a previous run left (a command 'sending' at exit is resent with the same id). */
  async load(): Promise<void> {
    this.entries = await this.opts.store.listOutbox()
    this.changed()
  }

  list(): OutboxEntry[] {
    return this.view
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
      this.opts.log('error', 'could not write the command to the outbox', { error: String(err) })
      return fail('storage', 'the command could not be saved on this computer')
    }
    this.entries.push(stored)
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
      } else {
        const old = entry.command
        const expectedVersion =
          entry.state === 'conflict' && entry.current !== null ? entry.current.version : old.expectedVersion
        const now = new Date(this.opts.now()).toISOString()
        const next = Command.parse({ ...old, commandId: randomUUID(), issuedAt: now, expectedVersion })
        const stored = await this.opts.store.replaceOutbox(commandId, next, now)
        this.remove(commandId)
        this.entries.push(stored)
      }
    } catch (err) {
      this.opts.log('error', 'could not update the outbox', { error: String(err) })
      return fail('storage', 'the outbox could not be updated on this computer')
    }
    this.changed()
    this.kick()
    return ok(null)
  }

  /** Starts sending if the hub is reachable; safe to call any time (reconnect, enqueue, timer). */
  kick(): void {
    if (this.closed || !this.opts.channel.isOnline) return
    if (this.draining !== null) {
      this.drainAgain = true
      return
    }
    this.draining = this.drain()
      .catch((err: unknown) => this.opts.log('error', 'outbox sender failed', { error: String(err) }))
      .finally(() => {
        this.draining = null
        if (this.drainAgain && !this.closed) {
          this.drainAgain = false
          this.kick()
        }
      })
  }

  /** Resolves when the current send loop (if any) has stopped. */
  async idle(): Promise<void> {
    while (this.draining !== null) await this.draining
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    if (this.emitTimer !== null) clearTimeout(this.emitTimer)
    await this.draining
  }

  /** Refreshes the list view at once; listeners get it at most once per frame. */
  private changed(): void {
    this.view = this.entries.map(entryOf)
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = null
      if (!this.closed) this.opts.onChange(this.view)
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

  private async drain(): Promise<void> {
    while (!this.closed && this.opts.channel.isOnline && this.retryTimer === null) {
      const next = this.entries.find((e) => e.state === 'queued' || e.state === 'sending')
      if (next === undefined) return
      const command = await this.rebase(next)
      // 'sending' and the attempt count live in memory until the answer: a restart resends a
      // queued and a sending command alike, with the same commandId.
      next.state = 'sending'
      next.attempts += 1
      this.changed()
      const outcome = await this.opts.channel.request('command', command, this.timing.ackTimeoutMs)
      await this.settle(next, command, outcome)
    }
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

  private async settle(entry: StoredOutbox, command: Command, outcome: RequestOutcome): Promise<void> {
    const id = command.commandId
    const attempts = entry.attempts
    if (outcome.kind !== 'answer') {
      await this.patch(id, { state: 'queued', attempts })
      // On disconnect the reconnect kicks us; a timeout waits out a backoff first.
      if (outcome.kind === 'timeout') this.backoff(`no answer within ${this.timing.ackTimeoutMs} ms`)
      return
    }
    const answer = CommandAnswer.safeParse(outcome.value)
    if (!answer.success) {
      this.opts.log('error', 'refused a bad command answer', { commandId: id, reason: describeIssues(answer.error) })
      await this.patch(id, { state: 'queued', attempts })
      this.backoff('bad answer')
      return
    }
    const a = answer.data
    if (a.ok) {
      await this.completed(command, a.seq, a.entity)
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
      this.failures = 0
      return
    }
    await this.patch(id, { state: 'queued', attempts, error })
    this.backoff(a.error.code)
  }

  private async completed(command: Command, seq: number, raw: unknown): Promise<void> {
    const handover = command.type.startsWith('handover.')
    const entity = handover ? Handover.safeParse(raw) : Incident.safeParse(raw)
    let changes: unknown[] = []
    if (entity.success) {
      const data = entity.data
      changes = [{ seq, entity: handover ? 'handover' : 'incident', id: data.id, version: data.version, data }]
      if (!handover && command.incidentId !== undefined && command.expectedVersion !== undefined) {
        this.rebases.set(`${command.incidentId}@${command.expectedVersion}`, data.version)
      }
    } else {
      this.opts.log('warn', 'command answer carried an entity of an unexpected kind', { commandId: command.commandId })
    }
    const screened = screenBatch(changes, this.opts.channel.scopeSet)
    const rebased = this.followers(command, entity.success && !handover ? entity.data.version : null)
    // The result's seq may lie beyond a gap: it is applied by version, lastSeq moves only if it is next.
    const result = await this.opts.store.completeCommand(
      command.commandId,
      { changes: screened.accepted, refused: screened.refused, coverage: { from: seq - 1, to: seq } },
      rebased
    )
    for (const moved of rebased) {
      const entry = this.entries.find((e) => e.command.commandId === moved.commandId)
      if (entry !== undefined) entry.command = moved
    }
    this.failures = 0
    this.remove(command.commandId)
    this.changed()
    this.opts.channel.noteApplied(result)
  }

  private backoff(why: string): void {
    this.failures += 1
    const base = Math.min(this.timing.retryMaxMs, this.timing.retryBaseMs * 2 ** Math.min(this.failures - 1, 16))
    const delay = Math.round(base * (0.5 + Math.random() * 0.5))
    this.opts.log('info', 'outbox will retry', { why, inMs: delay })
    if (this.retryTimer !== null) clearTimeout(this.retryTimer)
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.kick()
    }, delay)
    this.retryTimer.unref?.()
  }
}
