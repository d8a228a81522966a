// The reference hub as its own process (src-hub/cli.ts through tsx), the way a hall runs it, so a test
// can freeze it with SIGSTOP — a real outage: its sockets stay open, nothing answers, the kernel keeps
// accepting bytes — and let it go on with SIGCONT. The test tokens come in a tokens file (never argv);
// its database is a file the test names, so cases can be seeded in-process before (seedHubDb) and the
// hub's record read back after it has stopped (readHubDb).
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { FIXTURE_REFERENCE_PATH, FIXTURE_UNITS_PATH, startTestHub, TEST_TOKEN_CONFIGS, type TestHub } from './start-hub'

export type HubProcess = {
  readonly url: string
  readonly pid: number
  readonly child: ChildProcess
  /** SIGSTOP: the hub stops answering, its connections stay open. */
  freeze(): void
  /** SIGCONT: it goes on with whatever waited in its sockets. */
  thaw(): void
  readonly frozen: boolean
  /** What the hub wrote on stderr (its log), for a failing test's message. */
  log(): string
  /** Thaws if frozen, then SIGTERM (the hub closes its database cleanly) and waits for the exit. */
  stop(): Promise<number | null>
}

const CLEARED = { GCC_HUB_TOKEN: '', GCC_HUB_VIEWER_TOKEN: '' }

/** Starts the hub on `dbPath` (a fresh file, or one seeded before) with the test tokens; resolves once it listens. */
export async function spawnHubProcess(opts: { dbPath: string; startTimeoutMs?: number }): Promise<HubProcess> {
  const tokensFile = path.join(path.dirname(opts.dbPath), 'tokens.json')
  writeFileSync(tokensFile, JSON.stringify(TEST_TOKEN_CONFIGS), { mode: 0o600 })
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src-hub/cli.ts',
      '--port',
      '0',
      '--db',
      opts.dbPath,
      '--tokens',
      tokensFile,
      '--reference',
      FIXTURE_REFERENCE_PATH,
      '--units',
      FIXTURE_UNITS_PATH,
      // Never outlive the test run, even if it is killed.
      '--parent-pid',
      String(process.pid)
    ],
    { env: { ...process.env, ...CLEARED }, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let out = ''
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub process did not listen within ${opts.startTimeoutMs ?? 60_000} ms; stderr: ${err.slice(-2000)}`)), opts.startTimeoutMs ?? 60_000)
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /HUB_URL=(\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`hub process exited (${String(code)}) before listening; stderr: ${err.slice(-2000)}`))
    })
  })
  let frozen = false
  const pid = child.pid
  if (pid === undefined) throw new Error('hub process has no pid')
  const thaw = (): void => {
    process.kill(pid, 'SIGCONT')
    frozen = false
  }
  return {
    url,
    pid,
    child,
    freeze() {
      process.kill(pid, 'SIGSTOP')
      frozen = true
    },
    thaw,
    get frozen() {
      return frozen
    },
    log: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      if (frozen) thaw()
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(timer)
      return code
    }
  }
}

/** Opens the hub's database in this process (the same store code), runs `fn` on it, and closes it. */
export async function withHubDb<T>(dbPath: string, fn: (hub: TestHub) => Promise<T>): Promise<T> {
  const hub = await startTestHub({ dbPath })
  try {
    return await fn(hub)
  } finally {
    await hub.stop()
  }
}
