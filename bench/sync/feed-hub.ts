// A minimal protocol-v1 hub for the ingest benchmark: welcomes, answers `sync` with nothing new,
// and pushes pre-made valid changes as live `changes` messages as fast as the socket takes them,
// so what is measured is the console's side (decode, screening, cache writes), not a hub's.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server } from 'socket.io'
import type { Change } from '../../src-shared/protocol'
import { makeIncident } from '../../tests/fixtures/entities'

export const FEED_STREET = '110101006'

export interface FeedHub {
  url: string
  /** Sends `changes` in messages of `batch`; the hub's head moves to the last seq. */
  push(changes: readonly Change[], batch: number): void
  readonly consoles: number
  close(): Promise<void>
}

export async function startFeedHub(): Promise<FeedHub> {
  const server = http.createServer()
  const io = new Server(server, { maxHttpBufferSize: 16 * 1024 * 1024 })
  const nsp = io.of('/v1')
  let headSeq = 0
  let consoles = 0
  nsp.on('connection', (socket) => {
    consoles += 1
    socket.on('disconnect', () => (consoles -= 1))
    socket.emit('welcome', {
      protocol: 1,
      hubId: 'bench-feed',
      serverTime: new Date().toISOString(),
      user: { id: 'u-bench', name: '基准', role: 'lead' },
      scope: { streets: [FEED_STREET] },
      headSeq,
      minSeq: 0,
      referenceVersion: null
    })
    socket.on('sync', (_req: unknown, ack?: (a: unknown) => void) => ack?.({ ok: true, changes: [], headSeq, more: false }))
    socket.on('reference', (_req: unknown, ack?: (a: unknown) => void) =>
      ack?.({ ok: false, error: { code: 'not_found', message: 'no reference on the bench feed' } })
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get consoles() {
      return consoles
    },
    push(changes, batch) {
      for (let i = 0; i < changes.length; i += batch) {
        const part = changes.slice(i, i + batch)
        headSeq = part.at(-1)?.seq ?? headSeq
        nsp.emit('changes', { changes: part })
      }
    },
    async close() {
      nsp.disconnectSockets(true)
      await new Promise<void>((resolve) => io.close(() => resolve()))
    }
  }
}

/**
 * `n` valid incident changes with seqs from+1 …: new cases, and every third one a later version
 * of an earlier case, as a live stream mixes them.
 */
export function makeChanges(n: number, from = 0): Change[] {
  const out: Change[] = []
  const versions = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const seq = from + i + 1
    const id = i % 3 === 2 ? `inc-b-${(i * 7) % Math.max(1, i - 1)}` : `inc-b-${i}`
    const version = (versions.get(id) ?? 0) + 1
    versions.set(id, version)
    const data = makeIncident({
      id,
      seq,
      version,
      code: `DC20261122-${String(i % 10_000).padStart(4, '0')}`,
      title: `基准事件 ${i}`,
      urgency: i % 5 === 0 ? 'urgent' : 'normal',
      location: { lng: 116.41 + (i % 100) / 10_000, lat: 39.92 + (i % 77) / 10_000 }
    })
    out.push({ seq, entity: 'incident', id, version, data })
  }
  return out
}
