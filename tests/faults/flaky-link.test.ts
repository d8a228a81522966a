// The hall's government network between console and hub, simulated by the fault proxy: the
// link goes down (cut mid-message), comes back slow, stalls past the ack timeout. Proves the
// cache ends equal to the hub after 10,000 changes, and that 500 commands typed offline reach
// the hub exactly once, in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import type { Incident } from '../../src-shared/protocol'
import { startFaultProxy, type FaultMode, type FaultProxy } from '../helpers/fault-proxy'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import {
  HubChurn,
  cacheRows,
  diffCache,
  head,
  hubEntities,
  openTestConsole,
  perCaseOrderErrors,
  recordHub,
  sleep,
  timelineCommandCounts,
  waitFor
} from './support'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let proxy: FaultProxy
let core: ConsoleCore | null = null
let stopFaults: (() => void) | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-faults-')
  hub = await startTestHub()
  proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
})
afterEach(async () => {
  stopFaults?.()
  stopFaults = null
  await core?.close()
  core = null
  await proxy.close()
  await hub.stop()
  tmp.remove()
})

/**
 * Every `periodMs` the link changes: it is cut mid-message and stays down, then comes back in the
 * next mode of `upModes` (plain, slow, stalled), then goes down again. Returns the stop function.
 */
function flapWith(p: FaultProxy, periodMs: number, upModes: FaultMode[]): () => void {
  let step = 0
  const tick = (): void => {
    step += 1
    if (step % 2 === 1) {
      p.cutAll()
      p.setMode({ kind: 'down' })
    } else {
      p.setMode(upModes[(step / 2 - 1) % upModes.length] ?? { kind: 'pass' })
    }
  }
  const timer = setInterval(tick, periodMs)
  return () => {
    clearInterval(timer)
    p.setMode({ kind: 'pass' })
  }
}

async function caughtUp(c: ConsoleCore): Promise<boolean> {
  return c.debug.status().lastSeq === hub.hub.store.headSeq() && c.debug.status().connection !== 'offline'
}

