// Schema 5 (issue 14, protocol rev 1.8): the functional grids (功能性网格) the hub sends a console that
// speaks them. Like the other entity tables: data NULL is a tombstone (left scope), its version and
// seq kept so a late, older change cannot bring it back. Filled by the same write path as the rest.
// A cache from before it was kept by a console that did not list the feature, so the hub left the
// functional grids out of its seq run and its lastSeq passed them: the next sync starts from 0 again
// (a full catch-up, once; rows already held at their version are skipped), or those grids would
// stay unknown until they next change.
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
      UPDATE meta SET value = '0' WHERE key = 'lastSeq';
    `)
  }
}
