// Attack: a local user reads the console's secrets from `ps`. Browser mode (web host + demo hub)
// is started as a real process with the web host's tokens from a --token-file (mode 600) and the
// environment; the command line of every process in its tree (/proc/<pid>/cmdline, and `ps`) must
// hold no token, and the demo hub must not inherit the secrets in its environment either.
// Secret-bearing flags and a token file others can read are refused with what to use instead.
import { spawnWebCli } from '../helpers/web-cli'
import { spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

const dirs: string[] = []
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'gcc-sec-argv-'))
  dirs.push(d)
  return d
}

function web(args: string[], env: NodeJS.ProcessEnv = {}) {
  const p = spawnWebCli(args, env)
  children.push(p.child)
  return p
}

/** Every process below `root` (itself included), from the parent ids in /proc/<pid>/stat. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parent.set(Number(name), ppid)
    } catch {
      /* gone meanwhile */
    }
  }
  const tree = [root]
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid)
  return tree
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('browser mode keeps secrets out of argv', () => {
  it('refuses --token, --viewer-token and --operator-token, naming where each goes instead', async () => {
    for (const [flag, variable] of [
      ['--token', 'GCC_HUB_TOKEN'],
      ['--viewer-token', 'GCC_VIEWER_TOKEN'],
      ['--operator-token=x', 'GCC_OPERATOR_TOKEN']
    ] as const) {
      const p = web([flag, 'secret-in-argv-123456', '--data', tempDir()])
      expect(await p.exited, flag).toBe(2)
      expect(p.err()).toMatch(/every local user sees it \(ps\); it is not accepted/)
      expect(p.err()).toContain(variable)
      expect(p.err()).toContain('--token-file')
    }
  }, 60_000)

  it('refuses a token file group or others can read, with the chmod to run', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'web-tokens.json')
    writeFileSync(file, JSON.stringify({ operatorToken: 'operator-from-file-0123456789' }), { mode: 0o640 })
    chmodSync(file, 0o640)
    const p = web(['--token-file', file, '--data', path.join(dir, 'data')])
    expect(await p.exited).toBe(2)
    expect(p.err()).toContain(`has mode 640; make it 600 (chmod 600 ${file})`)
  }, 60_000)

  it('with tokens from a 0600 file and the environment, no process of the tree shows one in its command line', async () => {
    const dir = tempDir()
    const file = path.join(dir, 'web-tokens.json')
    const operatorToken = 'operator-from-file-0123456789abcdef'
    const viewerToken = 'viewer-from-env-0123456789abcdef'
    writeFileSync(file, JSON.stringify({ operatorToken }), { mode: 0o600 })
    const p = web(['--demo', '--demo-rate', '0', '--port', '0', '--data', path.join(dir, 'data'), '--token-file', file], {
      GCC_VIEWER_TOKEN: viewerToken
    })
    await waitFor(() => p.out().includes('Wall (read-only):') || p.child.exitCode !== null, 90_000, 'browser mode up')
    expect(p.err()).not.toContain('Could not start')
    const root = p.child.pid ?? 0
    // The demo hub is started before the web host prints its URLs; it is a child of the console.
    const tree = processTree(root)
    expect(tree.length).toBeGreaterThanOrEqual(2)
    const cmdlines = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '))
    expect(cmdlines.some((c) => c.includes('src-hub/cli') && c.includes('--token-stdin'))).toBe(true)
    for (const c of cmdlines) {
      expect(c).not.toContain(operatorToken)
      expect(c).not.toContain(viewerToken)
      // The demo hub's own lead token is 48 hex characters, handed over a pipe.
      expect(c).not.toMatch(/[0-9a-f]{48}/)
    }
    const ps = spawnSync('ps', ['-ww', '-o', 'args=', '-p', tree.join(',')], { encoding: 'utf8' })
    if (ps.status === 0) {
      expect(ps.stdout).not.toContain(operatorToken)
      expect(ps.stdout).not.toContain(viewerToken)
    }
    // The secrets read from the environment are not handed down to the demo hub.
    for (const pid of tree.slice(1)) expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain(viewerToken)

    // And the tokens given this way are the ones in force.
    const operatorUrl = /Console:\s+(\S+)/.exec(p.out())?.[1] ?? ''
    const wallUrl = /Wall \(read-only\):\s+(\S+)/.exec(p.out())?.[1] ?? ''
    expect(new URL(operatorUrl).searchParams.get('token')).toBe(operatorToken)
    expect(new URL(wallUrl).searchParams.get('token')).toBe(viewerToken)
    const u = new URL(operatorUrl)
    const ws = new WebSocket(`ws://${u.host}/api?token=${operatorToken}`)
    await new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('error', reject)
    })
    ws.close()
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
  }, 150_000)
})
