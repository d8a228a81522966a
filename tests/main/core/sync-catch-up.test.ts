// Catch-up paging against a scripted hub: the next page is asked for while the current one is
// applied (never more than one ahead), pages are applied strictly in order, the hub's size cut
// (`more` with fewer changes than asked) is followed, and the cache ends equal to the hub.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Server } from 'socket.io'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCache } from '../../../src-main/core/open-cache'
import type { ApplyInput, ApplyResult, Store } from '../../../src-main/core/store'
import { SyncClient } from '../../../src-main/core/sync-client'
import { makeIncident } from '../../fixtures/entities'
import { makeTempDir } from './temp-dir'

const N = 3000
/** The hub cuts a page here whatever the console asks (as it does by size). */
const CUT = 700

type SyncRequest = { sinceSeq: number; limit: number }

let tmp: ReturnType<typeof makeTempDir>
let store: Store
let io: Server
let httpServer: http.Server
let url: string
let client: SyncClient | null = null
/** Every page request, with the lastSeq the cache had reached when it arrived. */
let requests: (SyncRequest & { appliedTo: number })[]
let appliedTo: number
/** The coverage of each applied page, in apply order. */
let applied: { from: number; to: number }[]
const changes = Array.from({ length: N }, (_, i) => {
  const data = makeIncident({ id: `inc-${i}`, version: 2, seq: i + 1 })
  return { seq: i + 1, entity: 'incident', id: data.id, version: 2, data }
})

beforeEach(async () => {
  tmp = makeTempDir()
  store = (await openCache(join(tmp.dir, 'cache.sqlite'))).store
  requests = []
  applied = []
  appliedTo = 0
  // Each page takes a while to apply, so a page asked for ahead is visible.
  const real = store.applyBatch.bind(store)
  store.applyBatch = async (input: ApplyInput): Promise<ApplyResult> => {
    if (input.coverage !== null && input.changes.length > 0) {
      await new Promise((r) => setTimeout(r, 30))
      applied.push(input.coverage)
    }
    const result = await real(input)
    appliedTo = result.lastSeq
    return result
  }
  httpServer = http.createServer()
  io = new Server(httpServer, { maxHttpBufferSize: 16 * 1024 * 1024 })
  io.of('/v1').on('connection', (socket) => {
    socket.emit('welcome', {
      protocol: 1,
      hubId: 'scripted',
      serverTime: new Date().toISOString(),
      user: { id: 'u-lead', name: '值班长', role: 'lead' },
      scope: { streets: ['110101006'] },
      headSeq: N,
      minSeq: 0,
      referenceVersion: 'ref-1'
    })
    socket.on('reference', (_req: unknown, ack: (a: unknown) => void) => ack({ ok: true, unchanged: true }))
    socket.on('sync', (req: SyncRequest, ack: (a: unknown) => void) => {
      if (req.limit > 1) requests.push({ ...req, appliedTo })
      const page = changes.filter((c) => c.seq > req.sinceSeq).slice(0, Math.min(req.limit, CUT))
      const more = (page.at(-1)?.seq ?? N) < N
      setTimeout(() => ack({ ok: true, changes: page, headSeq: N, more }), 10)
    })
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})
afterEach(async () => {
  await client?.close()
  client = null
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

describe('catch-up paging', () => {
  it('asks one page ahead while applying, applies pages in order, and follows the size cut', async () => {
    const meta = await store.getMeta()
    const noop = (): void => undefined
    client = new SyncClient(
      { store, hubUrl: url, token: 't', consoleId: meta.consoleId, lastSeq: 0, scope: null, user: null, log: noop, now: Date.now },
      { applied: noop, cleared: noop, referenceChanged: noop, linkChanged: noop, presence: noop, notice: noop, online: noop }
    )
    client.start()
    await until(() => client?.currentLastSeq === N)

    // Pages of the protocol's maximum, cut by the hub to CUT: ceil(N / CUT) pages, each asked once.
    expect(requests.every((r) => r.limit === 5000)).toBe(true)
    expect(requests.map((r) => r.sinceSeq)).toEqual([0, 700, 1400, 2100, 2800])
    // Applied strictly in order, each page starting where the one before ended.
    expect(applied).toEqual([
      { from: 0, to: 700 },
      { from: 700, to: 1400 },
      { from: 1400, to: 2100 },
      { from: 2100, to: 2800 },
      { from: 2800, to: 3000 }
    ])
    // Asked ahead: at least one page was requested before the page before it was applied …
    expect(requests.some((r) => r.sinceSeq > r.appliedTo)).toBe(true)
    // … but never more than one page ahead of what the cache holds.
    expect(requests.every((r) => r.sinceSeq - r.appliedTo <= CUT)).toBe(true)
    expect((await store.getMeta()).lastSeq).toBe(N)
    expect((await store.getIncident(`inc-${N - 1}`))?.seq).toBe(N)
  })
})
