import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { ConsoleCore } from '../../src-main/core'
import { CACHE_FILE } from '../../src-main/core'
import type { Delta } from '../../src-shared/api'
import { reportIncidents, startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, syncPages, waitFor } from './console-harness'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-int-')
  hub = await startTestHub({ seedIncidents: 30 })
})
afterEach(async () => {
  await core?.close()
  core = null
  await hub.stop()
  tmp.remove()
})

async function caughtUp(c: ConsoleCore): Promise<boolean> {
  return c.debug.status().lastSeq === hub.hub.store.headSeq()
}

describe('console ⇄ reference hub: sync', () => {
  it('brings every incident into the cache with lastSeq = the hub head, then follows live changes', async () => {
    const started = await startConsole(tmp.dir, hub.url, hub.tokens.lead)
    core = started.core
    const deltas: Delta[] = []
    core.api.on('delta', (d) => deltas.push(d))
    await waitFor(() => caughtUp(started.core), 15_000, 'catch-up')
    const snap = await core.api.getSnapshot()
    expect(snap.incidents).toHaveLength(30)
    expect(snap.units.length).toBe(await hub.hub.store.countEntities('unit'))
    expect(snap.status).toMatchObject({ connection: 'online', lastSeq: hub.hub.store.headSeq(), rejectedChanges: 0 })
    expect(snap.status.user?.role).toBe('lead')
    expect(snap.status.referenceVersion).toBe(hub.hub.reference.version)
    expect((await core.api.getReference())?.version).toBe(hub.hub.reference.version)
    expect(existsSync(join(tmp.dir, CACHE_FILE))).toBe(true)

    const fresh = await reportIncidents(hub.hub, 5)
    const seen = (): Set<string> => new Set(deltas.flatMap((d) => d.incidents.map((i) => i.id)))
    await waitFor(() => fresh.every((inc) => seen().has(inc.id)), 15_000, 'live deltas')
    await waitFor(() => caughtUp(started.core), 15_000, 'live lastSeq')
    expect(await started.core.store.listIncidentSummaries()).toHaveLength(35)
    // Deltas are coalesced: never more than one per batch the hub sent.
    expect(deltas.length).toBeLessThanOrEqual(syncPages(started.logs).length + 5)
    expect((await core.api.getIncident(fresh[0]?.id ?? ''))?.title).toBe(fresh[0]?.title)
  })

  it('closes, reopens and resumes from lastSeq without duplicates', async () => {
    const first = await startConsole(tmp.dir, hub.url, hub.tokens.lead)
    core = first.core
    await waitFor(() => caughtUp(first.core), 15_000, 'first catch-up')
    const savedLastSeq = first.core.debug.status().lastSeq
    const consoleId = first.core.debug.status().consoleId
    await core.close()
    core = null

    await reportIncidents(hub.hub, 4)
    const second = await startConsole(tmp.dir, hub.url, hub.tokens.lead)
    core = second.core
    expect(second.core.debug.status()).toMatchObject({ lastSeq: savedLastSeq, consoleId })
    // Served from the cache before any contact with the hub.
    expect((await second.core.api.getSnapshot()).incidents).toHaveLength(30)
    await waitFor(() => caughtUp(second.core), 15_000, 'resume')
    const pages = syncPages(second.logs)
    // It resumes where the cache stood, never from 0. The first page may start a little later than
    // savedLastSeq: the hub broadcasts the 4 new reports in a short batch window, and a console that
    // joins within it applies them live (contiguous with its lastSeq) before its catch-up asks.
    expect(pages[0]?.sinceSeq).toBeGreaterThanOrEqual(savedLastSeq)
    expect(pages[0]?.sinceSeq).toBeLessThanOrEqual(hub.hub.store.headSeq())
    expect(pages.reduce((n, p) => n + p.changes, 0)).toBeLessThan(20)
    const ids = (await second.core.api.getSnapshot()).incidents.map((i) => i.id)
    expect(ids).toHaveLength(34)
    expect(new Set(ids).size).toBe(34)
  })

  it('refuses nothing from a sound hub and rebuilds a damaged cache from it', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(tmp.dir, CACHE_FILE), Buffer.alloc(4096, 0x5a))
    const started = await startConsole(tmp.dir, hub.url, hub.tokens.lead)
    core = started.core
    expect(started.core.debug.status().cacheNotice?.movedTo).toMatch(/\.corrupt-/)
    await waitFor(() => caughtUp(started.core), 15_000, 'rebuild')
    expect((await started.core.api.getSnapshot()).incidents).toHaveLength(30)
    expect(started.core.debug.status().rejectedChanges).toBe(0)
  })
})
