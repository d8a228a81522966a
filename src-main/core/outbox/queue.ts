// The outbox's rows, in queue order: the working copy of the store's outbox table. The rule is
// "store first, then memory": every method that changes a row either writes it to SQLite before
// changing the copy here, or is handed a row the store has already written. So what the person is
// shown as queued has been saved, and a crash loses nothing the copy had.
//
// The list view the renderer gets is rebuilt lazily and sent at most once per frame, however fast
// commands are answered (a drain of hundreds of commands a second would otherwise flood IPC).
import { type OutboxEntry } from '../../../src-shared/api'
import { type Command } from '../../../src-shared/protocol'
import { pickSendable } from '../outbox-order'
import { type Store, type StoredOutbox } from '../store'
import { entryOf } from './flight'

type OutboxPatch = Parameters<Store['updateOutbox']>[1]

/** The outbox event is sent at most once per frame. */
const EMIT_FRAME_MS = 16

export class OutboxQueue {
  private rows: StoredOutbox[] = []
  private view: OutboxEntry[] = []
  private viewStale = false
  private emitTimer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly store: Store,
    /** The whole list, after every change (at most once per frame). */
    private readonly onChange: (entries: OutboxEntry[]) => void
  ) {}

  /** Loads what a previous run left (a command 'sending' at exit is resent with the same id). */
  async load(): Promise<void> {
    this.rows = await this.store.listOutbox()
    this.changed()
  }

  /** The rows in queue order. Read-only to callers: change them through the methods below. */
  get all(): readonly StoredOutbox[] {
    return this.rows
  }

  list(): OutboxEntry[] {
    if (this.viewStale) {
      this.view = this.rows.map(entryOf)
      this.viewStale = false
    }
    return this.view
  }

  find(commandId: string): StoredOutbox | undefined {
    return this.rows.find((e) => e.command.commandId === commandId)
  }

  /** A row the store has just written goes to the end of the queue. */
  append(stored: StoredOutbox): void {
    this.rows.push(stored)
    this.changed()
  }

  /** A row the store has just deleted leaves the copy. */
  remove(commandId: string): void {
    this.rows = this.rows.filter((e) => e.command.commandId !== commandId)
    this.changed()
  }

  /** Writes a patch durably, then to the working copy. */
  async patch(commandId: string, patch: OutboxPatch): Promise<void> {
    await this.store.updateOutbox(commandId, patch)
    const entry = this.find(commandId)
    if (entry !== undefined) Object.assign(entry, patch)
    this.changed()
  }

  /**
   * A row is put in flight. 'sending' and the attempt count live in memory until the answer: a
   * restart resends a queued and a sending command alike, with the same commandId.
   */
  markSending(entry: StoredOutbox): void {
    entry.state = 'sending'
    entry.attempts += 1
    this.changed()
  }

  /**
   * The store has completed these commands (their rows deleted) and moved their followers onto the
   * versions the answers made (`moved`, see followers): the copy catches up.
   */
  completed(done: ReadonlySet<string>, moved: readonly Command[]): void {
    for (const command of moved) {
      const entry = this.find(command.commandId)
      if (entry !== undefined) entry.command = command
    }
    this.rows = this.rows.filter((e) => !done.has(e.command.commandId))
    this.changed()
  }

  /**
   * The queued commands written against the version `command` replaced, moved onto the version it
   * made. Stored with the answer, so the chain survives a restart (an in-memory map would not).
   */
  followers(command: Command, madeVersion: number | null): Command[] {
    if (madeVersion === null || command.incidentId === undefined || command.expectedVersion === undefined) return []
    return this.rows
      .filter(
        (e) =>
          e.state === 'queued' &&
          e.command.commandId !== command.commandId &&
          e.command.incidentId === command.incidentId &&
          e.command.expectedVersion === command.expectedVersion
      )
      .map((e) => ({ ...e.command, expectedVersion: madeVersion }))
  }

  /**
   * Could a queued command go now if nothing were in flight? The send loop asks this before it
   * stops, so a command queued while the loop was winding down is never left behind.
   */
  hasSendable(): boolean {
    return pickSendable(this.rows, new Set(), 1).length > 0
  }

  /** No more list events (the outbox is closing). */
  close(): void {
    this.closed = true
    if (this.emitTimer !== null) clearTimeout(this.emitTimer)
    this.emitTimer = null
  }

  /** Marks the list view stale; listeners get it at most once per frame. */
  private changed(): void {
    this.viewStale = true
    if (this.closed) return
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = null
      if (!this.closed) this.onChange(this.list())
    }, EMIT_FRAME_MS)
  }
}
