// How the demo hub's process is made (issue 12): a plain `node` child in browser mode, an Electron
// `utilityProcess` in the desktop app. Both look the same to demo-hub.ts (HubChild), and both hand
// the hub its token as one JSON line on stdin (`--token-stdin`), never on the command line. A
// utility process has no stdin, so the line is posted to it and demo-hub-entry.ts puts it on a
// stand-in stdin before it starts the hub program unchanged. No `electron` import here: the shell
// passes `utilityProcess.fork` in (src-main/electron/main.ts); tests pass a look-alike.
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import path from 'node:path'

export type HubChild = {
  readonly pid: number | undefined
  readonly stdout: NodeJS.ReadableStream | null
  readonly stderr: NodeJS.ReadableStream | null
  /** True once the process has exited. */
  readonly hasExited: boolean
  kill(signal?: NodeJS.Signals): void
  /** Every exit; returns the unsubscribe function. `signal` is null where the runtime gives none. */
  onExit(listener: (code: number | null, signal: string | null) => void): () => void
  onError(listener: (err: Error) => void): void
}

/** The hub program as node arguments (`--import tsx src-hub/cli.ts …` or `out/hub/cli.mjs …`). */
export type HubSpawn = { nodeArgs: string[]; cwd: string; env: NodeJS.ProcessEnv; tokenLine: string }
export type HubSpawner = { kind: 'node' | 'utility'; spawn(s: HubSpawn): HubChild }

/** `--import tsx src-hub/cli.ts --port 0` → runtime flags, the program, its arguments. */
export function splitNodeArgs(nodeArgs: readonly string[]): { execArgv: string[]; program: string; args: string[] } {
  const execArgv: string[] = []
  let i = 0
  while (i < nodeArgs.length && (nodeArgs[i] ?? '').startsWith('-')) {
    const flag = nodeArgs[i] as string
    execArgv.push(flag)
    // Node's flags that take their value as the next argument.
    if (/^--(import|require|loader|experimental-loader)$/.test(flag) && i + 1 < nodeArgs.length) execArgv.push(nodeArgs[++i] as string)
    i++
  }
  const program = nodeArgs[i]
  if (program === undefined) throw new Error('the demo hub command names no program')
  return { execArgv, program, args: nodeArgs.slice(i + 1) }
}

/** Browser mode (and Electron as node): a child process of `nodePath`, the token written to its stdin. */
export function nodeHubSpawner(nodePath: string = process.execPath, extraEnv: NodeJS.ProcessEnv = {}): HubSpawner {
  return {
    kind: 'node',
    spawn({ nodeArgs, cwd, env, tokenLine }) {
      const child = spawn(nodePath, nodeArgs, { cwd, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] })
      child.stdin.on('error', () => undefined)
      child.stdin.end(tokenLine)
      return {
        get pid() {
          return child.pid
        },
        stdout: child.stdout,
        stderr: child.stderr,
        get hasExited() {
          return child.exitCode !== null || child.signalCode !== null
        },
        kill: (signal) => void child.kill(signal ?? 'SIGTERM'),
        onExit(listener) {
          child.on('exit', listener)
          return () => void child.removeListener('exit', listener)
        },
        onError: (listener) => void child.once('error', listener)
      }
    }
  }
}

/** What demo-hub.ts needs of Electron's UtilityProcess (the shape of `utilityProcess.fork`'s result). */
export type UtilityProcessLike = {
  readonly pid: number | undefined
  readonly stdout: NodeJS.ReadableStream | null
  readonly stderr: NodeJS.ReadableStream | null
  kill(): boolean
  postMessage(message: unknown): void
  on(event: 'spawn', listener: () => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  on(event: 'error', listener: (...args: unknown[]) => void): unknown
}
export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; execArgv: string[]; stdio: 'pipe'; serviceName: string }
) => UtilityProcessLike

/** The entry a utility process runs: out/hub/entry.mjs when built, else the source (run with tsx). */
export function defaultHubEntry(projectRoot: string): string {
  const built = path.join(projectRoot, 'out', 'hub', 'entry.mjs')
  return existsSync(built) ? built : path.join(projectRoot, 'src-main', 'core', 'demo-hub-entry.ts')
}

/** The desktop app: an Electron utility process (no second runtime, no ELECTRON_RUN_AS_NODE). */
export function utilityHubSpawner(fork: UtilityFork, entry: string): HubSpawner {
  return {
    kind: 'utility',
    spawn({ nodeArgs, cwd, env, tokenLine }) {
      const { execArgv, program, args } = splitNodeArgs(nodeArgs)
      const proc = fork(entry, [program, ...args], { cwd, env, execArgv, stdio: 'pipe', serviceName: 'gcc-demo-hub' })
      const events = new EventEmitter()
      let exited = false
      // Posted once the process runs: the entry waits for it before the hub reads its stdin.
      proc.on('spawn', () => proc.postMessage(tokenLine))
      proc.on('exit', (code) => {
        exited = true
        // A utility process reports an exit code only; a kill shows as a non-zero code.
        events.emit('exit', code, null)
      })
      proc.on('error', (...details: unknown[]) => events.emit('error', new Error(`the demo hub's utility process failed: ${details.map(String).join(' ')}`)))
      return {
        get pid() {
          return proc.pid
        },
        stdout: proc.stdout,
        stderr: proc.stderr,
        get hasExited() {
          return exited
        },
        kill: () => void proc.kill(),
        onExit(listener) {
          events.on('exit', listener)
          return () => void events.removeListener('exit', listener)
        },
        onError: (listener) => void events.once('error', listener)
      }
    }
  }
}
