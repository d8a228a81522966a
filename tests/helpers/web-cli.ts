// Browser mode (src-main/web/cli.ts) as its own process, the way a hall PC starts it, for the tests
// that need the real CLI: its output collected, its exit awaited. The hub and token variables of the
// test runner's environment are cleared, so only what a test passes reaches the CLI.
import { spawn, type ChildProcess } from 'node:child_process'

export type WebCliProcess = { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> }

const CLEARED = { GCC_HUB_URL: '', GCC_HUB_TOKEN: '', GCC_VIEWER_TOKEN: '', GCC_OPERATOR_TOKEN: '' }

export function spawnWebCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): WebCliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/cli.ts', ...args], {
    env: { ...process.env, ...CLEARED, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, out: () => out, err: () => err, exited }
}
