// The real demo hub (src-hub via tsx) under supervision: killed with SIGKILL, it is started again
// on the same port with the same token after a backoff, the state goes restarting → running, and
// a handshake with the console's token succeeds again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemoHub } from '../../../src-main/core/demo-hub'
import { superviseDemoHub, type DemoHubState, type SupervisedDemoHub } from '../../../src-main/core/demo-hub-supervisor'
import { probeHub } from '../../../src-main/core/hub-probe'
import { silentLog } from '../../../src-main/core/log'
import { makeTempDir } from './temp-dir'

let temp: { dir: string; remove(): void }
let hub: SupervisedDemoHub | null = null
beforeAll(() => (temp = makeTempDir('gcc-supervise-')))
afterAll(async () => {
  await hub?.stop()
  temp.remove()
})

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('superviseDemoHub', () => {
  it('restarts a killed demo hub on its port with its token, after a backoff', async () => {
    const states: DemoHubState[] = []
    hub = await superviseDemoHub({
      start: (o) => startDemoHub({ dataDir: temp.dir, projectRoot: process.cwd(), rate: 0, log: silentLog, ...o }),
      log: silentLog,
      onState: (s) => states.push(s),
      backoffBaseMs: 300
    })
    expect((await probeHub(hub.url, hub.token)).ok).toBe(true)
    const firstPid = hub.pid()
    const killedAt = Date.now()
    process.kill(firstPid, 'SIGKILL')
    await waitFor(() => states.some((s) => s.state === 'running'), 60_000)
    expect(states[0]).toEqual({ state: 'restarting', restarts: 0, lastExit: 'signal SIGKILL' })
    expect(states.at(-1)).toEqual({ state: 'running', restarts: 1, lastExit: 'signal SIGKILL' })
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(300)
    expect(hub.pid()).not.toBe(firstPid)
    expect(await probeHub(hub.url, hub.token)).toMatchObject({ ok: true })
  }, 90_000)
})
