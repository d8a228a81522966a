import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { MIGRATIONS, LATEST_SCHEMA, MigrationError, runMigrations, schemaVersion } from '../../../src-main/core/migrations'
import { migration001 } from '../../../src-main/core/migrations/001-initial'
import { migration002 } from '../../../src-main/core/migrations/002-rejected-changes'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: SqliteDb

beforeEach(async () => {
  tmp = makeTempDir()
  db = await SqliteDb.open(join(tmp.dir, 'cache.sqlite'))
})
afterEach(async () => {
  await db.close().catch(() => undefined)
  tmp.remove()
})

async function tables(): Promise<string[]> {
  const rows = await db.exclusive((c) => c.all(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`))
  return rows.map((r) => String(r.name)).filter((n) => !n.startsWith('sqlite_'))
}

describe('migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    // 3: the command journal (issue 12); 4: the period index of incidents (issue 10); 5: functional grids
    // (issue 14); 6: the case facts replacing the period index (issue 10); 7: the case facts in format 2 (issue 10).
    expect(LATEST_SCHEMA).toBe(7)
  })

  it('005 adds functional_grids to a v4 file without touching its data', async () => {
    await runMigrations(db, MIGRATIONS, 4)
    await db.exclusive((c) => c.run(`INSERT INTO handovers (id, version, seq, data) VALUES ('h1', 2, 9, NULL)`))
    await db.exclusive((c) => c.run(`INSERT INTO meta (key, value) VALUES ('lastSeq', '37'), ('headSeq', '40')`))
    expect(await runMigrations(db, MIGRATIONS, 5)).toEqual({ from: 4, to: 5 })
    // The older cache's seq run skipped every functional grid: it syncs from 0 once; headSeq stays.
    expect(await db.exclusive((c) => c.all(`SELECT key, value FROM meta WHERE key IN ('lastSeq', 'headSeq') ORDER BY key`))).toEqual([
      { key: 'headSeq', value: '40' },
      { key: 'lastSeq', value: '0' }
    ])
    expect(await tables()).toContain('functional_grids')
    await db.exclusive((c) => c.run(`INSERT INTO functional_grids (id, version, seq, data) VALUES ('fg-1', 1, 10, '{}')`))
    expect(await db.exclusive((c) => c.get(`SELECT version, seq FROM handovers WHERE id = 'h1'`))).toEqual({ version: 2, seq: 9 })
    const idx = await db.exclusive((c) => c.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'functional_grids_seq'`))
    expect(idx).toHaveLength(1)
  })

  it('001 creates the entity, meta, reference and outbox tables', async () => {
    await runMigrations(db, [migration001])
    expect(await schemaVersion(db)).toBe(1)
    expect(await tables()).toEqual(['handovers', 'incidents', 'meta', 'outbox', 'reference', 'units'])
    // outbox: the command id is unique and ord increases
    await db.exclusive(async (c) => {
      await c.run(`INSERT INTO outbox (command_id, command, state, queued_at) VALUES ('a', '{}', 'queued', 'now')`)
      await expect(
        c.run(`INSERT INTO outbox (command_id, command, state, queued_at) VALUES ('a', '{}', 'queued', 'now')`)
      ).rejects.toThrow(/UNIQUE/)
    })
  })

  it('002 adds rejected_changes and seq indexes to a v1 file without touching its data', async () => {
    await runMigrations(db, [migration001])
    await db.exclusive((c) => c.run(`INSERT INTO incidents (id, version, seq, data) VALUES ('i1', 3, 7, '{}')`))
    const result = await runMigrations(db, MIGRATIONS, 2)
    expect(result).toEqual({ from: 1, to: 2 })
    expect(await tables()).toContain('rejected_changes')
    const idx = await db.exclusive((c) => c.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%_seq'`))
    expect(idx.map((r) => r.name).sort()).toEqual(['handovers_seq', 'incidents_seq', 'units_seq'])
    const row = await db.exclusive((c) => c.get(`SELECT version, seq FROM incidents WHERE id = 'i1'`))
    expect(row).toEqual({ version: 3, seq: 7 })
    expect(migration002.version).toBe(2)
  })

  it('running again is a no-op', async () => {
    await runMigrations(db)
    expect(await runMigrations(db)).toEqual({ from: LATEST_SCHEMA, to: LATEST_SCHEMA })
  })

  it('refuses a file from a newer console', async () => {
    await db.exclusive((c) => c.exec('PRAGMA user_version = 99'))
    await expect(runMigrations(db)).rejects.toBeInstanceOf(MigrationError)
  })

  it('a failing migration rolls back completely and names itself', async () => {
    await runMigrations(db, [migration001])
    const broken = {
      version: 2,
      name: 'broken',
      async up(c: Parameters<typeof migration001.up>[0]) {
        await c.exec('CREATE TABLE half_done (x INTEGER)')
        await c.exec('THIS IS NOT SQL')
      }
    }
    await expect(runMigrations(db, [migration001, broken])).rejects.toThrow(/migration 2 \(broken\) failed/)
    expect(await schemaVersion(db)).toBe(1)
    expect(await tables()).not.toContain('half_done')
  })
})
