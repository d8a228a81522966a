// Commands typed offline against the same case all carry the version the cache showed; the outbox
// chains each onto the version its predecessor made. A stop (crash, power cut, close) between two
// of them must not break that chain: after the restart the rest still apply, none as a conflict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { openTestConsole, recordHub, timelineCommandCounts, waitFor } from '../faults/support'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let proxy: FaultProxy
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-chain-')
  hub = await startTestHub()
  proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
})
afterEach(async () => {
  await core?.close()
  core = null
  await proxy.close()
  await hub.stop()
  tmp.remove()
})

describe('offline commands on one case across a restart', () => {
  it('applies every one after the console stops between two of them', async () => {
    const [target] = await reportIncidents(hub.hub, 1)
    if (target === undefined) throw new Error('no incident')
    const events = await recordHub(hub.hub)
    const first = await openTestConsole(tmp.dir, proxy.url, hub.tokens.lead)
    core = first.core
    await waitFor(() => first.core.debug.status().lastSeq === hub.hub.store.headSeq(), 10_000, 'catch-up')
    proxy.setMode({ kind: 'down' })
    await waitFor(() => first.core.debug.status().connection === 'offline', 10_000, 'offline')

    const version = (await first.core.api.getIncident(target.id))?.version
    const issued: string[] = []
    for (let i = 0; i < 4; i++) {
      const r = await first.core.api.issueCommand({ type: 'note', incidentId: target.id, expectedVersion: version, payload: { text: `离线 ${i}` } })
      if (!r.ok) throw new Error(r.error.message)
      issued.push(r.value.command.commandId)
    }
    // Back on a slow link; stop as soon as the first command is through, the second still on the wire.
    proxy.setMode({ kind: 'delay', ms: 400 })
    await waitFor(() => first.core.debug.outbox.list().length === 3, 15_000, 'the first command')
    await first.core.close()
    core = null
    proxy.setMode({ kind: 'pass' })

    const second = await openTestConsole(tmp.dir, proxy.url, hub.tokens.lead)
    core = second.core
    await waitFor(
      () => second.core.debug.outbox.list().every((e) => e.state === 'failed' || e.state === 'conflict'),
      20_000,
      'the outbox to settle'
    )
    expect(second.core.debug.outbox.list().map((e) => `${e.state}: ${e.error?.message ?? ''}`)).toEqual([])
    const counts = await timelineCommandCounts(hub.hub)
    expect(issued.map((id) => counts.get(id) ?? 0)).toEqual([1, 1, 1, 1])
    const ours = new Set(issued)
    expect(events.filter((e) => e.commandId !== null && ours.has(e.commandId)).map((e) => e.commandId)).toEqual(issued)
  }, 60_000)
})
