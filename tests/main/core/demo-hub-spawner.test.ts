// The demo hub through the one supervisor with the process maker injected (issue 12): a plain node
// child (browser mode) and a utilityProcess-shaped one (the desktop app; Electron cannot run here,
// so a look-alike with no stdin, posted messages and exit codes only). In both the token reaches
// the hub over its stdin (--token-stdin) and never its command line, a handshake with it works,
// and a killed hub is started again after the backoff on the same port with the same token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startDemoHub } from '../../../src-main/core/demo-hub'
import { superviseDemoHub, type DemoHubState, type SupervisedDemoHub } from '../../../src-main/core/demo-hub-supervisor'
import { defaultHubEntry, nodeHubSpawner, splitNodeArgs, utilityHubSpawner, type HubSpawner } from '../../../src-main/core/demo-hub-spawner'
import { probeHub } from '../../../src-main/core/hub-probe'
import { silentLog } from '../../../src-main/core/log'
import { fakeUtilityFork, type FakeUtilityLog } from '../../helpers/fake-utility-process'
import { makeTempDir } from './temp-dir'

let temp: { dir: string; remove(): void }
let hub: SupervisedDemoHub | null = null
beforeEach(() => (temp = makeTempDir('gcc-spawner-')))
afterEach(async () => {
  await hub?.stop()
  hub = null
  temp.remove()
})

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function superviseAndKill(spawner: HubSpawner, kill: (pid: number) => void): Promise<DemoHubState[]> {
  const states: DemoHubState[] = []
  hub = await superviseDemoHub({
    start: (o) => startDemoHub({ dataDir: temp.dir, projectRoot: process.cwd(), rate: 0, log: silentLog, spawner, ...o }),
    log: silentLog,
    onState: (s) => states.push(s),
    backoffBaseMs: 300
  })
  const h = hub
  expect((await probeHub(h.url, h.token)).ok).toBe(true)
  expect((await probeHub(h.url, 'not-the-token')).ok).toBe(false)
  const firstPid = h.pid()
  const killedAt = Date.now()
  kill(firstPid)
  await waitFor(() => states.some((s) => s.state === 'running'), 60_000, 'the hub to run again')
  expect(states[0]?.state).toBe('restarting')
  expect(states.at(-1)).toMatchObject({ state: 'running', restarts: 1 })
  expect(Date.now() - killedAt).toBeGreaterThanOrEqual(300)
  expect(h.pid()).not.toBe(firstPid)
  expect(await probeHub(h.url, h.token)).toMatchObject({ ok: true })
  return states
}

describe('the demo hub spawner', () => {
  it('splits node arguments into runtime flags, the program and its arguments', () => {
    expect(splitNodeArgs(['--import', 'tsx', 'src-hub/cli.ts', '--port', '0'])).toEqual({ execArgv: ['--import', 'tsx'], program: 'src-hub/cli.ts', args: ['--port', '0'] })
    expect(splitNodeArgs(['out/hub/cli.mjs', '--rate', '1'])).toEqual({ execArgv: [], program: 'out/hub/cli.mjs', args: ['--rate', '1'] })
    expect(() => splitNodeArgs(['--import', 'tsx'])).toThrow(/no program/)
  })

  it('node child: token on stdin, restarted with backoff after SIGKILL', async () => {
    const states = await superviseAndKill(nodeHubSpawner(), (pid) => process.kill(pid, 'SIGKILL'))
    expect(states[0]?.lastExit).toBe('signal SIGKILL')
  }, 90_000)

  it('utilityProcess-shaped: token posted and read from stdin by the hub, restarted with backoff after kill()', async () => {
    const { fork, record } = fakeUtilityFork()
    const states = await superviseAndKill(utilityHubSpawner(fork, defaultHubEntry(process.cwd())), (pid) => process.kill(pid, 'SIGKILL'))
    // A utility process reports an exit code only.
    expect(states[0]?.lastExit).toMatch(/^code /)
    const r: FakeUtilityLog = record
    expect(r.forks).toHaveLength(2)
    for (const f of r.forks) {
      expect(f.args).toContain('--token-stdin')
      // The token is never on the command line…
      expect(f.args.join(' ')).not.toContain((hub as SupervisedDemoHub).token)
    }
    // …it is posted, once per start, as the JSON line the hub reads with --token-stdin.
    expect(r.posted).toEqual([`${JSON.stringify({ token: (hub as SupervisedDemoHub).token })}\n`, `${JSON.stringify({ token: (hub as SupervisedDemoHub).token })}\n`])
  }, 90_000)
})
