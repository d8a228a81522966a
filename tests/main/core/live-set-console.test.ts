// The live set end to end: a real hub, a real SQLite cache, the console core. Tests that need a date
// move the whole process clock (hub and console share it), so they pass on any day.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openConsole, type ConsoleCore } from '../../../src-main/core'
import type { Delta, FinishedRetention } from '../../../src-shared/api'
import type { Incident } from '../../../src-shared/protocol'
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
  await core?.close()
  core = null
  await hub.stop()
  tmp.remove()
})

async function reject(incident: Incident): Promise<void> {
  const { answer } = await hub.hub.command(
    {
      commandId: randomUUID(),
      type: 'reject',
      incidentId: incident.id,
      payload: { reason: '不属于受理范围' },
      issuedAt: new Date().toISOString()
    },
    callerFor(hub.hub, TEST_TOKENS.dispatcher)
  )
  if (!answer.ok) throw new Error(`reject failed: ${answer.error.code}`)
}

async function open(
  finishedRetention?: FinishedRetention,
  now?: () => number
): Promise<{ core: ConsoleCore; deltas: Delta[] }> {
  const c = await openConsole({
    now,
    dataDir: tmp.dir,
    hubUrl: hub.url,
    token: TEST_TOKENS.dispatcher,
    finishedRetention,
    timing: { liveSweepMinMs: 20, heartbeatMs: 300, reconnectDelayMs: 100, reconnectDelayMaxMs: 400 }
  })
  core = c
  const deltas: Delta[] = []
  c.api.on('delta', (d) => deltas.push(d))
  return { core: c, deltas }
}

const synced = async (c: ConsoleCore, n: number): Promise<void> => {
  await waitFor(async () => (await c.store.listIncidentSummaries()).length === n, 15_000, `${n} cases cached`)
  await waitFor(() => c.debug.status().connection === 'online', 15_000, 'online')
}

describe('the live set handed to the renderer', () => {
  it('leaves out a case that finished before today (UTC+8), which the cache still holds', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: DAY_START - HOUR }) // 23:00 on the 21st
    try {
      const [old, early, open1] = await reportIncidents(hub.hub, 3)
      if (!old || !early || !open1) throw new Error('seeding failed')
      await reject(old)
      // 06:00 on the 22nd in UTC+8 is still the 21st in UTC: a window reckoned in UTC would drop it.
      vi.setSystemTime(DAY_START + 6 * HOUR)
      await reject(early)
      vi.setSystemTime(DAY_START + 10 * HOUR)
      const { core: c } = await open()
      await synced(c, 3)
      const snap = await c.api.getSnapshot()
      expect(snap.incidents.map((i) => i.id).sort()).toEqual([early.id, open1.id].sort())
      // The cache keeps everything: the old case is still there for getIncident.
      expect((await c.api.getIncident(old.id))?.status).toBe('rejected')
      expect(c.debug.liveSet.size).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('sends a removal when the day rolls over at midnight on the hub clock (UTC+8), and keeps the open case', async () => {
    // The hub writes its own clock into the welcome, so the whole process runs on a moved clock; this
    // computer's clock (the console's `now`) is five minutes behind the hub: the skew must be applied.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: DAY_START + 24 * HOUR - 4000 })
    try {
      const [done, open1] = await reportIncidents(hub.hub, 2)
      if (!done || !open1) throw new Error('seeding failed')
      await reject(done)
      const { core: c, deltas } = await open(undefined, () => Date.now() - 5 * 60_000)
      await synced(c, 2)
      expect(c.debug.status().clockSkewMs).toBeGreaterThan(4 * 60_000)
      expect((await c.api.getSnapshot()).incidents.map((i) => i.id).sort()).toEqual([done.id, open1.id].sort())
      await waitFor(() => deltas.some((d) => d.removedIncidentIds.includes(done.id)), 10_000, 'the removal at midnight')
      expect(Date.now()).toBeGreaterThanOrEqual(DAY_START + 24 * HOUR)
      expect(deltas.flatMap((d) => d.removedIncidentIds)).toEqual([done.id])
      expect((await c.api.getSnapshot()).incidents.map((i) => i.id)).toEqual([open1.id])
      expect((await c.api.getIncident(done.id))?.status).toBe('rejected')
    } finally {
      vi.useRealTimers()
    }
  })

  it('with a short window: a case finishing arrives, leaves when the window passes, and comes back when touched', async () => {
    const [a] = await reportIncidents(hub.hub, 1)
    if (!a) throw new Error('seeding failed')
    const { core: c, deltas } = await open({ kind: 'ms', ms: 1500 })
    await synced(c, 1)
    await reject(a)
    await waitFor(() => deltas.some((d) => d.incidents.some((i) => i.id === a.id && i.status === 'rejected')), 10_000, 'the finish')
    const finishedAt = Date.now()
    await waitFor(() => deltas.some((d) => d.removedIncidentIds.includes(a.id)), 10_000, 'the removal')
    expect(Date.now() - finishedAt).toBeGreaterThan(1000)
    expect((await c.api.getSnapshot()).incidents).toEqual([])
    // A note on the finished case (a late change) brings it back as an upsert.
    deltas.length = 0
    const { answer } = await hub.hub.command(
      {
        commandId: randomUUID(),
        type: 'note',
        incidentId: a.id,
        payload: { text: '已电话回复上报人' },
        issuedAt: new Date().toISOString()
      },
      callerFor(hub.hub, TEST_TOKENS.dispatcher)
    )
    expect(answer.ok).toBe(true)
    await waitFor(() => deltas.some((d) => d.incidents.some((i) => i.id === a.id)), 10_000, 'the case back')
  })

  it('refuses a bad retention option at start-up with a clear error', async () => {
    await expect(open({ kind: 'ms', ms: -1 })).rejects.toThrow(/finishedRetention is not valid/)
  })
})
