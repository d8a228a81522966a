// A hub that speaks protocol v1 but sends whatever a test scripts: bad changes, version and seq
// going back, out-of-scope streets. Used to prove the console refuses bad data and keeps going.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'socket.io'

export interface RogueHub {
  url: string
  /** Changes every `sync` answers with (one page, more: false). */
  syncChanges: unknown[]
  headSeq: number
  streets: string[]
  /** Send a raw `changes` message to every connected console. */
  emitChanges(changes: unknown[]): void
  emitRaw(event: string, payload: unknown): void
  readonly connections: number
  close(): Promise<void>
}

export async function startRogueHub(opts: { streets?: string[]; headSeq?: number } = {}): Promise<RogueHub> {
  const httpServer = http.createServer()
  const io = new Server(httpServer, { maxHttpBufferSize: 16 * 1024 * 1024 })
  const nsp = io.of('/v1')
  const sockets = new Set<Socket>()
  let connections = 0

  const hub: RogueHub = {
    url: '',
    syncChanges: [],
    headSeq: opts.headSeq ?? 0,
    streets: opts.streets ?? ['110101006'],
    emitChanges(changes) {
      nsp.emit('changes', { changes })
    },
    emitRaw(event, payload) {
      nsp.emit(event, payload)
    },
    get connections() {
      return connections
    },
    async close() {
      for (const s of sockets) s.disconnect(true)
      await new Promise<void>((resolve) => io.close(() => resolve()))
    }
  }

  nsp.on('connection', (socket) => {
    connections += 1
    sockets.add(socket)
    socket.on('disconnect', () => sockets.delete(socket))
    socket.emit('welcome', {
      protocol: 1,
      hubId: 'rogue',
      serverTime: new Date().toISOString(),
      user: { id: 'u-lead', name: '值班长', role: 'lead' },
      scope: { streets: hub.streets },
      headSeq: hub.headSeq,
      minSeq: 0,
      referenceVersion: null
    })
    socket.on('sync', (_req: unknown, ack?: (answer: unknown) => void) => {
      ack?.({ ok: true, changes: hub.syncChanges, headSeq: hub.headSeq, more: false })
    })
    socket.on('reference', (_req: unknown, ack?: (answer: unknown) => void) => {
      ack?.({ ok: false, error: { code: 'not_found', message: 'no reference on the rogue hub' } })
    })
    socket.on('command', (_req: unknown, ack?: (answer: unknown) => void) => {
      ack?.({ ok: false, error: { code: 'internal', message: 'rogue hub does not take commands' } })
    })
  })

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  hub.url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
  return hub
}
