// The naive baselines the benchmarks compare against, measured in the same run:
// - NaiveStore: the core's own cache, but every change in its own transaction (what a first
//   version of a sync client does), so the difference measured is the batching alone;
// - NaiveSender: an outbox that sends one command per round trip and writes a separate fsync'd
//   transaction (synchronous=FULL) for every enqueue, every "sending" mark and every ack.
import { io, type Socket } from 'socket.io-client'
import sqlite3 from 'sqlite3'
import { type ApplyInput, type ApplyResult, Store } from '../../src-main/core/store'
import { type Command, NAMESPACE, PROTOCOL_VERSION } from '../../src-shared/protocol'

export class NaiveStore extends Store {
  /** One batch after another, each through the per-change path below. */
  override async applyBatches(inputs: readonly ApplyInput[]): Promise<ApplyResult[]> {
    const results: ApplyResult[] = []
    for (const input of inputs) results.push(await this.applyBatch(input))
    return results
  }

  override async applyBatch(input: ApplyInput): Promise<ApplyResult> {
    let from = input.coverage?.from ?? null
    let last: ApplyResult | null = null
    let applied = 0
    const refused = [...(input.refused ?? [])]
    for (const ch of input.changes) {
      const r = await super.applyBatch({ changes: [ch], coverage: from === null ? null : { from, to: ch.seq } })
      from = from === null ? null : ch.seq
      applied += r.applied
      refused.push(...r.refused)
      last = r
    }
    // The rest of the covered range (refused or empty tail) in one more transaction.
    const tail = await super.applyBatch({
      changes: [],
      refused: input.refused,
      coverage: input.coverage === null ? null : { from: from ?? input.coverage.from, to: input.coverage.to }
    })
    return { delta: last?.delta ?? tail.delta, applied, refused, gap: tail.gap, lastSeq: tail.lastSeq }
  }
}

type Db = sqlite3.Database

function run(db: Db, sql: string, params: (string | number)[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())))
}

function get(db: Db, sql: string): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve, reject) =>
    db.get(sql, (err: Error | null, row: Record<string, unknown> | undefined) => (err ? reject(err) : resolve(row)))
  )
}

export class NaiveSender {
  private constructor(private readonly db: Db) {}

  static async open(path: string): Promise<NaiveSender> {
    const db = await new Promise<Db>((resolve, reject) => {
      const d = new sqlite3.Database(path, (err) => (err ? reject(err) : resolve(d)))
    })
    await run(db, 'PRAGMA synchronous = FULL')
    await run(db, 'CREATE TABLE IF NOT EXISTS outbox (ord INTEGER PRIMARY KEY, command TEXT NOT NULL, state TEXT NOT NULL)')
    await run(db, 'CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, version INTEGER NOT NULL, data TEXT NOT NULL)')
    return new NaiveSender(db)
  }

  async enqueue(command: Command): Promise<void> {
    await run(this.db, 'BEGIN IMMEDIATE')
    await run(this.db, `INSERT INTO outbox (command, state) VALUES (?, 'queued')`, [JSON.stringify(command)])
    await run(this.db, 'COMMIT')
  }

  /** Sends everything queued, one command per round trip; returns how many the hub accepted. */
  async drain(socket: Socket): Promise<number> {
    let accepted = 0
    for (;;) {
      const row = await get(this.db, 'SELECT ord, command FROM outbox ORDER BY ord LIMIT 1')
      if (row === undefined) return accepted
      const ord = Number(row.ord)
      await run(this.db, `UPDATE outbox SET state = 'sending' WHERE ord = ?`, [ord])
      const answer = await new Promise<{ ok: boolean; entity?: { id: string; version: number } }>((resolve) =>
        socket.emit('command', JSON.parse(String(row.command)), resolve)
      )
      await run(this.db, 'BEGIN IMMEDIATE')
      await run(this.db, 'DELETE FROM outbox WHERE ord = ?', [ord])
      if (answer.ok && answer.entity) {
        accepted += 1
        await run(this.db, 'INSERT OR REPLACE INTO entities (id, version, data) VALUES (?, ?, ?)', [
          answer.entity.id,
          answer.entity.version,
          JSON.stringify(answer.entity)
        ])
      }
      await run(this.db, 'COMMIT')
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())))
  }
}

/** A bare connection to the hub's /v1 namespace, resolved once welcomed. */
export function connectBare(hubUrl: string, token: string, consoleId: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${hubUrl}${NAMESPACE}`, {
      auth: { token, consoleId, lastSeq: 0, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false
    })
    socket.once('welcome', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}
