// A cache that cannot be written (disk full, read-only file) with a live hub: the storage alarm is
// raised in the status, write attempts back off instead of looping, commands are refused with
// `storage` and the reason, nothing queued is lost, and all recovers when writes work again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { failWrites, type SqliteFaultCode } from '../helpers/sqlite-faults'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { openTestConsole, sleep, timelineCommandCounts, waitFor } from './support'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-storage-')
  hub = await startTestHub({ seedIncidents: 3 })
})
afterEach(async () => {
  await core?.close()
  core = null
  await hub.stop()
  tmp.remove()
})

const synced = (c: ConsoleCore): boolean =>
  c.debug.status().connection === 'online' && c.debug.status().lastSeq === hub.hub.store.headSeq()

describe.each([
  ['SQLITE_FULL', 'full'],
  ['SQLITE_READONLY', 'read_only']
] as const)('a cache failing writes with %s', (code: SqliteFaultCode, kind) => {
  it('raises the alarm, backs off, refuses commands with the reason, loses nothing and recovers', async () => {
    const started = await openTestConsole(tmp.dir, hub.url, hub.tokens.dispatcher, {
      storageRetryBaseMs: 200,
      storageRetryMaxMs: 1600
    })
    core = started.core
    const c = core
    await waitFor(() => synced(c), 10_000, 'the first sync')
    expect(c.debug.status().storage).toBeNull()
    const snap = await c.api.getSnapshot()
    const incident = snap.incidents[0]
    if (incident === undefined) throw new Error('no seeded incident in the cache')

    // Three notes queued and sent; the disk fills before their answers can be written down.
    const issued: string[] = []
    for (let i = 0; i < 3; i++) {
      const r = await c.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text: `满盘前 ${i}` } })
      if (!r.ok) throw new Error(r.error.message)
      issued.push(r.value.command.commandId)
    }
    const fault = failWrites(c.store.db, code)

    // The hub keeps changing: live changes arrive every 100 ms for 4 s while nothing can be written.
    const churnUntil = Date.now() + 4000
    const churn = (async () => {
      while (Date.now() < churnUntil) {
        await reportIncidents(hub.hub, 1)
        await sleep(100)
      }
    })()
    await waitFor(() => c.debug.status().storage !== null, 5000, 'the storage alarm')
    const alarm = c.debug.status().storage
    expect(alarm?.kind).toBe(kind)
    expect(alarm?.message).toContain(code)

    const refused = await c.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text: '满盘时' } })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('storage')
      expect(refused.error.message).toContain(kind.replace('_', ' '))
    }

    // Count write attempts over 3 s while the hub churns: bounded by the backoff, not by the traffic.
    const before = fault.attempts
    await sleep(3000)
    const during = fault.attempts - before
    await churn
    console.info(`${code}: ${during} write attempts in 3 s during the alarm`)
    // ~30 live messages and 3 heartbeats a second arrived; with 200 ms doubling to 1.6 s the sync
    // and the outbox each retry at most ~5 times in 3 s.
    expect(during).toBeLessThanOrEqual(12)
    expect(during).toBeGreaterThanOrEqual(1)
    const gaps = fault.times.slice(-3).map((t, i, a) => (i === 0 ? 0 : t - (a[i - 1] ?? t)))
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(400)
    expect(c.debug.status().storage?.since).toBe(alarm?.since)

    // Nothing queued was lost: every note whose answer came after the disk filled is still in the
    // outbox (an answer may have been written down just before), in memory and on disk alike.
    const rows = (await c.store.db.exclusive((conn) => conn.all('SELECT command_id FROM outbox'))).map((r) => String(r.command_id))
    expect(rows.length).toBeGreaterThanOrEqual(1)
    for (const id of rows) expect(issued).toContain(id)
    expect(c.debug.outbox.list().map((e) => e.command.commandId).sort()).toEqual([...rows].sort())

    // Space comes back: the alarm clears, sync resumes from lastSeq to the hub's head, the outbox empties.
    fault.clear()
    await waitFor(() => c.debug.status().storage === null, 10_000, 'the alarm to clear', () => c.debug.status())
    await waitFor(() => synced(c), 10_000, 'sync to catch up', () => c.debug.status())
    await waitFor(() => c.debug.outbox.list().length === 0, 10_000, 'the outbox to drain', () => c.debug.outbox.list())
    const counts = await timelineCommandCounts(hub.hub)
    for (const id of issued) expect(counts.get(id)).toBe(1)
    const ok = await c.api.issueCommand({ type: 'note', incidentId: incident.id, payload: { text: '恢复后' } })
    expect(ok.ok).toBe(true)
  }, 40_000)
})

describe('a cache read-only from the start', () => {
  it('shows the alarm instead of "connecting" forever, retries the welcome on the backoff, and comes online once writable', async () => {
    const started = await openTestConsole(tmp.dir, hub.url, hub.tokens.dispatcher, { storageRetryBaseMs: 200, storageRetryMaxMs: 800 })
    core = started.core
    const c = core
    // Set before the welcome arrives: writing down the hub's identity and scope fails.
    const fault = failWrites(c.store.db, 'SQLITE_READONLY')
    await waitFor(() => c.debug.status().storage !== null, 5000, 'the storage alarm', () => c.debug.status())
    expect(c.debug.status().storage?.kind).toBe('read_only')
    expect(c.debug.status().lastSeq).toBe(0)
    const before = fault.attempts
    await sleep(2000)
    expect(fault.attempts - before).toBeLessThanOrEqual(6)
    fault.clear()
    await waitFor(() => synced(c) && c.debug.status().storage === null, 10_000, 'online and synced', () => c.debug.status())
  }, 30_000)
})
