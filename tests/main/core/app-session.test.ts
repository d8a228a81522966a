// The app session on a real hub and a real cache: first run until a hub is saved (a refused token
// saves nothing), the core opens on save, and the next start connects without asking; flags
// override the file and say so; a damaged file is reported; display settings live in the file.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AppSession, type AppSessionOptions } from '../../../src-main/core/app-session'
import { openConsole } from '../../../src-main/core/console-service'
import { silentLog } from '../../../src-main/core/log'
import { settingsPath } from '../../../src-main/core/settings-file'
import { startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'
import { makeTempDir } from './temp-dir'

let hub: TestHub
let temp: { dir: string; remove(): void }
const sessions: AppSession[] = []
beforeAll(async () => (hub = await startTestHub()))
afterAll(async () => hub.stop())
beforeEach(() => (temp = makeTempDir('gcc-session-')))
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close()
  temp.remove()
})

let demoStarts = 0
async function open(overrides: Partial<AppSessionOptions> = {}): Promise<AppSession> {
  const session = await AppSession.open({
    settingsDir: temp.dir,
    overrides: { hub: null, demo: false, sources: [] },
    // The "demo hub" here is the test hub with the dispatcher's token: what matters is that it is started.
    startDemo: async () => {
      demoStarts++
      return { url: hub.url, token: TEST_TOKENS.dispatcher, stop: async () => undefined }
    },
    openCore: (o) => openConsole(o),
    log: silentLog,
    ...overrides
  })
  sessions.push(session)
  return session
}

describe('app session', () => {
  it('asks on first run, saves nothing for a refused token, connects on a good one, and not again after a restart', async () => {
    const first = await open()
    expect((await first.api.getSetup()).firstRun).toBe(true)
    expect(first.currentCore).toBeNull()

    const refused = await first.api.saveSetup({ hub: { kind: 'hub', url: hub.url, token: 'wrong-token-xyz' } })
    expect(refused).toMatchObject({ ok: false, probe: { ok: false, failure: 'refused_token' } })
    expect(() => readFileSync(settingsPath(temp.dir))).toThrow()

    // A call made during first run waits for the core instead of failing.
    const snapshot = first.api.getSnapshot()
    const saved = await first.api.saveSetup({ hub: { kind: 'hub', url: hub.url, token: TEST_TOKENS.dispatcher }, seatName: '调度一席' })
    expect(saved).toMatchObject({ ok: true, value: { firstRun: false, seatName: '调度一席', hub: { kind: 'hub', url: hub.url, tokenStored: true } } })
    expect((await snapshot).status.hubUrl).toBe(hub.url)
    await first.close()

    const second = await open()
    expect(second.currentCore).not.toBeNull()
    expect(await second.api.getSetup()).toMatchObject({ firstRun: false, hub: { kind: 'hub', url: hub.url } })
    const snap = await second.api.getSnapshot()
    expect(snap.status.hubUrl).toBe(hub.url)
  })

  it('starts the demo hub when the demo is chosen, and again at the next start', async () => {
    demoStarts = 0
    const first = await open()
    expect(await first.api.saveSetup({ hub: { kind: 'demo' } })).toMatchObject({ ok: true })
    expect(demoStarts).toBe(1)
    expect((await first.api.getSnapshot()).status.demo).toBe(true)
    await first.close()
    await open()
    expect(demoStarts).toBe(2)
  })

  it('lets flags override the file and says which', async () => {
    const session = await open({
      overrides: { hub: { url: hub.url, token: TEST_TOKENS.lead }, demo: false, sources: [{ field: 'hub', source: '--hub' }] }
    })
    const setup = await session.api.getSetup()
    expect(setup.firstRun).toBe(false)
    expect(setup.overrides).toEqual([{ field: 'hub', source: '--hub' }])
    // Saving another hub while a flag rules keeps the running one and says a restart is needed.
    const saved = await session.api.saveSetup({ hub: { kind: 'demo' } })
    expect(saved).toMatchObject({ ok: true, value: { restartNeeded: true, hub: { kind: 'demo' } } })
  })

  it('reports a damaged settings file and runs on the defaults', async () => {
    writeFileSync(settingsPath(temp.dir), '{ broken')
    const session = await open()
    const setup = await session.api.getSetup()
    expect(setup.firstRun).toBe(true)
    expect(setup.settingsNotice?.movedTo).toMatch(/settings\.damaged-.*\.json$/)
  })

  it('keeps the display settings in the file and refuses a bad one', async () => {
    const session = await open()
    const seen: string[] = []
    session.api.on('settings', (s) => seen.push(s.locale))
    expect(await session.api.updateSettings({ locale: 'en-US' })).toMatchObject({ ok: true, value: { locale: 'en-US' } })
    expect(seen).toEqual(['en-US'])
    expect(JSON.parse(readFileSync(settingsPath(temp.dir), 'utf8'))).toMatchObject({ display: { locale: 'en-US' } })
    const bad = await session.api.updateSettings({ wallDisplayId: 1.5 })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })
})
