// The hub's schema comes from numbered migrations: a new file is built to the latest version, a
// file made before the numbering is recognised and stamped (its rows kept), a newer one refused.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HUB_MIGRATIONS, HUB_SCHEMA, migrateHub } from '../../../src-hub/migrations'
import { migration001 } from '../../../src-hub/migrations/001-initial'
import { HubStore } from '../../../src-hub/store'
import { MigrationError, schemaVersion, type Migration } from '../../../src-sqlite/migrations'
import { SqliteDb } from '../../../src-sqlite/sqlite-db'

const dirs: string[] = []
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'))
  dirs.push(dir)
  return join(dir, 'hub.sqlite')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function tables(db: SqliteDb): Promise<string[]> {
  const rows = await db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
  return rows.map((r) => String(r.name))
}

describe('hub migrations', () => {
  it('lists versions 1..n in order, with 001 first', () => {
    expect(HUB_MIGRATIONS[0]).toBe(migration001)
    expect(HUB_MIGRATIONS.map((m) => m.version)).toEqual(HUB_MIGRATIONS.map((_, i) => i + 1))
    expect(HUB_SCHEMA).toBe(HUB_MIGRATIONS.length)
  })

  it('builds a new file to the latest version', async () => {
    const db = await SqliteDb.open(tempDb())
    try {
      const result = await migrateHub(db)
      expect(result).toEqual({ from: 0, to: HUB_SCHEMA, adopted: false })
      expect(await schemaVersion(db)).toBe(HUB_SCHEMA)
      expect(await tables(db)).toEqual(expect.arrayContaining(['commands', 'day_counters', 'entities', 'meta']))
    } finally {
      await db.close()
    }
  })

  it('stamps a pre-numbering hub database (user_version 0, tables present) and keeps its rows', async () => {
    const path = tempDb()
    const legacy = await SqliteDb.open(path)
    // What an old hub left: the tables of 001, rows in them, user_version never set.
    await legacy.exclusive((c) => migration001.up(c))
    await legacy.exclusive((c) =>
      c.run("INSERT INTO entities (kind, id, version, seq, data) VALUES ('unit', 'u-1', 3, 7, '{}')")
    )
    expect(await schemaVersion(legacy)).toBe(0)
    const upsRun: number[] = []
    const spy: Migration[] = HUB_MIGRATIONS.map((m) => ({
      ...m,
      up: async (c) => {
        upsRun.push(m.version)
        await m.up(c)
      }
    }))
    const result = await migrateHub(legacy, spy)
    expect(result.adopted).toBe(true)
    expect(result.to).toBe(HUB_SCHEMA)
    expect(upsRun).not.toContain(1)
    expect(await schemaVersion(legacy)).toBe(HUB_SCHEMA)
    await legacy.close()

    // The hub starts on it and keeps what was there.
    const store = await HubStore.open(path)
    await store.close()
    const check = await SqliteDb.open(path)
    const row = await check.get("SELECT version, seq FROM entities WHERE kind = 'unit' AND id = 'u-1'")
    await check.close()
    expect(row).toEqual({ version: 3, seq: 7 })
  })

  it('builds, not stamps, a file at user_version 0 that holds only some other table', async () => {
    const db = await SqliteDb.open(tempDb())
    try {
      await db.exclusive((c) => c.exec('CREATE TABLE stray (x INTEGER)'))
      const result = await migrateHub(db)
      expect(result.adopted).toBe(false)
      expect(await tables(db)).toEqual(expect.arrayContaining(['entities', 'meta', 'stray']))
    } finally {
      await db.close()
    }
  })

  it('refuses a hub database newer than this hub, saying so, and leaves it untouched', async () => {
    const path = tempDb()
    const db = await SqliteDb.open(path)
    await migrateHub(db)
    await db.exclusive((c) => c.exec(`PRAGMA user_version = ${HUB_SCHEMA + 1}`))
    await expect(migrateHub(db)).rejects.toThrow(MigrationError)
    await expect(migrateHub(db)).rejects.toThrow(
      `hub database schema ${HUB_SCHEMA + 1} is newer than this hub knows (${HUB_SCHEMA})`
    )
    expect(await schemaVersion(db)).toBe(HUB_SCHEMA + 1)
    await db.close()
    await expect(HubStore.open(path)).rejects.toThrow(/newer than this hub/)
  })

  it('runs a further migration once, on an existing file, at hub start', async () => {
    const path = tempDb()
    const first = await HubStore.open(path)
    await first.close()
    const next: Migration = {
      version: HUB_SCHEMA + 1,
      name: 'test-extra',
      up: (c) => c.exec('CREATE TABLE extra (id TEXT PRIMARY KEY)')
    }
    const db = await SqliteDb.open(path)
    try {
      expect(await migrateHub(db, [...HUB_MIGRATIONS, next])).toEqual({ from: HUB_SCHEMA, to: HUB_SCHEMA + 1, adopted: false })
      expect(await migrateHub(db, [...HUB_MIGRATIONS, next])).toEqual({ from: HUB_SCHEMA + 1, to: HUB_SCHEMA + 1, adopted: false })
      expect(await tables(db)).toContain('extra')
    } finally {
      await db.close()
    }
  })
})
