// findIncidents end to end (real hub, real SQLite cache, the console core): a case finished before today
// is not in the live set handed to the renderer, yet the find query reaches it, and a lead can reopen it.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openConsole, type ConsoleCore } from '../../../src-main/core'
import type { Delta } from '../../../src-shared/api'
import { callerFor, reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'
import { waitFor } from '../../integration/console-harness'
import { makeTempDir } from './temp-dir'

const HOUR = 3_600_000
const DAY_START = Date.parse('2026-11-22T00:00:00+08:00')

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir()
  hub = await startTestHub({ hub: { batchMs: 10 } })
})
afterEach(async () => {
  vi.useRealTimers()
  await core?.close()
  core = null
  await hub.stop()
  tmp.remove()
})

describe('findIncidents', () => {
  it('finds a case closed yesterday that the snapshot leaves out; a lead reopens it', async () => {
    // The whole process (hub and console) runs on a moved clock: 23:00 on the 21st in UTC+8.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: DAY_START - HOUR })
    const [old, open1] = await reportIncidents(hub.hub, 2)
    if (!old || !open1) throw new Error('seeding failed')
    const { answer } = await hub.hub.command(
      {
        commandId: randomUUID(),
        type: 'reject',
        incidentId: old.id,
        payload: { reason: '不属于受理范围' },
        issuedAt: new Date().toISOString()
      },
      callerFor(hub.hub, TEST_TOKENS.dispatcher)
    )
    if (!answer.ok) throw new Error(`reject failed: ${answer.error.code}`)
    vi.setSystemTime(DAY_START + 10 * HOUR)

    const c = await openConsole({
      dataDir: tmp.dir,
      hubUrl: hub.url,
      token: TEST_TOKENS.lead,
      timing: { liveSweepMinMs: 20, heartbeatMs: 300, reconnectDelayMs: 100, reconnectDelayMaxMs: 400 }
    })
    core = c
    const deltas: Delta[] = []
    c.api.on('delta', (d) => deltas.push(d))
    await waitFor(async () => (await c.store.listIncidentSummaries()).length === 2, 15_000, 'both cases cached')
    await waitFor(() => c.debug.status().connection === 'online', 15_000, 'online')

    const snapshot = await c.api.getSnapshot()
    expect(snapshot.incidents.map((i) => i.id)).toEqual([open1.id])

    // By its whole code, in lower case, by a part of it, and by its title.
    const byCode = await c.api.findIncidents(old.code.toLowerCase(), 10)
    expect(byCode[0]).toMatchObject({ id: old.id, status: 'rejected', code: old.code })
    const serial = old.code.slice(-4)
    expect((await c.api.findIncidents(serial, 10)).map((s) => s.id)).toContain(old.id)
    expect((await c.api.findIncidents(old.title, 10)).map((s) => s.id)).toEqual([old.id])
    expect(await c.api.findIncidents('没有这样的案件', 10)).toEqual([])

    // The dispatcher opens it from there: getIncident and a reopen on its version.
    const full = await c.api.getIncident(old.id)
    expect(full?.status).toBe('rejected')
    const queued = await c.api.issueCommand({
      type: 'reopen',
      incidentId: old.id,
      expectedVersion: full?.version,
      payload: { reason: '群众再次来电' }
    })
    expect(queued.ok).toBe(true)
    // Reopened, it is open again and so part of the live set: main hands it over as a delta.
    await waitFor(
      () => deltas.some((d) => d.incidents.some((i) => i.id === old.id && i.status !== 'rejected')),
      15_000,
      'the reopened case in a delta'
    )
    expect((await c.api.getSnapshot()).incidents.map((i) => i.id).sort()).toEqual([old.id, open1.id].sort())
  })
})
