import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer } from 'node:net'
import { openConsole, type ConsoleCore } from '../../../src-main/core'
import { consoleApiMethods, type OutboxEntry, Settings, Snapshot, type ConsoleStatus } from '../../../src-shared/api'
import { makeTempDir } from './temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let core: ConsoleCore | null = null
let deadUrl = ''

/** A loopback port nobody listens on: the hub is down. */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

const open = (demo = false) =>
  openConsole({ dataDir: tmp.dir, hubUrl: deadUrl, token: 't', demo, timing: { reconnectDelayMs: 50, reconnectDelayMaxMs: 100 } })

beforeEach(async () => {
  tmp = makeTempDir()
  deadUrl = `http://127.0.0.1:${await deadPort()}`
})
afterEach(async () => {
  await core?.close()
  core = null
  tmp.remove()
})

describe('openConsole without a hub', () => {
  it('resolves from the cache at once and implements every ConsoleApi method', async () => {
    const t0 = Date.now()
    core = await open(true)
    expect(Date.now() - t0).toBeLessThan(1500)
    for (const m of Object.keys(consoleApiMethods)) expect(typeof (core.api as Record<string, unknown>)[m]).toBe('function')
    const snap = Snapshot.parse(await core.api.getSnapshot())
    expect(snap.status).toMatchObject({
      connection: expect.stringMatching(/^(connecting|offline)$/),
      hubUrl: deadUrl,
      demo: true,
      access: 'operator',
      user: null,
      lastSeq: 0,
      outboxCount: 0,
      rejectedChanges: 0,
      cacheNotice: null,
      storage: null
    })
    expect(snap.incidents).toEqual([])
    expect(await core.api.getReference()).toBeNull()
    expect(await core.api.getIncident('nope')).toBeNull()
    expect(Settings.parse(await core.api.getSettings()).locale).toBe('zh-CN')
  })

  it('queues commands durably and reports them in the outbox and status events', async () => {
    core = await open()
    const outboxes: OutboxEntry[][] = []
    const statuses: ConsoleStatus[] = []
    core.api.on('outbox', (l) => outboxes.push(l))
    core.api.on('status', (s) => statuses.push(s))
    const r = await core.api.issueCommand({ type: 'note', incidentId: 'inc-1', payload: { text: '电话已回访' } })
    expect(r.ok).toBe(true)
    expect(core.debug.outbox.list().map((e) => e.state)).toEqual(['queued'])
    await new Promise((res) => setTimeout(res, 60))
    expect(outboxes.at(-1)?.map((e) => e.state)).toEqual(['queued'])
    expect(statuses.at(-1)?.outboxCount).toBe(1)
    const bad = await core.api.issueCommand({ type: 'dispatch', incidentId: 'inc-1', payload: { unitIds: [] } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } })
    await core.close()
    core = await open()
    expect((await core.api.getSnapshot()).outbox.map((e) => e.command.payload)).toEqual([{ text: '电话已回访' }])
  })

  it('persists settings, emits them, and refuses a bad update', async () => {
    core = await open()
    const seen: Settings[] = []
    core.api.on('settings', (s) => seen.push(s))
    const r = await core.api.updateSettings({ locale: 'en-US', wallDisplayId: 3 })
    expect(r).toMatchObject({ ok: true, value: { locale: 'en-US', wallDisplayId: 3, flyToUrgent: false } })
    expect(seen).toHaveLength(1)
    expect(await core.api.updateSettings({ basemap: { kind: 'pmtiles', path: '' } })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    await core.close()
    core = await open()
    expect(await core.api.getSettings()).toMatchObject({ locale: 'en-US', wallDisplayId: 3 })
  })

  it('an unsubscribed or throwing listener does not disturb the others', async () => {
    core = await open()
    const got: number[] = []
    const off = core.api.on('settings', () => got.push(1))
    core.api.on('settings', () => {
      throw new Error('listener bug')
    })
    core.api.on('settings', () => got.push(3))
    await core.api.updateSettings({ flyToUrgent: false })
    off()
    await core.api.updateSettings({ flyToUrgent: true })
    expect(got).toEqual([1, 3, 3])
  })

  it('close is idempotent', async () => {
    core = await open()
    await core.close()
    await core.close()
    core = null
  })
})
