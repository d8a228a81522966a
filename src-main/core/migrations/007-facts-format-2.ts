// Schema 7 (issue 10): the case facts in format 2 (../case-facts-codec.ts: times as seconds after the
// report, status and urgency as small numbers, the log's entries as flat triples), about two thirds of
// format 1's text and much cheaper to parse. The table keeps its layout; every row is written again from
// the `data` rows by the very function the store writes with (migration 006's backfill, run again), so
// no row is left in format 1. A schema 6 cache opened read-only keeps its format 1 rows: the reader
// decodes both.
import { type Migration } from './types'
import { backfillCaseFacts } from './006-case-facts'

export const migration007: Migration = {
  version: 7,
  name: 'facts-format-2',
  async up(conn) {
    await conn.exec('DELETE FROM case_facts')
    await backfillCaseFacts(conn)
  }
}
