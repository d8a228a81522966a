// The reference hub of the sync benches in a child process (hub-child.ts), as the district's hub is
// another machine, with its CPU time readable from /proc so a bench can print the hub's share of the cores.
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))

export type HubReady = { url: string; head: number; token: string; seedMs: number; targets: string[] }

/** The reference hub in a child process (see hub-child.ts), ready; `stop` closes it. */
/** CPU seconds (user + system) a child process has used so far, from /proc; NaN where there is no /proc. */
function childCpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, in clock ticks of 10 ms
  } catch {
    return Number.NaN
  }
}

export async function startHubChild(
  entities: number,
  targets = 0,
  signal?: AbortSignal
): Promise<{ ready: HubReady; stop(): Promise<void>; cpuSeconds(): number }> {
  const child = fork(join(HERE, 'hub-child.ts'), [String(entities), String(targets)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  signal?.addEventListener('abort', () => child.kill('SIGKILL'), { once: true })
  const stop = async (): Promise<void> => {
    child.send({ close: true })
    await new Promise((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        r(null)
      }, 5000)
      child.once('exit', () => {
        clearTimeout(timer)
        r(null)
      })
    })
  }
  try {
    const ready = await new Promise<HubReady>((resolve, reject) => {
      child.once('message', (m) => resolve(m as HubReady))
      child.once('exit', (code) => reject(new Error(`hub child exited (${code})`)))
    })
    return { ready, stop, cpuSeconds: () => childCpuSeconds(child.pid) }
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }
}

