// Writing the hub's answers down, in the order the commands were sent. An ok answer is applied to
// the cache in the same transaction that removes its command (so a crash never leaves a command
// both applied and queued); a run of ok answers shares one transaction. A final error is held for
// the person (failed, or conflict with the case as the hub has it). Anything transient — a timeout,
// a disconnect, a malformed answer, rate_limited, internal — puts the command back in the queue,
// with the same commandId, and asks the sender to halt (the hub answers a repeat with its stored
// answer, so a resend is never applied twice).
import { type Change, CommandAnswer, FINAL_ERROR_CODES, Incident, describeIssues } from '../../../src-shared/protocol'
import { type JournalHook } from '../command-journal'
import { type Log } from '../log'
import { type Store } from '../store'
import { screenParsed } from '../validate-changes'
import { type Flight, type SettledOk, readOutcome, toApiError } from './flight'
import { type OutboxQueue } from './queue'
import { type RebaseChain } from './rebase-chain'
import { type CommandChannel } from './types'

export type AnswerDeps = {
  store: Store
  queue: OutboxQueue
  chain: RebaseChain
  channel: CommandChannel
  log: Log
  journal?: JournalHook
  ackTimeoutMs: number
  /**
   * Stop new sends until the window has settled: with a backoff (`reason`), or until the
   * reconnect (null). Raises the sender's failed_retry or disconnected.
   */
  halt: (reason: string | null) => void
  /** A command was answered for good (ok or a final error): the backoff starts over. */
  answered: () => void
}

export class AnswerWriter {
  constructor(private readonly d: AnswerDeps) {}

  /** Writes down settled flights in send order; a run of ok answers completes in one transaction. */
  async settleAll(done: readonly Flight[]): Promise<void> {
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

  /** Anything but a well-formed ok answer: a final error is held, the rest go back to the queue. */
  private async settle(flight: Flight): Promise<void> {
    const { entry, command } = flight
    const { queue, log } = this.d
    const outcome = flight.outcome ?? { kind: 'timeout' }
    const id = command.commandId
    const attempts = entry.attempts
    if (outcome.kind !== 'answer') {
      await queue.patch(id, { state: 'queued', attempts })
      // On disconnect the reconnect kicks us; a timeout waits out a backoff first.
      this.d.halt(outcome.kind === 'timeout' ? `no answer within ${this.d.ackTimeoutMs} ms` : null)
      return
    }
    const answer = CommandAnswer.safeParse(outcome.value)
    if (!answer.success) {
      log('error', 'refused a bad command answer', { commandId: id, reason: describeIssues(answer.error) })
      await queue.patch(id, { state: 'queued', attempts })
      this.d.halt('bad answer')
      return
    }
    const a = answer.data
    if (a.ok) {
      // A well-formed answer whose entity is not what this command makes (readOutcome took the rest).
      log('warn', 'command answer carried an entity of an unexpected kind', { commandId: id })
      await this.completed([{ kind: 'ok', flight, seq: a.seq, made: null }])
      return
    }
    const error = toApiError(a.error)
    if (FINAL_ERROR_CODES.includes(a.error.code)) {
      const current = a.error.code === 'conflict' ? Incident.safeParse(a.error.current) : null
      await queue.patch(id, {
        state: a.error.code === 'conflict' ? 'conflict' : 'failed',
        attempts,
        error,
        current: current?.success ? current.data : null
      })
      log('warn', 'the hub refused a command', { commandId: id, type: command.type, code: a.error.code })
      this.d.journal?.answered(id, { kind: 'refused', code: a.error.code })
      this.d.answered()
      return
    }
    await queue.patch(id, { state: 'queued', attempts, error })
    this.d.halt(a.error.code)
  }

  /** Ok answers: each result applied and its command removed, all in one transaction. */
  private async completed(run: readonly SettledOk[]): Promise<void> {
    if (run.length === 0) return
    const { queue, channel } = this.d
    const items = run.map(({ flight, seq, made }) => {
      const command = flight.command
      const changes: Change[] = []
      if (made !== null) {
        const data = made.data
        changes.push({ seq, entity: made.entity, id: data.id, version: data.version, data } as Change)
        if (made.entity === 'incident' && command.incidentId !== undefined && command.expectedVersion !== undefined) {
          this.d.chain.note(command.incidentId, command.expectedVersion, data.version)
        }
      }
      // The entity was checked against its schema when the answer was read; scope is checked here.
      const screened = screenParsed(changes, channel.scopeSet)
      // Commands in one run are on different cases, so their followers never overlap.
      const rebased = queue.followers(command, made?.entity === 'incident' ? made.data.version : null)
      // The result's seq may lie beyond a gap: it is applied by version, lastSeq moves only if it is next.
      const input = { changes: screened.accepted, refused: screened.refused, coverage: { from: seq - 1, to: seq } }
      return { commandId: command.commandId, input, rebased }
    })
    const results = await this.d.store.completeCommands(items)
    channel.noteOwnWrites?.(items.flatMap((i) => i.input.changes))
    for (const { flight, seq } of run) this.d.journal?.answered(flight.command.commandId, { kind: 'ok', seq })
    this.d.answered()
    queue.completed(new Set(items.map((i) => i.commandId)), items.flatMap((i) => i.rebased))
    for (const result of results) channel.noteApplied(result)
  }
}
