// Issue 13: a page that reads its WebSocket more slowly than the core sends deltas. The web host
// holds and merges deltas while the socket is backed up, instead of queueing every whole frame; the
// page, once it reads again, ends with exactly the state of the unthrottled stream.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { summarize, type Delta, type IncidentSummary } from '../../../src-shared/api'
import { startWebHost, type WebHost } from '../../../src-main/web/web-host'
import { MAX_BUFFERED_BYTES } from '../../../src-main/web/ws-carrier'
import { emptyDelta } from '../../../src-main/core/delta-builder'
import { makeIncident, makeUnit } from '../../fixtures/entities'
import { waitFor } from '../../faults/support'
import { createFakeApi, type FakeApi } from './fake-console-api'

const OP = 'operator-token-0123456789'
const VIEW = 'viewer-token-0123456789ab'

let dir: string
let host: WebHost
let api: FakeApi
let port: number
const logs: string[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-slow-page-'))
  await mkdir(path.join(dir, 'renderer'), { recursive: true })
  await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>')
  api = createFakeApi()
  host = await startWebHost({ api, port: 0, rendererDir: path.join(dir, 'renderer'), operatorToken: OP, viewerToken: VIEW, log: (_l, m) => logs.push(m) })
  port = Number(new URL(host.url).port)
})

afterAll(async () => {
  await host.close()
  await rm(dir, { recursive: true, force: true })
})

const IDS = 200
const PER_DELTA = 50
// ~2 kB a case, 50 a delta: ~100 kB frames, the size the shift soak saw queued.
const PADDING = '东'.repeat(600)

/** The stream: each delta moves 50 cases on a version, removes one, moves a unit. */
function stream(count: number): Delta[] {
  const versions = new Map<string, number>()
  const out: Delta[] = []
  for (let n = 0; n < count; n++) {
    const incidents: IncidentSummary[] = []
    for (let k = 0; k < PER_DELTA; k++) {
      const id = `inc-${(n * PER_DELTA + k) % IDS}`
      const version = (versions.get(id) ?? 0) + 1
      versions.set(id, version)
      incidents.push(summarize(makeIncident({ id, version, seq: n + 1, address: `${PADDING}${n}` })))
    }
    // Every 7th delta removes a case the next ones bring back (a removal, then a re-add, then none).
    const removed = n % 7 === 0 ? [`inc-${(n * 13) % IDS}`] : []
    const kept = incidents.filter((i) => !removed.includes(i.id))
    out.push({ ...emptyDelta(n + 1), incidents: kept, removedIncidentIds: removed, units: [makeUnit({ id: `u-${n % 5}`, version: n + 1 })] })
  }
  return out
}

type Held = Map<string, { version: number }>

/** The renderer's rule: a newer or equal version replaces, a removal deletes. */
function apply(state: { incidents: Held; units: Held; lastSeq: number }, delta: Delta): void {
  for (const i of delta.incidents) {
    const held = state.incidents.get(i.id)
    if (!held || held.version <= i.version) state.incidents.set(i.id, i)
  }
  for (const id of delta.removedIncidentIds) state.incidents.delete(id)
  for (const u of delta.units) {
    const held = state.units.get(u.id)
    if (!held || held.version <= u.version) state.units.set(u.id, u)
  }
  for (const id of delta.removedUnitIds) state.units.delete(id)
  state.lastSeq = Math.max(state.lastSeq, delta.lastSeq)
}

const versions = (m: Held): [string, number][] => [...m.entries()].map(([id, v]) => [id, v.version] as [string, number]).sort()

describe('web host with a page that stops reading', () => {
  it('holds deltas near the low-water mark and, once the page reads, leaves it with the unthrottled state', async () => {
    const deltas = stream(600)
    const streamBytes = deltas.reduce((n, d) => n + Buffer.byteLength(JSON.stringify({ kind: 'event', event: 'delta', payload: d })), 0)
    // More than the drop cap: the old host queued every frame and dropped the page at the cap.
    expect(streamBytes).toBeGreaterThan(MAX_BUFFERED_BYTES * 1.3)

    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${OP}`)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const page = { incidents: new Map() as Held, units: new Map() as Held, lastSeq: 0 }
    let received = 0
    let frames = 0
    let closed: number | null = null
    ws.on('message', (data: Buffer) => {
      received += data.length
      const frame = JSON.parse(data.toString('utf8')) as { kind: string; event?: string; payload?: Delta }
      if (frame.kind === 'event' && frame.event === 'delta' && frame.payload) {
        frames++
        apply(page, frame.payload)
      }
    })
    ws.on('close', (code) => (closed = code))
    ws.pause()

    const unthrottled = { incidents: new Map() as Held, units: new Map() as Held, lastSeq: 0 }
    for (let n = 0; n < deltas.length; n++) {
      const delta = deltas[n] as Delta
      apply(unthrottled, delta)
      api.emit('delta', delta)
      // A core sends batches over time, not in one tick: let the sockets move between them.
      if (n % 20 === 19) await new Promise((r) => setImmediate(r))
    }
    // A status after the stream keeps its place behind the held deltas.
    api.emit('status', { ...(await api.getSnapshot()).status, lastSeq: deltas.length })

    ws.resume()
    await waitFor(() => page.lastSeq === deltas.length || closed !== null, 20_000, 'the page to catch up', () => ({ received, frames, closed }))

    expect(closed).toBeNull()
    expect(versions(page.incidents)).toEqual(versions(unthrottled.incidents))
    expect(versions(page.units)).toEqual(versions(unthrottled.units))
    // Everything the host ever queued reached the page, so what the page received bounds the host's
    // backlog at every moment: the low-water mark, the kernel's socket buffers and a few merged deltas,
    // far below the stream the old host queued whole.
    expect(received).toBeLessThan(streamBytes / 4)
    expect(frames).toBeLessThan(deltas.length / 4)
    expect(logs.filter((m) => m.includes('stopped reading'))).toEqual([])
    ws.close()
  }, 60_000)
})
