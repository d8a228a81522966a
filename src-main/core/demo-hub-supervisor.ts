// Keeps the demo hub running (issue 12): when it exits on its own (a crash, a kill) it is started
// again on the same port with the same token, so the console's link simply reconnects — after a
// backoff that doubles with each quick failure (no busy loop) and resets once it has run a while.
// Each change of state is reported for the status line.
import type { DemoHub, DemoHubOptions } from './demo-hub'
import type { Log } from './log'

export type DemoHubState = { state: 'running' | 'restarting' | 'failed'; restarts: number; lastExit: string | null }

export type SupervisedDemoHub = { url: string; token: string; stop(): Promise<void>; state(): DemoHubState; pid(): number }

export type SupervisorOptions = {
  start(opts: Pick<DemoHubOptions, 'port' | 'token'>): Promise<DemoHub>
  log: Log
  onState?(state: DemoHubState): void
  backoffBaseMs?: number
  backoffMaxMs?: number
  /** A hub that ran this long is healthy again: the next failure starts the backoff over. */
  stableMs?: number
}

export async function superviseDemoHub(opts: SupervisorOptions): Promise<SupervisedDemoHub> {
  const base = opts.backoffBaseMs ?? 1000
  const max = opts.backoffMaxMs ?? 60_000
  const stableMs = opts.stableMs ?? 60_000
  let hub = await opts.start({})
  const port = Number(new URL(hub.url).port)
  const token = hub.token
  let stopping = false
  let failures = 0
  let startedAt = Date.now()
  let timer: ReturnType<typeof setTimeout> | null = null
  let status: DemoHubState = { state: 'running', restarts: 0, lastExit: null }
  const report = (next: DemoHubState): void => {
    status = next
    opts.onState?.(next)
  }

  const watch = (current: DemoHub): void => {
    void current.exited.then(({ code, signal }) => {
      if (stopping || current !== hub) return
      if (Date.now() - startedAt > stableMs) failures = 0
      failures += 1
      const delay = Math.min(max, base * 2 ** (failures - 1))
      const lastExit = signal ? `signal ${signal}` : `code ${code}`
      opts.log('warn', 'the demo hub stopped: restarting it', { lastExit, inMs: delay, attempt: failures })
      report({ state: 'restarting', restarts: status.restarts, lastExit })
      schedule(delay)
    })
  }

  const schedule = (delay: number): void => {
    timer = setTimeout(() => {
      timer = null
      if (stopping) return
      opts.start({ port, token }).then(
        (next) => {
          if (stopping) return void next.stop()
          hub = next
          startedAt = Date.now()
          report({ state: 'running', restarts: status.restarts + 1, lastExit: status.lastExit })
          opts.log('info', 'the demo hub is running again', { pid: next.pid, restarts: status.restarts })
          watch(next)
        },
        (err: unknown) => {
          failures += 1
          const next = Math.min(max, base * 2 ** (failures - 1))
          opts.log('error', 'the demo hub would not start again', { error: String(err), inMs: next })
          report({ state: 'failed', restarts: status.restarts, lastExit: status.lastExit })
          schedule(next)
        }
      )
    }, delay)
  }

  watch(hub)
  return {
    url: hub.url,
    token,
    state: () => status,
    pid: () => hub.pid,
    stop: async () => {
      stopping = true
      if (timer !== null) clearTimeout(timer)
      await hub.stop()
    }
  }
}
