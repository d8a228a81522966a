// Live `changes` from a scripted hub: messages that arrive while the cache is writing are written
// together in one transaction, in order, each screened on its own (a bad message is refused and
// counted while its neighbours apply), and the cache ends equal to what was sent.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Server, type Socket } from 'socket.io'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCache } from '../../../src-main/core/open-cache'
import type { ApplyInput, ApplyResult, Store } from '../../../src-main/core/store'
import type { Change } from '../../../src-shared/protocol'
import { SyncClient } from '../../../src-main/core/sync-client'
import { makeIncident } from '../../fixtures/entities'
import { makeTempDir } from './temp-dir'

const MESSAGES = 20
const PER_MESSAGE = 10

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let io: Server
let httpServer: http.Server
let url: string
let client: SyncClient | null = null
let hubSocket: Socket | null = null
/** How many messages each store call carried, in call order. */
let calls: number[]
/** What each store call was given. */
let given: ApplyInput[][]

function change(seq: number): unknown {
  const data = makeIncident({ id: `inc-${seq}`, version: 1, seq })
  return { seq, entity: 'incident', id: data.id, version: 1, data }
}

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
  calls = []
  given = []
  // The first write is slow, so the messages behind it queue up.
  const real = store.applyBatches.bind(store)
  store.applyBatches = async (inputs: readonly ApplyInput[]): Promise<ApplyResult[]> => {
    calls.push(inputs.length)
    given.push([...inputs])
    if (calls.length === 1) await new Promise((r) => setTimeout(r, 200))
    return real(inputs)
  }
  httpServer = http.createServer()
  io = new Server(httpServer)
  io.of('/v1').on('connection', (socket) => {
    hubSocket = socket
    socket.emit('welcome', {
      protocol: 1,
      hubId: 'scripted',
      serverTime: new Date().toISOString(),
      user: { id: 'u-lead', name: '值班长', role: 'lead' },
      scope: { streets: ['110101006'] },
      headSeq: 0,
      minSeq: 0,
      referenceVersion: 'ref-1'
    })
    socket.on('reference', (_req: unknown, ack: (a: unknown) => void) => ack({ ok: true, unchanged: true }))
    socket.on('sync', (_req: unknown, ack: (a: unknown) => void) => ack({ ok: true, changes: [], headSeq: 0, more: false }))
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})
afterEach(async () => {
  await client?.close()
  client = null
  hubSocket = null
  await new Promise<void>((resolve) => io.close(() => resolve()))
  await store.close().catch(() => undefined)
  tmp.remove()
})

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('live changes', () => {
  it('writes messages that queued behind a write together, in order, refusing only the bad one', async () => {
    const meta = await store.getMeta()
    const noop = (): void => undefined
    const refusedCounts: number[] = []
    client = new SyncClient(
      { store, hubUrl: url, token: 't', consoleId: meta.consoleId, lastSeq: 0, scope: null, user: null, log: noop, now: Date.now },
      {
        applied: (r) => refusedCounts.push(r.refused.length),
        cleared: noop,
        referenceChanged: noop,
        linkChanged: noop,
        presence: noop,
        notice: noop,
        online: noop
      }
    )
    client.start()
    await until(() => client?.isOnline === true && hubSocket !== null)
    await new Promise((r) => setTimeout(r, 100))
    let seq = 0
    for (let m = 0; m < MESSAGES; m++) {
      if (m === 7) {
        hubSocket?.emit('changes', { changes: 'not a list' })
        continue
      }
      hubSocket?.emit('changes', { changes: Array.from({ length: PER_MESSAGE }, () => change(++seq)) })
    }
    await until(() => client?.currentLastSeq === seq)

    // Every message reached the store exactly once, and the ones queued behind the slow first
    // write went in together (fewer calls than messages).
    expect(calls.reduce((a, b) => a + b, 0)).toBe(MESSAGES)
    expect(calls.length).toBeLessThan(MESSAGES)
    expect(Math.max(...calls)).toBeGreaterThan(1)
    // The bad message was refused and counted once; every good change is in the cache.
    expect(refusedCounts.reduce((a, b) => a + b, 0)).toBe(1)
    expect((await store.listIncidentSummaries()).length).toBe(seq)
    expect((await store.getMeta()).lastSeq).toBe(seq)
  })

  it('does not read again the live echo of what our own command already wrote, but counts its seq', async () => {
    const meta = await store.getMeta()
    const noop = (): void => undefined
    client = new SyncClient(
      { store, hubUrl: url, token: 't', consoleId: meta.consoleId, lastSeq: 0, scope: null, user: null, log: noop, now: Date.now },
      { applied: noop, cleared: noop, referenceChanged: noop, linkChanged: noop, presence: noop, notice: noop, online: noop }
    )
    client.start()
    await until(() => client?.isOnline === true && hubSocket !== null)
    // Our command's answer wrote inc-1 v1 @ seq 1 (the outbox tells the client so).
    const own = change(1) as Change
    await store.applyBatch({ changes: [own], coverage: null })
    client.noteOwnWrites([own])
    // The echo (seq 1, exactly ours) and someone else's change (seq 2) arrive together; then the
    // same echo again, which is no longer ours to skip and is read (and ignored by version).
    hubSocket?.emit('changes', { changes: [change(1), change(2)] })
    await until(() => client?.currentLastSeq === 2)
    const first = given.flat().find((input) => input.coverage?.to === 2)
    expect(first?.coverage).toEqual({ from: 0, to: 2 })
    expect(first?.changes.map((ch) => ch.seq)).toEqual([2])
    hubSocket?.emit('changes', { changes: [change(1)] })
    await until(() => given.flat().some((input) => input.changes.some((ch) => ch.seq === 1)))
    expect((await store.getMeta()).lastSeq).toBe(2)
    expect((await store.listIncidentSummaries()).map((i) => i.id).sort()).toEqual(['inc-1', 'inc-2'])
  })
})
