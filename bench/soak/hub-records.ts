// What the hub holds for each command the seat sent: read from the hub's SQLite file (read-only,
// beside the running hub: WAL lets a reader in) — the stored answer in `commands` and the number
// of incident timeline entries that carry the command's id (one per applied command).
import sqlite3 from 'sqlite3'
import type { HubRecord } from './shift-stats'

function all<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))))
}

export async function readHubRecords(dbPath: string, commandIds: readonly string[]): Promise<Map<string, HubRecord>> {
  const wanted = new Set(commandIds)
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(dbPath, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(d)))
  })
  try {
    const out = new Map<string, HubRecord>()
    const rec = (id: string): HubRecord => {
      let r = out.get(id)
      if (!r) out.set(id, (r = { answered: false, answerOk: null, timelineEntries: 0 }))
      return r
    }
    for (const row of await all<{ command_id: string; answer: string }>(db, 'SELECT command_id, answer FROM commands')) {
      if (!wanted.has(row.command_id)) continue
      const r = rec(row.command_id)
      r.answered = true
      r.answerOk = (JSON.parse(row.answer) as { ok?: boolean }).ok ?? null
    }
    for (const row of await all<{ data: string | null }>(db, "SELECT data FROM entities WHERE kind = 'incident' AND data IS NOT NULL")) {
      const inc = JSON.parse(row.data as string) as { timeline?: { commandId?: string }[] }
      for (const e of inc.timeline ?? []) if (e.commandId !== undefined && wanted.has(e.commandId)) rec(e.commandId).timelineEntries += 1
    }
    return out
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()))
  }
}
