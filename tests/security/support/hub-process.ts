// The reference hub as a child process (its own RSS, its own log), started through its real CLI with
// the standard test tokens handed over in a 0600 tokens file, for attacks that measure the hub.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RESOURCES_REFERENCE_PATH, RESOURCES_UNITS_PATH, TEST_TOKEN_CONFIGS, TEST_TOKENS, type TestTokens } from '../../helpers/start-hub'

export interface HubProcess {
  url: string
  pid: number
  tokens: TestTokens
  child: ChildProcess
  /** Every line the hub wrote to stderr (its log), so far. */
  logLines(): string[]
  /** Resident set size now, in bytes (from /proc). */
  rss(): number
  stop(): Promise<void>
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS for ${pid}`)
  return Number(kb) * 1024
}

export async function startHubProcess(opts: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<HubProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'gcc-sec-hub-'))
  const tokensFile = join(dir, 'tokens.json')
  writeFileSync(tokensFile, JSON.stringify(TEST_TOKEN_CONFIGS), { mode: 0o600 })
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', 'src-hub/cli.ts', '--port', '0', '--tokens', tokensFile, '--db', join(dir, 'hub.sqlite'),
      '--reference', RESOURCES_REFERENCE_PATH, '--units', RESOURCES_UNITS_PATH, ...(opts.args ?? [])
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } }
  )
  const lines: string[] = []
  let partial = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      out += chunk
      const m = /HUB_URL=(\S+)/.exec(out)
      if (m?.[1]) resolve(m[1])
    })
    child.once('exit', (code) => reject(new Error(`hub exited with ${String(code)} before listening:\n${lines.join('\n')}`)))
  })
  const pid = child.pid as number
  return {
    url,
    pid,
    tokens: TEST_TOKENS,
    child,
    logLines: () => [...lines],
    rss: () => rssOf(pid),
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        child.kill('SIGTERM')
        await gone
      }
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