describe('console behind a flapping link', () => {
  it('ends with the cache equal to the hub after 10,000 changes while the link flaps every 2 s', async () => {
    const templates = await reportIncidents(hub.hub, 4)
    const churn = new HubChurn(hub.hub, templates, await hub.hub.store.listUnits())
    await churn.run(500)
    const started = await openTestConsole(tmp.dir, proxy.url, hub.tokens.lead)
    core = started.core
    await waitFor(() => caughtUp(started.core), 20_000, 'first catch-up')

    const startHead = hub.hub.store.headSeq()
    stopFaults = flapWith(proxy, 2000, [{ kind: 'pass' }, { kind: 'delay', ms: 150 }, { kind: 'stall' }])
    // 10,000 changes in 40 transactions over ~8 s, so they land in every phase of the link.
    for (let i = 0; i < 40; i++) {
      await churn.run(250, 250)
      await sleep(200)
    }
    expect(hub.hub.store.headSeq() - startHead).toBeGreaterThanOrEqual(10_000)
    stopFaults()
    stopFaults = null

    await waitFor(() => caughtUp(started.core), 60_000, 'catch-up after the faults')
    const diff = diffCache(await hubEntities(hub.hub), await cacheRows(started.core.store.db))
    expect(head(diff)).toEqual([])
    expect(started.core.debug.status()).toMatchObject({ lastSeq: hub.hub.store.headSeq(), rejectedChanges: 0 })
    // The faults really happened: connections were cut and remade.
    expect(proxy.stats.cuts).toBeGreaterThanOrEqual(2)
    expect(proxy.stats.connections).toBeGreaterThanOrEqual(3)
    expect(started.logs.filter((l) => l.level === 'error')).toEqual([])
  }, 110_000)

  it("applies 500 commands issued offline exactly once, each case's in order, after reconnect", async () => {
    const targets = await reportIncidents(hub.hub, 10)
    const events = await recordHub(hub.hub)
    const started = await openTestConsole(tmp.dir, proxy.url, hub.tokens.lead)
    core = started.core
    await waitFor(() => caughtUp(started.core), 20_000, 'first catch-up')

    proxy.setMode({ kind: 'down' })
    await waitFor(() => started.core.debug.status().connection === 'offline', 10_000, 'offline')

    // What a person would type: notes against the version the cache shows (it cannot move while
    // offline, so the outbox must chain them), and now and then a new report.
    const issued: string[] = []
    const typed: { commandId: string; incidentId: string | null }[] = []
    for (let i = 0; i < 500; i++) {
      const target = targets[i % targets.length] as Incident
      const cached = await started.core.api.getIncident(target.id)
      const request =
        i % 25 === 24
          ? {
              type: 'report' as const,
              payload: {
                draft: {
                  categoryCode: target.categoryCode,
                  urgency: 'normal',
                  source: 'hotline',
                  title: `离线来电 ${i}`,
                  description: '断网期间录入',
                  address: target.address,
                  location: target.location
                }
              }
            }
          : { type: 'note' as const, incidentId: target.id, expectedVersion: cached?.version, payload: { text: `离线记录 ${i}` } }
      const result = await started.core.api.issueCommand(request)
      if (!result.ok) throw new Error(`command ${i} was not queued: ${result.error.message}`)
      issued.push(result.value.command.commandId)
      typed.push({ commandId: result.value.command.commandId, incidentId: result.value.command.incidentId ?? null })
    }
    const queued = started.core.debug.outbox.list()
    expect(queued.map((e) => e.command.commandId)).toEqual(issued)
    expect(queued.every((e) => e.state === 'queued')).toBe(true)
    const ours = new Set(issued)
    expect(events.filter((e) => e.commandId !== null && ours.has(e.commandId))).toEqual([])

    // Back, but badly: cut mid-message twice, then stalled past the ack timeout, then slow.
    proxy.setMode({ kind: 'pass' })
    for (const mode of [{ kind: 'pass' }, { kind: 'pass' }, { kind: 'stall' }, { kind: 'delay', ms: 100 }] as FaultMode[]) {
      await sleep(700)
      proxy.cutAll()
      await sleep(150)
      proxy.setMode(mode)
      if (mode.kind !== 'pass') {
        // A stall outlasts the ack timeout; a crawl lasts a while. Then the link is plain again.
        await sleep(2500)
        proxy.setMode({ kind: 'pass' })
      }
    }
    const outboxState = (): unknown => {
      const list = started.core.debug.outbox.list()
      return {
        left: list.length,
        states: list.slice(0, 3).map((e) => ({ state: e.state, attempts: e.attempts, error: e.error })),
        status: started.core.debug.status(),
        logs: started.logs.slice(-15)
      }
    }
    await waitFor(() => started.core.debug.outbox.list().length === 0, 90_000, 'the outbox to drain', outboxState)

    // Exactly once: each commandId in exactly one timeline entry at the hub, and made exactly one version.
    const counts = await timelineCommandCounts(hub.hub)
    const wrong = issued.filter((id) => counts.get(id) !== 1).map((id) => `${id}: ${counts.get(id) ?? 0}`)
    expect(head(wrong)).toEqual([])
    // In order: each case's commands were committed by the hub in the order they were typed (the
    // outbox may interleave commands for different cases; a case's own never overtake each other).
    expect(perCaseOrderErrors(events, typed)).toEqual([])
    expect(events.filter((e) => e.commandId !== null && ours.has(e.commandId))).toHaveLength(500)
    expect(proxy.stats.cuts).toBeGreaterThanOrEqual(4)

    await waitFor(() => caughtUp(started.core), 20_000, 'catch-up after draining')
    const diff = diffCache(await hubEntities(hub.hub), await cacheRows(started.core.store.db))
    expect(head(diff)).toEqual([])
  }, 110_000)
})
