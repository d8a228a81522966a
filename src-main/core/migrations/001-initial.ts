// Schema 1: the cached entities, meta values, reference data and the durable outbox.
import { type Migration } from './types'

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  async up(conn) {
    // data NULL is a tombstone: the entity was deleted or left scope; its version/seq are kept
    // so a late, older change cannot bring it back.
    await conn.exec(`
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT,
        summary TEXT,
        data TEXT
      );
      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        data TEXT
      );
      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        data TEXT
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE reference (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE TABLE outbox (
        ord INTEGER PRIMARY KEY AUTOINCREMENT,
        command_id TEXT NOT NULL UNIQUE,
        command TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        current TEXT,
        queued_at TEXT NOT NULL
      );
    `)
  }
}
