// The console cache's meta table (consoleId, lastSeq, headSeq, hub, scope, user, settings): its
// schemas and the writes that run inside a caller's transaction. Read as a whole by Store.getMeta.
import { z } from 'zod'
import { Settings } from '../../../src-shared/api'
import { Id, Seq, StreetCode, User } from '../../../src-shared/protocol'
import { type SqlConnection } from '../../../src-sqlite/sqlite-db'
import { type MetaState } from '../store'

export const META_SCHEMAS = {
  consoleId: Id,
  lastSeq: Seq,
  headSeq: Seq,
  hubId: Id.nullable(),
  scope: z.array(StreetCode).nullable(),
  user: User.nullable(),
  settings: Settings
}
export type MetaKey = keyof typeof META_SCHEMAS
export type MetaWrite = Partial<Omit<MetaState, 'consoleId' | 'lastSeq' | 'referenceVersion'>>

export async function writeMeta(c: SqlConnection, key: MetaKey, value: unknown): Promise<void> {
  await c.run(
    `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    [key, JSON.stringify(value)]
  )
}

export async function readLastSeq(c: SqlConnection): Promise<number> {
  const row = await c.get(`SELECT value FROM meta WHERE key = 'lastSeq'`)
  if (row === undefined) return 0
  try {
    const parsed = Seq.safeParse(JSON.parse(String(row.value)))
    return parsed.success ? parsed.data : 0
  } catch {
    return 0
  }
}
