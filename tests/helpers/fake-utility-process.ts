// An Electron `utilityProcess.fork` look-alike for tests where Electron cannot run: a Node child
// with no stdin, stdout/stderr piped, messages posted over IPC to a `process.parentPort` shim, an
// exit event with a code only, and `kill()` without a signal — the UtilityProcess surface
// demo-hub-spawner.ts relies on. Records every fork and every posted message.
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { UtilityFork, UtilityProcessLike } from '../../src-main/core/demo-hub-spawner'

const SHIM = fileURLToPath(new URL('./utility-parent-port.mjs', import.meta.url))

export type FakeUtilityLog = { forks: { modulePath: string; args: string[]; execArgv: string[] }[]; posted: unknown[] }

export function fakeUtilityFork(): { fork: UtilityFork; record: FakeUtilityLog } {
  const record: FakeUtilityLog = { forks: [], posted: [] }
  const make: UtilityFork = (modulePath, args, options) => {
    record.forks.push({ modulePath, args, execArgv: options.execArgv })
    const child = fork(modulePath, args, {
      cwd: options.cwd,
      env: options.env,
      execArgv: ['--import', SHIM, ...options.execArgv],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc']
    })
    const events = new EventEmitter()
    child.once('spawn', () => events.emit('spawn'))
    child.once('exit', (code) => events.emit('exit', code ?? 1))
    child.once('error', (err) => events.emit('error', 'FatalError', '', String(err)))
    const proc: UtilityProcessLike = {
      get pid() {
        return child.pid
      },
      stdout: child.stdout,
      stderr: child.stderr,
      kill: () => child.kill('SIGTERM'),
      postMessage: (message) => {
        record.posted.push(message)
        child.send(message as string)
      },
      on: (event: string, listener: (...a: never[]) => void) => events.on(event, listener as (...a: unknown[]) => void)
    } as UtilityProcessLike
    return proc
  }
  return { fork: make, record }
}
