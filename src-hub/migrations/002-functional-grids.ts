// Rev 1.8 (功能性网格): the functional grids' own table. One row per functional grid, the entity as
// JSON (like `entities`), plus the columns catch-up and the overlap check read: `seq` (the hub-wide
// sequence, shared with `entities`), the period, and `street_codes` (a JSON array, for scope).
// Functional grids never become tombstones (they end, and stay reportable), so there is no deleted_at.
import { type Migration } from '../../src-sqlite/migrations'

export const migration002: Migration = {
  version: 2,
  name: 'functional-grids',
  async up(conn) {
    await conn.exec(`
CREATE TABLE IF NOT EXISTS functional_grids (
  id           TEXT PRIMARY KEY,
  seq          INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  from_at      TEXT NOT NULL,
  to_at        TEXT NOT NULL,
  ended_at     TEXT,
  street_codes TEXT NOT NULL,
  data         TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS functional_grids_seq ON functional_grids (seq);
CREATE INDEX IF NOT EXISTS functional_grids_to_at ON functional_grids (to_at);
`)
  }
}
