// Starts the reference hub as a separate process when no hub is configured (demo mode), reads
// the URL it prints, and stops it with the console. The console then talks to it over the same
// socket as to a real hub; hub code is never imported into the console.
import { existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { nodeHubSpawner, type HubChild, type HubSpawner } from './demo-hub-spawner'
import { acquireInstanceLock, type InstanceLock } from './instance-lock'
import type { Log } from './log'

export type DemoHubOptions = {
  /** The console's data folder; the hub's database goes beside the cache. */
  dataDir: string
  /** Project root (where node_modules/tsx and src-hub live). */
  projectRoot: string
  /** Simulator rate (new cases per second). */
  rate?: number
  /**
   * Play the hall's other dispatchers (accept, dispatch, escalate, close) so the case flow reaches a
   * steady state; default true. Ignored (off) when rate is 0, since the hall runs with the simulator.
   */
  hall?: boolean
  /** Multiplies the simulated hall's delays (default 1: about 3 minutes before it takes up a report). */
  hallDelayScale?: number
  /**
   * How to run Node: plain Node uses process.execPath; Electron passes its own binary with
   * ELECTRON_RUN_AS_NODE=1 in `env`, so no second runtime is needed.
   */
  nodePath?: string
  env?: NodeJS.ProcessEnv
  /** How the process is made: a node child (default, with nodePath/env) or an Electron utility process. */
  spawner?: HubSpawner
  /** Override of the script and its leading args, for tests. Default: tsx + src-hub/cli.ts. */
  script?: string[]
  startTimeoutMs?: number
  log?: Log
  /** Port to listen on (default 0: any); the supervisor restarts a hub on its old port. */
  port?: number
  /** Reuse this token (a restarted hub keeps the one the console already holds). */
  token?: string
}

export type DemoHub = {
  url: string
  token: string
  pid: number
  /** What made the process: a node child or an Electron utility process. */
  spawner: HubSpawner['kind']
  stop(): Promise<void>
  /** Resolves when the hub exits without being asked to (a crash, a kill): the supervisor's cue. */
  exited: Promise<{ code: number | null; signal: string | null }>
}

/** The first http(s) URL in a line the hub prints ("hub listening on http://127.0.0.1:4321"). */
export function findUrl(line: string): string | null {
  const m = /\bhttps?:\/\/[^\s"'<>]+/.exec(line)
  return m ? m[0].replace(/[.,;)]+$/, '') : null
}

/**
 * The hub program: from the sources with tsx while developing (src-hub present), else the compiled
 * bundle out/hub/cli.mjs (npm run build), which needs nothing but node and the production
 * dependencies: the packaged app ships no TypeScript and no tsx. GCC_DEMO_HUB=bundle forces it.
 */
export function defaultHubScript(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const bundle = path.join(projectRoot, 'out', 'hub', 'cli.mjs')
  const sources = path.join(projectRoot, 'src-hub', 'cli.ts')
  const reference = path.join(projectRoot, 'resources', 'reference')
  // Absolute reference paths: the hub then runs from any working directory (an installed app's).
  const data = existsSync(path.join(reference, 'reference.json'))
    ? ['--reference', path.join(reference, 'reference.json'), '--units', path.join(reference, 'units.json')]
    : []
  if (env.GCC_DEMO_HUB === 'bundle' || !existsSync(sources)) return [bundle, ...data]
  return ['--import', 'tsx', sources, ...data]
}

export async function startDemoHub(opts: DemoHubOptions): Promise<DemoHub> {
  // One demo hub per database (issue 12): two hubs writing one file corrupt each other's sequence.
  const lock = await acquireInstanceLock(path.join(opts.dataDir, 'demo-hub.db.lock'))
  try {
    return await startLockedDemoHub(opts, lock)
  } catch (err) {
    await lock.release()
    throw err
  }
}

async function startLockedDemoHub(opts: DemoHubOptions, lock: InstanceLock): Promise<DemoHub> {
  // Hex, so the token never starts with '-' (the hub's argument parser would take it for a flag).
  const token = opts.token ?? randomBytes(24).toString('hex')
  const script = opts.script ?? defaultHubScript(opts.projectRoot)
  const rate = opts.rate ?? 0.5
  if (opts.hallDelayScale !== undefined && !(Number.isFinite(opts.hallDelayScale) && opts.hallDelayScale > 0)) {
    throw new Error(`hallDelayScale must be a positive number, got ${opts.hallDelayScale}`)
  }
  const hall = (opts.hall ?? true) && rate > 0
  const args = [
    ...script,
    '--port',
    String(opts.port ?? 0),
    // The token goes over a pipe, not argv: any local user can read a command line in `ps`.
    '--token-stdin',
    '--rate',
    String(rate),
    '--hall',
    hall ? 'on' : 'off',
    ...(hall && opts.hallDelayScale !== undefined ? ['--hall-delay-scale', String(opts.hallDelayScale)] : []),
    '--db',
    path.join(opts.dataDir, 'demo-hub.db'),
    '--parent-pid',
    String(process.pid)
  ]
  const spawner = opts.spawner ?? nodeHubSpawner(opts.nodePath ?? process.execPath)
  const child = spawner.spawn({
    nodeArgs: args,
    // `--import tsx` resolves from the working directory: run in the project root.
    cwd: opts.projectRoot,
    env: { ...process.env, ...opts.env },
    // The token goes over stdin (a posted message a utility process turns into its stdin).
    tokenLine: `${JSON.stringify({ token })}\n`
  })
  const log = opts.log
  let stderrTail = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000)
    for (const line of chunk.split('\n')) if (line.trim()) log?.('info', `demo hub: ${line.trim()}`)
  })

  let offEarlyExit: () => void = () => undefined
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => {
      fail(`the demo hub printed no URL within ${(opts.startTimeoutMs ?? 30_000) / 1000} s`)
    }, opts.startTimeoutMs ?? 30_000)
    const fail = (why: string): void => {
      clearTimeout(timer)
      child.kill('SIGTERM')
      const tail = stderrTail.trim() ? `\n${stderrTail.trim().split('\n').slice(-10).join('\n')}` : ''
      reject(new Error(`${why}${tail}`))
    }
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        log?.('info', `demo hub: ${line.trim()}`)
        const found = findUrl(line)
        if (found) {
          clearTimeout(timer)
          resolve(found)
          return
        }
      }
    })
    child.onError((err) => fail(`could not start the demo hub: ${err.message}`))
    offEarlyExit = child.onExit((code, signal) => fail(`the demo hub exited before it was ready (code ${code}, signal ${signal})`))
  })
  // Keep draining stdout so the hub never blocks on a full pipe.
  child.stdout?.removeAllListeners('data')
  child.stdout?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) log?.('debug', `demo hub: ${line.trim()}`)
  })
  let stopping = false
  offEarlyExit()
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.onExit((code, signal) => {
      if (stopping) return
      log?.('warn', `demo hub exited (code ${code}, signal ${signal})`)
      void lock.release().finally(() => resolve({ code, signal }))
    })
  })

  return {
    url,
    token,
    pid: child.pid ?? -1,
    spawner: spawner.kind,
    exited,
    stop: async () => {
      stopping = true
      await stopChild(child)
      await lock.release()
    }
  }
}

/** SIGTERM, then SIGKILL if the hub has not exited within 5 s. */
function stopChild(child: HubChild): Promise<void> {
  if (child.hasExited) return Promise.resolve()
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
    const off = child.onExit(() => {
      off()
      clearTimeout(killer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
