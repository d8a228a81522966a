// A fault-injecting layer over the console's SQLite wrapper: while set, every write statement
// (and COMMIT) fails with the error a full, read-only or broken disk gives, the way the sqlite3
// driver reports it (Error with `code` and `errno`). Reads still work, as they do on a full disk.
import type { SqliteDb } from '../../src-sqlite/sqlite-db'

const ERRNO = { SQLITE_FULL: 13, SQLITE_READONLY: 8, SQLITE_IOERR: 10, SQLITE_CANTOPEN: 14 } as const
const TEXT = {
  SQLITE_FULL: 'database or disk is full',
  SQLITE_READONLY: 'attempt to write a readonly database',
  SQLITE_IOERR: 'disk I/O error',
  SQLITE_CANTOPEN: 'unable to open database file'
} as const
export type SqliteFaultCode = keyof typeof ERRNO

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|COMMIT|END)\b/i

export type WriteFault = {
  /** Write attempts refused since the fault was set. */
  readonly attempts: number
  /** When each refused attempt happened (ms since the epoch). */
  readonly times: readonly number[]
  /** Space (or write access) is back: writes reach SQLite again. */
  clear(): void
}

export function failWrites(db: SqliteDb, code: SqliteFaultCode): WriteFault {
  const times: number[] = []
  db.interpose((sql) => {
    if (!WRITE.test(sql)) return null
    times.push(Date.now())
    return Object.assign(new Error(`${code}: ${TEXT[code]}`), { code, errno: ERRNO[code] })
  })
  return {
    get attempts() {
      return times.length
    },
    times,
    clear: () => db.interpose(null)
  }
}
