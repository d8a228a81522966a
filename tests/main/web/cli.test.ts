// Browser mode as a process: `GCC_HUB_TOKEN=… src-main/web/cli.ts --hub …` against a test hub prints
// the operator and wall URLs, serves the API over them, and exits cleanly on SIGTERM; bad flags
// exit with code 2 and a message.
import { spawnWebCli, type WebCliProcess } from '../../helpers/web-cli'
import { type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'

let hub: TestHub
let dir: string
const children: ChildProcess[] = []
beforeAll(async () => {
  hub = await startTestHub()
  dir = await mkdtemp(path.join(tmpdir(), 'gcc-cli-'))
})
afterAll(async () => {
  // A test that failed half-way must not leave its console process behind.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await hub.stop()
  await rm(dir, { recursive: true, force: true })
})

function run(args: string[], env: NodeJS.ProcessEnv = {}): WebCliProcess {
  const p = spawnWebCli(args, env)
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

function firstReply(url: string, method: string): Promise<{ ok: boolean; value?: { status?: { access: string; demo: boolean } }; error?: { code: string } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('open', () => ws.send(JSON.stringify({ kind: 'call', id: 1, method, params: method === 'issueCommand' ? [{ type: 'accept', incidentId: 'x', payload: {} }] : [] })))
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { kind: string }
      if (f.kind === 'reply') {
        ws.close()
        resolve(f as never)
      }
    })
    ws.on('error', reject)
  })
}

describe('browser-mode CLI', () => {
  it('serves a configured hub, prints both URLs, and stops on SIGTERM', async () => {
    const p = run(['--hub', hub.url, '--port', '0', '--data', dir], { GCC_HUB_TOKEN: TEST_TOKENS.dispatcher })
    // Generous: tsx compiles the console on start, and the test machines are shared.
    await waitFor(() => p.out().includes('Wall (read-only):') || p.child.exitCode !== null, 80_000)
    expect(p.err()).not.toContain('Could not start')
    const operator = /Console:\s+(\S+)/.exec(p.out())?.[1] ?? ''
    const wall = /Wall \(read-only\):\s+(\S+)/.exec(p.out())?.[1] ?? ''
    expect(operator).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    expect(wall).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wall\?token=/)
    const apiUrl = (page: string) => {
      const u = new URL(page)
      return `ws://${u.host}/api?token=${u.searchParams.get('token')}`
    }
    const snap = await firstReply(apiUrl(operator), 'getSnapshot')
    expect(snap.ok && snap.value?.status).toMatchObject({ access: 'operator', demo: false })
    const refused = await firstReply(apiUrl(wall), 'issueCommand')
    expect(refused).toMatchObject({ ok: false, error: { code: 'read_only' } })
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
  }, 120_000)

  it('exits with code 2 and says what is wrong with the flags', async () => {
    const p = run(['--hub', hub.url])
    expect(await p.exited).toBe(2)
    expect(p.err()).toContain('--hub needs a token')
  })
})
