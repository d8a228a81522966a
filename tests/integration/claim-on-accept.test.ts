// Claim on accept against the reference hub (issue 16): the claim goes out only after the accept is
// applied, and when the accept loses a race to another seat no claim lands on that seat's case.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import type { Incident } from '../../src-shared/protocol'
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor } from './console-harness'

let tmpA: ReturnType<typeof makeTempDir>
let tmpB: ReturnType<typeof makeTempDir>
let hub: TestHub
let proxy: FaultProxy
const cores: ConsoleCore[] = []

beforeEach(async () => {
  tmpA = makeTempDir('gcc-claim-a-')
  tmpB = makeTempDir('gcc-claim-b-')
  hub = await startTestHub({ seedIncidents: 3 })
  proxy = await startFaultProxy({ host: '127.0.0.1', port: hub.hub.port })
})
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close()
  await proxy.close()
  await hub.stop()
  tmpA.remove()
  tmpB.remove()
})

async function seat(dir: string, url: string): Promise<ConsoleCore> {
  const { core } = await startConsole(dir, url, hub.tokens.dispatcher)
  cores.push(core)
  await waitFor(() => core.debug.status().lastSeq === hub.hub.store.headSeq() && core.debug.status().connection === 'online')
  return core
}

async function hubIncident(id: string): Promise<Incident> {
  const inc = await hub.hub.store.getIncident(id)
  if (!inc) throw new Error(`no incident ${id} on the hub`)
  return inc
}

describe('claim on accept (chained to the accept)', () => {
  it('an applied accept is followed by one claim for this seat', async () => {
    const a = await seat(tmpA.dir, proxy.url)
    const x = (await a.api.getSnapshot()).incidents.find((i) => i.status === 'reported')
    if (!x) throw new Error('no reported case')
    const r = await a.api.issueCommand({ type: 'accept', incidentId: x.id, expectedVersion: x.version, payload: {} })
    expect(r.ok).toBe(true)
    await waitFor(async () => (await hubIncident(x.id)).claimedBy !== null, 15_000, 'claim on the hub')
    const after = await hubIncident(x.id)
    expect(after.claimedBy?.consoleId).toContain(a.debug.status().consoleId)
    expect(after.timeline.filter((e) => e.action === 'claim')).toHaveLength(1)
    await waitFor(() => a.debug.outbox.list().length === 0, 10_000, 'outbox empty')
  })

  it('the accept loses to another seat: held, and no claim lands on the other seat\'s case', async () => {
    const a = await seat(tmpA.dir, proxy.url)
    const b = await seat(tmpB.dir, hub.url)
    const off = await b.api.updateSettings({ claimOnAccept: false })
    expect(off.ok).toBe(true)
    const x = (await a.api.getSnapshot()).incidents.find((i) => i.status === 'reported')
    if (!x) throw new Error('no reported case')
    proxy.setMode({ kind: 'down' })
    await waitFor(() => a.debug.status().connection !== 'online', 60_000, 'seat A offline')
    const mine = await a.api.issueCommand({ type: 'accept', incidentId: x.id, expectedVersion: x.version, payload: {} })
    expect(mine.ok).toBe(true)
    const theirs = await b.api.issueCommand({ type: 'accept', incidentId: x.id, expectedVersion: x.version, payload: {} })
    expect(theirs.ok).toBe(true)
    await waitFor(async () => (await hubIncident(x.id)).status === 'accepted', 15_000, 'B accepted on the hub')
    proxy.setMode({ kind: 'pass' })
    await waitFor(() => a.debug.outbox.list().some((e) => e.state === 'conflict' || e.state === 'failed'), 60_000, 'A held')
    // Give a wrongly queued claim every chance to land before looking.
    await waitFor(() => a.debug.status().lastSeq === hub.hub.store.headSeq(), 30_000, 'A caught up')
    const after = await hubIncident(x.id)
    expect(after.claimedBy).toBeNull()
    expect(after.timeline.filter((e) => e.action === 'claim')).toHaveLength(0)
    expect(a.debug.outbox.list().map((e) => e.command.type)).toEqual(['accept'])
  })
})
