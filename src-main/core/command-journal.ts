// The seat's command journal (issue 12): one row per command this seat issued, with the user it
// was issued under and the hub's answer, kept 90 days in the cache. The outbox reports to it
// through a small hook; a journal write that fails is logged and never holds a command back.
import type { Command, User } from '../../src-shared/protocol'
import type { Log } from './log'
import type { SqliteDb } from '../../src-sqlite/sqlite-db'

export const JOURNAL_DAYS = 90

export type JournalOutcome =
  | { kind: 'ok'; seq: number }
  | { kind: 'refused'; code: string }
  | { kind: 'discarded' }
  /** Sent again as a new command (retry after a conflict): that one has its own row. */
  | { kind: 'replaced' }

/** What the outbox calls; both never throw and never wait. */
export type JournalHook = {
  issued(command: Command): void
  answered(commandId: string, outcome: JournalOutcome): void
}

export type JournalRow = {
  commandId: string
  type: string
  incidentId: string | null
  handoverId: string | null
  issuedAt: string
  user: { id: string; name: string; role: string } | null
  outcome: 'pending' | 'ok' | 'refused' | 'discarded' | 'replaced'
  errorCode: string | null
  seq: number | null
  answeredAt: string | null
}

export class CommandJournal {
  private writes: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: SqliteDb,
    private readonly log: Log,
    private readonly now: () => number
  ) {}

  /** The hook for an outbox; `user` is read when a command is issued (the hub's welcome sets it). */
  hook(user: () => User | null): JournalHook {
    return {
      issued: (command) => {
        const u = user()
        this.write('INSERT OR IGNORE INTO command_journal (command_id, type, incident_id, handover_id, issued_at, user_id, user_name, user_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          command.commandId,
          command.type,
          command.incidentId ?? null,
          command.handoverId ?? null,
          command.issuedAt,
          u?.id ?? null,
          u?.name ?? null,
          u?.role ?? null
        ])
      },
      answered: (commandId, outcome) => {
        this.write('UPDATE command_journal SET outcome = ?, error_code = ?, seq = ?, answered_at = ? WHERE command_id = ?', [
          outcome.kind,
          outcome.kind === 'refused' ? outcome.code : null,
          outcome.kind === 'ok' ? outcome.seq : null,
          new Date(this.now()).toISOString(),
          commandId
        ])
      }
    }
  }

  private write(sql: string, params: (string | number | null)[]): void {
    this.writes = this.writes
      .then(() => this.db.exclusive((c) => c.run(sql, params)))
      .catch((err: unknown) => this.log('warn', 'could not write the command journal', { error: String(err) }))
  }

  /** Resolves once every journal write so far has been tried. */
  flush(): Promise<void> {
    return this.writes.then(() => undefined)
  }

  /** Rows newest first. */
  async list(limit = 200): Promise<JournalRow[]> {
    await this.flush()
    const rows = await this.db.exclusive((c) => c.all('SELECT * FROM command_journal ORDER BY issued_at DESC, rowid DESC LIMIT ?', [limit]))
    return rows.map((r) => ({
      commandId: String(r.command_id),
      type: String(r.type),
      incidentId: (r.incident_id as string | null) ?? null,
      handoverId: (r.handover_id as string | null) ?? null,
      issuedAt: String(r.issued_at),
      user: r.user_id ? { id: String(r.user_id), name: String(r.user_name), role: String(r.user_role) } : null,
      outcome: r.outcome as JournalRow['outcome'],
      errorCode: (r.error_code as string | null) ?? null,
      seq: typeof r.seq === 'number' ? r.seq : null,
      answeredAt: (r.answered_at as string | null) ?? null
    }))
  }

  /** Removes rows issued more than `days` ago; returns how many. */
  async prune(days = JOURNAL_DAYS): Promise<number> {
    const cutoff = new Date(this.now() - days * 24 * 60 * 60 * 1000).toISOString()
    const result = await this.db.exclusive((c) => c.run('DELETE FROM command_journal WHERE issued_at < ?', [cutoff]))
    return result.changes
  }
}
