// The machine's own limits, measured in the same run as the figures they stand beside: what the
// console could do at best on this box with none of its own work.
// - rawSocketRate: a bare Socket.IO client counting the feed hub's live `changes` (no screening, no
//   cache) — the floor for live ingest;
// - syncPull: a bare client paging `sync` from the reference hub and dropping the pages (no
//   screening, no cache), with the console's page size — the floor for catch-up;
// - sqliteBulkInsert: rows of the same size into a WAL SQLite file with synchronous = FULL on the
//   same disk, a transaction per page — the floor for writing the cache (catch-up, drain);
// - fsyncProbe: 4 KiB write + fsync on the same disk, one after another.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Socket } from 'socket.io-client'
import sqlite3 from 'sqlite3'
import type { Progress } from './harness'
import { connectBare } from './sync/naive'

/** A floor beside a figure: `value` in the figure's own unit (the ratio uses it), `detail` says what was measured. */
export type Floor = { name: string; value: number; detail: string }

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-floor-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2
}

export type FsyncProbe = { perSecond: number; medianMs: number; n: number }

export async function fsyncProbe(n: number, progress: Progress = () => {}): Promise<FsyncProbe> {
  const tmp = tempDir()
  const fd = openSync(join(tmp.dir, 'probe'), 'w')
  const block = Buffer.alloc(4096, 7)
  const times: number[] = []
  try {
    const started = performance.now()
    for (let i = 0; i < n; i++) {
      const t = performance.now()
      writeSync(fd, block, 0, block.length, 0)
      fsyncSync(fd)
      times.push(performance.now() - t)
      if (i % 20 === 0) {
        progress(i, n, 'fsyncs')
        // Let the harness's timers and progress ticks run between syncs.
        await new Promise((r) => setImmediate(r))
      }
    }
    return { perSecond: n / ((performance.now() - started) / 1000), medianMs: median(times), n }
  } finally {
    closeSync(fd)
    tmp.remove()
  }
}

function run(db: sqlite3.Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())))
}

export type BulkInsert = { rowsPerSecond: number; seconds: number; rows: number; rowBytes: number }

/** `rows` rows of `payload`-sized JSON text in transactions of `perTransaction`, WAL, synchronous = FULL. */
export async function sqliteBulkInsert(
  rows: number,
  perTransaction: number,
  payload: string,
  progress: Progress = () => {}
): Promise<BulkInsert> {
  const tmp = tempDir()
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(join(tmp.dir, 'floor.sqlite'), (err) => (err ? reject(err) : resolve(d)))
  })
  try {
    await run(db, 'PRAGMA journal_mode = WAL')
    await run(db, 'PRAGMA synchronous = FULL')
    await run(db, 'CREATE TABLE entities (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)')
    const stmt = db.prepare('INSERT INTO entities (id, version, data) VALUES (?, ?, ?)')
    const started = performance.now()
    for (let done = 0; done < rows; ) {
      const part = Math.min(perTransaction, rows - done)
      await run(db, 'BEGIN')
      const writes: Promise<void>[] = []
      for (let i = 0; i < part; i++) {
        writes.push(new Promise((resolve, reject) => stmt.run([`e-${done + i}`, 1, payload], (err: Error | null) => (err ? reject(err) : resolve()))))
      }
      await Promise.all(writes)
      await run(db, 'COMMIT')
      done += part
      progress(done, rows, 'rows')
    }
    const seconds = (performance.now() - started) / 1000
    await new Promise<void>((resolve, reject) => stmt.finalize((err) => (err ? reject(err) : resolve())))
    return { rowsPerSecond: rows / seconds, seconds, rows, rowBytes: Buffer.byteLength(payload) }
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()))
    tmp.remove()
  }
}

/** A bare client on the hub's /v1 namespace (the baselines' own), dropped when the phase is stopped. */
async function bare(hubUrl: string, token: string, signal?: AbortSignal): Promise<Socket> {
  const socket = await connectBare(hubUrl, token, `c-floor-${randomUUID()}`)
  signal?.addEventListener('abort', () => socket.disconnect(), { once: true })
  return socket
}

/**
 * Live changes/s a bare client receives: `push()` starts the hub's stream of `n` changes; timed
 * from then until the last one arrives. `ready` runs once the client is welcomed.
 */
export async function rawSocketRate(
  hubUrl: string,
  n: number,
  push: () => Promise<unknown>,
  progress: Progress = () => {},
  signal?: AbortSignal
): Promise<number> {
  const socket = await bare(hubUrl, 'bench', signal)
  try {
    let got = 0
    const all = new Promise<void>((resolve) => {
      socket.on('changes', (m: { changes: unknown[] }) => {
        got += m.changes.length
        progress(got, n, 'changes')
        if (got >= n) resolve()
      })
    })
    const started = performance.now()
    await push()
    await all
    return n / ((performance.now() - started) / 1000)
  } finally {
    socket.disconnect()
  }
}

type SyncAnswerLite = { ok: boolean; changes?: { seq: number }[]; headSeq?: number; more?: boolean; error?: { message: string } }

/** Seconds to page every change from seq 0 to the head with `limit` per page, asking the next as each arrives. */
export async function syncPull(
  hubUrl: string,
  token: string,
  limit: number,
  progress: Progress = () => {},
  signal?: AbortSignal
): Promise<{ seconds: number; changes: number }> {
  const socket = await bare(hubUrl, token, signal)
  try {
    const started = performance.now()
    let since = 0
    let changes = 0
    for (;;) {
      const a = await new Promise<SyncAnswerLite>((resolve) => socket.emit('sync', { sinceSeq: since, limit }, resolve))
      if (!a.ok) throw new Error(`sync floor: hub refused: ${a.error?.message ?? 'no reason'}`)
      const page = a.changes ?? []
      changes += page.length
      since = page.at(-1)?.seq ?? since
      progress(changes, a.headSeq ?? changes, 'changes')
      if (!a.more) break
    }
    return { seconds: (performance.now() - started) / 1000, changes }
  } finally {
    socket.disconnect()
  }
}
