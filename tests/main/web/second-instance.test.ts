// Browser mode as processes: a second console on the same data folder is refused with a clear
// message and exit code 3 (never two writers on one cache); once the first stops, the folder is free.
import { spawnWebCli, type WebCliProcess } from '../../helpers/web-cli'
import { type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'

let hub: TestHub
let dir: string
const children: ChildProcess[] = []
beforeAll(async () => {
  hub = await startTestHub()
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-second-'))
})
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await hub.stop()
  await rm(dir, { recursive: true, force: true })
})

function run(): WebCliProcess {
  const p = spawnWebCli(['--hub', hub.url, '--data', dir], { GCC_HUB_TOKEN: TEST_TOKENS.dispatcher })
  children.push(p.child)
  return p
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('a second console on one data folder', () => {
  it('is refused while the first runs, and allowed after it stops', async () => {
    const first = run()
    await waitFor(() => first.out().includes('Console:'), 30_000)
    const second = run()
    expect(await second.exited).toBe(3)
    expect(second.err()).toMatch(new RegExp(`another Grid Command Console \\(process ${first.child.pid}\\) is already using this data folder`))
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    const third = run()
    await waitFor(() => third.out().includes('Console:'), 30_000)
    third.child.kill('SIGTERM')
    expect(await third.exited).toBe(0)
  }, 90_000)
})
