// How the cache's JSON is read back: parsed with its schema; a row that is not JSON or fails its
// schema is logged, counted and skipped, never trusted. One RowReader per Store (its corruptRows).
import { type z } from 'zod'
import { type Log } from '../log'

/** What the store's parts need to read rows (outbox-rows.ts, incident-reads.ts). */
export type RowRead = {
  parse<S extends z.ZodType>(schema: S, text: unknown, where: string): z.infer<S> | null
  corrupt(where: string, reason: string): void
}

export class RowReader implements RowRead {
  /** Rows whose JSON failed its schema since open (each is also logged). */
  corruptRows = 0

  constructor(private readonly log: Log) {}

  parse<S extends z.ZodType>(schema: S, text: unknown, where: string): z.infer<S> | null {
    if (typeof text !== 'string') return null
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      this.corrupt(where, 'not JSON')
      return null
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    this.corrupt(where, parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
    return null
  }

  corrupt(where: string, reason: string): void {
    this.corruptRows += 1
    this.log('error', 'corrupt row in the console cache, skipped', { where, reason })
  }
}

/** The valid values of one JSON column of `rows`; the others are reported and skipped. */
export function parseRows<S extends z.ZodType>(
  read: RowRead,
  rows: { id?: unknown; [k: string]: unknown }[],
  col: string,
  schema: S,
  table: string
): z.infer<S>[] {
  const out: z.infer<S>[] = []
  for (const row of rows) {
    const value = read.parse(schema, row[col], `${table}/${String(row.id)}`)
    if (value !== null) out.push(value)
  }
  return out
}
