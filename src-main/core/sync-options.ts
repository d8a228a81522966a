// What the sync client is given and what it reports: options, timing, the link status it keeps,
// the sink it tells. Split from sync-client.ts so the client reads as its behaviour only.
import { type ConnectionState, type ConsoleStatus, type Delta } from '../../src-shared/api'
import { type Notice, type Presence, type User } from '../../src-shared/protocol'
import { type Log } from './log'
import { type StorageHealth } from './storage-health'
import { type ApplyResult, type Store } from './store'

/**
 * How far past the last head the hub announced a live change's seq may be (rev 1.4): a million
 * commits between two messages is hours of a busy hub; MAX_SAFE_INTEGER is a poisoned entity.
 */
export const MAX_SEQ_AHEAD = 1_000_000

export type LinkStatus = {
  connection: ConnectionState
  user: User | null
  scopeStreets: string[]
  headSeq: number
  lastContactAt: string | null
  /** The hub's refusal of the last handshake, cleared by the next welcome. */
  hubRefusal: ConsoleStatus['hubRefusal']
  rttMs: number | null
  clockSkewMs: number
  /** Rev 1.8: the last welcome's `features`; undefined before it, or from a hub that predates 1.8. */
  hubFeatures?: string[]
}

/** Where the sync client reports what it did. */
export type SyncSink = {
  applied(result: ApplyResult): void
  /** The cache was dropped (hub reset, another hub, new scope); the delta removes everything. */
  cleared(delta: Delta): void
  referenceChanged(version: string): void
  linkChanged(): void
  presence(p: Presence): void
  notice(n: Notice): void
  /** Welcomed by the hub: commands may be sent. */
  online(): void
}

export type SyncTiming = {
  ackTimeoutMs: number
  heartbeatMs: number
  degradedRttMs: number
  syncPageLimit: number
  reconnectDelayMs: number
  reconnectDelayMaxMs: number
  refusedRetryMs: number
}

export const DEFAULT_SYNC_TIMING: SyncTiming = {
  ackTimeoutMs: 10_000,
  heartbeatMs: 5000,
  degradedRttMs: 1500,
  // The protocol's maximum: fewer round trips and transactions (the hub still cuts a page by size).
  syncPageLimit: 5000,
  reconnectDelayMs: 500,
  reconnectDelayMaxMs: 10_000,
  refusedRetryMs: 30_000
}

export type SyncClientOptions = {
  store: Store
  hubUrl: string
  token: string
  consoleId: string
  /** lastSeq as the cache held it at open; kept current from apply results. */
  lastSeq: number
  /** Scope remembered from the last welcome, so changes before this run's welcome are checked too. */
  scope: readonly string[] | null
  /** The user of the last welcome, shown until this run's welcome. */
  user: User | null
  log: Log
  now: () => number
  timing?: Partial<SyncTiming>
  /** Storage alarm shared with the outbox: while it stands, writes are retried on its backoff only. */
  health?: StorageHealth
}

export function sameStreets(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort()
  const y = [...b].sort()
  return x.length === y.length && x.every((s, i) => s === y[i])
}

export function refusalKind(code: string): LinkStatus['hubRefusal'] {
  return code === 'unauthorized' || code === 'protocol_unsupported' || code === 'invalid' ? code : 'other'
}
