// The one promise wrapper around the sqlite3 driver, used by the console cache and the hub: one
// connection, every use serialised, so a transaction can never interleave with another. Knows no
// table; each store owns its SQL. The only file that touches the driver, so it can be swapped here.
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

/** Told of every write that reached the disk and every one that failed (storage-health.ts). */
export type WriteObserver = { failed(err: unknown, path: string): void; succeeded(): void }

/**
 * Decides, before a statement runs, whether it fails instead (with the error returned). The seam a
 * test uses to make writes fail as a full or read-only disk would; production code sets none.
 */
export type FaultInterposer = (sql: string) => Error | null

export class SqliteDb {
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private inTransaction = false
  private observer: WriteObserver | null = null
  private interposer: FaultInterposer | null = null

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

  watch(observer: WriteObserver | null): void {
    this.observer = observer
  }

  interpose(fault: FaultInterposer | null): void {
    this.interposer = fault
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

  /** One read, queued like every other use of the connection. */
  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return this.exclusive((c) => c.get(sql, params))
  }

  /** One read, queued like every other use of the connection. */
  all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return this.exclusive((c) => c.all(sql, params))
  }

  /** fn inside BEGIN IMMEDIATE … COMMIT; any error rolls the whole transaction back. */
  transaction<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
    return this.exclusive(async (conn) => {
      await conn.exec('BEGIN IMMEDIATE')
      this.inTransaction = true
      try {
        const value = await fn(conn)
        await conn.exec('COMMIT')
        this.inTransaction = false
        this.observer?.succeeded()
        return value
      } catch (err) {
        this.inTransaction = false
        await conn.exec('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        this.inTransaction = false
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

  /** A failed write is reported; a write outside a transaction counts as reaching the disk. */
  private settleWrite<T>(p: Promise<T>): Promise<T> {
    return p.then(
      (v) => {
        if (!this.inTransaction) this.observer?.succeeded()
        return v
      },
      (err: unknown) => {
        this.observer?.failed(err, this.path)
        throw err
      }
    )
  }

  private fault(sql: string): Error | null {
    return this.interposer === null ? null : this.interposer(sql)
  }

  private readonly conn: SqlConnection = {
    run: (sql, params = []) =>
      this.settleWrite(
        new Promise((resolve, reject) => {
          const injected = this.fault(sql)
          if (injected !== null) return reject(injected)
          this.db.run(sql, params, function (err) {
            if (err) reject(err)
            else resolve({ changes: this.changes, lastID: this.lastID })
          })
        })
      ),
    get: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.db.get(sql, params, (err: Error | null, row: Row | undefined) => (err ? reject(err) : resolve(row)))
      }),
    all: (sql, params = []) =>
      new Promise((resolve, reject) => {
        this.db.all(sql, params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows)))
      }),
    exec: (sql) => {
      const run = new Promise<void>((resolve, reject) => {
        const injected = this.fault(sql)
        if (injected !== null) return reject(injected)
        this.db.exec(sql, (err) => (err ? reject(err) : resolve()))
      })
      // BEGIN/COMMIT/ROLLBACK are bookkeeping: transaction() reports their outcome as a whole.
      return /^\s*(BEGIN|COMMIT|ROLLBACK|END)\b/i.test(sql) ? run.catch((err: unknown) => {
        this.observer?.failed(err, this.path)
        throw err
      }) : this.settleWrite(run)
    }
  }
}
