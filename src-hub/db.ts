// Promise wrapper over the sqlite3 callback API; the only file that touches the driver,
// so the driver can change without touching the store.
import sqlite3 from 'sqlite3'

export type SqlValue = string | number | null
export type Row = Record<string, unknown>

export class Db {
  private constructor(private readonly db: sqlite3.Database) {}

  static open(path: string): Promise<Db> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(new Db(db))))
    })
  }

  run(sql: string, params: SqlValue[] = []): Promise<{ changes: number }> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err)
        else resolve({ changes: this.changes })
      })
    })
  }

  get(sql: string, params: SqlValue[] = []): Promise<Row | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params, (err: Error | null, row: Row | undefined) => (err ? reject(err) : resolve(row)))
    })
  }

  all(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params, (err: Error | null, rows: Row[]) => (err ? reject(err) : resolve(rows)))
    })
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()))
    })
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.close((err: Error | null) => (err ? reject(err) : resolve()))
    })
  }
}

/** Runs async jobs one at a time, in arrival order: every write goes through one. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job)
    // Keep the chain alive whatever the job did; the caller sees its own outcome.
    this.tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every job queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
