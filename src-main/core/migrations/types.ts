// The shape of one numbered schema migration of the console cache.
import { type SqlConnection } from '../sqlite'

export type Migration = {
  /** Becomes PRAGMA user_version once applied; migrations run in ascending order. */
  version: number
  name: string
  up(conn: SqlConnection): Promise<void>
}
