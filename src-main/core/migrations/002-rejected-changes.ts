// Schema 2: a bounded log of hub changes refused by validation, and seq indexes so a
// duplicate seq can be found without scanning.
import { type Migration } from './types'

export const migration002: Migration = {
  version: 2,
  name: 'rejected-changes',
  async up(conn) {
    await conn.exec(`
      CREATE TABLE rejected_changes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        seq INTEGER,
        entity TEXT,
        entity_id TEXT,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE INDEX incidents_seq ON incidents(seq);
      CREATE INDEX units_seq ON units(seq);
      CREATE INDEX handovers_seq ON handovers(seq);
    `)
  }
}
