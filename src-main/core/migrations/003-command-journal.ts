// Schema 3 (issue 12): the seat's command journal — what this seat issued, when, under which user,
// and the hub's answer — kept 90 days after the outbox row is gone. Ids and codes only: no payload,
// so no case text.
import { type Migration } from './types'

export const migration003: Migration = {
  version: 3,
  name: 'command-journal',
  async up(conn) {
    await conn.exec(`
      CREATE TABLE command_journal (
        command_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        incident_id TEXT,
        handover_id TEXT,
        issued_at TEXT NOT NULL,
        user_id TEXT,
        user_name TEXT,
        user_role TEXT,
        outcome TEXT NOT NULL DEFAULT 'pending',
        error_code TEXT,
        seq INTEGER,
        answered_at TEXT
      );
      CREATE INDEX command_journal_issued_at ON command_journal (issued_at);
    `)
  }
}
