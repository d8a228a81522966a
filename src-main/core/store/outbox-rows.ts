// The outbox table's rows: a command queued, listed in queue order, patched as it is sent and
// answered, dropped or replaced. (Completing a command with its result is Store.completeCommands:
// one transaction with the incident write path.)
import { ApiError, OutboxEntry, type OutboxState } from '../../../src-shared/api'
import { Command, Incident } from '../../../src-shared/protocol'
import { type SqlValue, type SqliteDb } from '../../../src-sqlite/sqlite-db'
import { type StoredOutbox } from '../store'
import { type RowRead } from './row-read'

export type OutboxPatch = { state?: OutboxState; attempts?: number; error?: ApiError | null; current?: Incident | null; command?: Command }

export async function addOutboxRow(db: SqliteDb, command: Command, queuedAt: string): Promise<StoredOutbox> {
  const { lastID } = await db.exclusive((c) =>
    c.run(`INSERT INTO outbox (command_id, command, state, attempts, queued_at) VALUES (?, ?, 'queued', 0, ?)`, [
      command.commandId,
      JSON.stringify(command),
      queuedAt
    ])
  )
  return { ord: lastID, command, state: 'queued', attempts: 0, error: null, current: null, queuedAt }
}

export async function listOutboxRows(db: SqliteDb, read: RowRead): Promise<StoredOutbox[]> {
  const rows = await db.exclusive((c) => c.all('SELECT * FROM outbox ORDER BY ord'))
  const out: StoredOutbox[] = []
  for (const r of rows) {
    const where = `outbox/${String(r.command_id)}`
    const command = read.parse(Command, r.command, where)
    const error = r.error === null ? null : read.parse(ApiError, r.error, `${where}.error`)
    const current = r.current === null ? null : read.parse(Incident, r.current, `${where}.current`)
    const entry = OutboxEntry.safeParse({
      command,
      state: r.state,
      attempts: r.attempts,
      error,
      current,
      queuedAt: r.queued_at
    })
    if (command === null || !entry.success) {
      if (command !== null) read.corrupt(where, 'outbox row fields')
      continue
    }
    out.push({ ...entry.data, ord: Number(r.ord) })
  }
  return out
}

export async function updateOutboxRow(db: SqliteDb, commandId: string, patch: OutboxPatch): Promise<void> {
  const sets: string[] = []
  const params: SqlValue[] = []
  const set = (col: string, value: SqlValue): void => {
    sets.push(`${col} = ?`)
    params.push(value)
  }
  const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v))
  if (patch.state !== undefined) set('state', patch.state)
  if (patch.attempts !== undefined) set('attempts', patch.attempts)
  if (patch.error !== undefined) set('error', json(patch.error))
  if (patch.current !== undefined) set('current', json(patch.current))
  if (patch.command !== undefined) set('command', JSON.stringify(patch.command))
  if (sets.length === 0) return
  await db.exclusive((c) => c.run(`UPDATE outbox SET ${sets.join(', ')} WHERE command_id = ?`, [...params, commandId]))
}

export async function deleteOutboxRow(db: SqliteDb, commandId: string): Promise<boolean> {
  const { changes } = await db.exclusive((c) => c.run('DELETE FROM outbox WHERE command_id = ?', [commandId]))
  return changes > 0
}

export async function replaceOutboxRow(db: SqliteDb, oldCommandId: string, command: Command, queuedAt: string): Promise<StoredOutbox> {
  const lastID = await db.transaction(async (c) => {
    await c.run('DELETE FROM outbox WHERE command_id = ?', [oldCommandId])
    const r = await c.run(
      `INSERT INTO outbox (command_id, command, state, attempts, queued_at) VALUES (?, ?, 'queued', 0, ?)`,
      [command.commandId, JSON.stringify(command), queuedAt]
    )
    return r.lastID
  })
  return { ord: lastID, command, state: 'queued', attempts: 0, error: null, current: null, queuedAt }
}
