// A console whose token the hub refuses says why in its status (not just "offline"), keeps its
// cache usable, and clears the refusal once a good token is welcomed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsoleCore } from '../../src-main/core'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { makeTempDir } from '../main/core/temp-dir'
import { startConsole, waitFor } from './console-harness'

let tmp: ReturnType<typeof makeTempDir>
let hub: TestHub
let core: ConsoleCore | null = null

beforeEach(async () => {
  tmp = makeTempDir('gcc-refused-')
  hub = await startTestHub({ seedIncidents: 3 })
})
afterEach(async () => {
  await core?.close()
  core = null
  await hub.stop()
  tmp.remove()
})

describe('console ⇄ hub: refused handshake', () => {
  it('reports unauthorized for a wrong token and still serves the cache', async () => {
    core = (await startConsole(tmp.dir, hub.url, 'not-a-valid-token')).core
    await waitFor(async () => core!.debug.status().hubRefusal === 'unauthorized', 15_000, 'refusal in status')
    const snap = await core.api.getSnapshot()
    expect(snap.status.connection).toBe('offline')
    expect(snap.status.hubRefusal).toBe('unauthorized')
    // The cache still answers and commands still queue while refused.
    const queued = await core.api.issueCommand({ type: 'note', incidentId: 'inc-x', payload: { text: '离线记录' } })
    expect(queued.ok).toBe(true)
  })

  it('has no refusal once welcomed with a good token', async () => {
    core = (await startConsole(tmp.dir, hub.url, hub.tokens.lead)).core
    await waitFor(async () => core!.debug.status().connection === 'online', 15_000, 'online')
    expect(core.debug.status().hubRefusal).toBeNull()
  })
})
