// A small promise wrapper around the sqlite3 driver: one connection, every use serialised,
// so a transaction can never interleave with another. Knows no table; store.ts owns the SQL.
import sqlite3 from 'sqlite3'

export type SqlValue = string | number | null
export type Row = Record<string, unknown>

/** The handful of operations the store needs; swapping the driver means reimplementing this. */
export type SqlConnection = {
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number; lastID: number }>
  get(sql: string, params?: SqlValue[]): Promise<Row | undefined>
  all(sql: string, params?: SqlValue[]): Promise<Row[]>
  exec(sql: string): Promise<void>
}

export class SqliteDb {
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string
  ) {}

  static open(path: string, mode: 'readwrite' | 'readonly' = 'readwrite'): Promise<SqliteDb> {
    const flags =
      mode === 'readonly' ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, flags, (err) => {
        if (err) reject(err)
        else resolve(new SqliteDb(db, path))
      })
    })
  }

  /** Runs fn alone on the connection: nothing else touches it until fn settles. */
  exclusive<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => {
      if (this.closed) throw new Error('database is closed')
      return fn(this.conn)
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  /** fn inside BEGIN IMMEDIATE … COMMIT; any error rolls the whole transaction back. */
  transaction<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
    return this.exclusive(async (conn) => {
      await conn.exec('BEGIN IMMEDIATE')
      try {
        const value = await fn(conn)
        await conn.exec('COMMIT')
        return value
      } catch (err) {
        await conn.exec('ROLLBACK').catch(() => undefined)
        throw err
      }
    })
  }

  close(): Promise<void> {
    return this.exclusive(
      () =>
        new Promise<void>((resolve, reject) => {
          this.closed = true
          this.db.close((err) => (err ? reject(err) : resolve()))
        })
    )
  }

  private readonly conn: SqlConnection = {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.db.run(sql, params, function (err) {
          if (err) reject(err)
          else resolve({ changes: this.changes, lastID: this.lastID })
        })
      }),
    get: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.db.get(sql, params, (err: Error | null, row: Row | undefined) => (err ? reject(err) : resolve(row)))
      }),
    all: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.db.all(sql, params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows)))
      }),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        this.db.exec(sql, (err) => (err ? reject(err) : resolve()))
      })
  }
}
