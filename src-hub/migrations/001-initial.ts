// The hub's schema as it stood before migrations were numbered: latest version of every entity,
// the meta keys (hub_id, head_seq, min_seq), the first answer of every command, day counters.
import { type Migration } from '../../src-sqlite/migrations'

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  async up(conn) {
    await conn.exec(`
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  street_code TEXT,
  data TEXT,
  deleted_at INTEGER,
  PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS entities_by_seq ON entities (seq);
CREATE TABLE IF NOT EXISTS commands (command_id TEXT PRIMARY KEY, answer TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS commands_by_at ON commands (at);
CREATE TABLE IF NOT EXISTS day_counters (day TEXT PRIMARY KEY, n INTEGER NOT NULL);
`)
  }
}
