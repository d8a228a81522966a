// Schema 5 (issue 14, protocol rev 1.8): the functional grids (功能性网格) the hub sends a console that
// speaks them. Like the other entity tables: data NULL is a tombstone (left scope), its version and
// seq kept so a late, older change cannot bring it back. Filled by the same write path as the rest.
import { type Migration } from './types'

export const migration005: Migration = {
  version: 5,
  name: 'functional-grids',
  async up(conn) {
    await conn.exec(`
      CREATE TABLE functional_grids (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        data TEXT
      );
      CREATE INDEX functional_grids_seq ON functional_grids(seq);
    `)
  }
}
