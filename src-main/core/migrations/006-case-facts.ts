// Schema 6 (issue 10): the case facts (../case-facts.ts) replace the period index of schema 4, whose
// slim JSON still carried each case's whole timeline as ISO text (parsing it was most of a month's
// figures). The rows are clustered by report time (WITHOUT ROWID, primary key reported_ms, id), so a
// period is one range read. An existing cache is backfilled here from its `data` rows by the very
// function the store writes with, page by page; a row that is not shaped like an incident gets no
// facts, as the report path would have skipped it anyway.
import { looksLikeCachedIncident } from '../report/cached-incident'
import { upsertCaseFacts } from '../case-facts'
import type { Incident } from '../../../src-shared/protocol'
import type { SqlConnection } from '../../../src-sqlite/sqlite-db'
import { type Migration } from './types'

const PAGE = 2000

export const migration006: Migration = {
  version: 6,
  name: 'case-facts',
  async up(conn) {
    await conn.exec(`
      DROP TRIGGER IF EXISTS incident_index_gone;
      DROP TABLE IF EXISTS incident_index;
      CREATE TABLE case_facts (
        id TEXT NOT NULL UNIQUE,
        reported_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        settled INTEGER NOT NULL,
        facts TEXT NOT NULL,
        PRIMARY KEY (reported_ms, id)
      ) WITHOUT ROWID;
      CREATE INDEX case_facts_open_updated ON case_facts (settled, updated_ms);
      CREATE TRIGGER case_facts_gone AFTER DELETE ON incidents BEGIN
        DELETE FROM case_facts WHERE id = OLD.id;
      END;
    `)
    await backfillCaseFacts(conn)
  }
}

/** Writes the facts row of every cached incident, page by page, with the store's own writer. */
export async function backfillCaseFacts(conn: SqlConnection): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await conn.all('SELECT id, data FROM incidents WHERE data IS NOT NULL AND id > ? ORDER BY id LIMIT ?', [after, PAGE])
    const incidents: Incident[] = []
    for (const row of rows) {
      try {
        const value: unknown = JSON.parse(String(row.data))
        if (looksLikeCachedIncident(value)) incidents.push(value)
      } catch {
        // not JSON: no facts (the report path skips such a row too)
      }
    }
    await upsertCaseFacts(conn, incidents)
    const last = rows[rows.length - 1]
    if (rows.length < PAGE || last === undefined) break
    after = String(last.id)
  }
}
