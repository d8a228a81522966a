// Browser mode: `GCC_HUB_TOKEN=T npx tsx src-main/web/cli.ts [--hub URL --port P --data DIR]`.
// Starts the demo hub when no hub is given, opens the console core, serves it on the local web
// host, prints the operator and wall URLs, and shuts everything down on SIGINT/SIGTERM.
import { secureFolder } from '../core/data-folder'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDemoHub } from '../core/demo-hub'
import { superviseDemoHub } from '../core/demo-hub-supervisor'
import type { Log } from '../core/log'
import { completeWebCliSecrets, parseWebCliArgs } from './cli-args'
import { SECRET_ENV } from './cli-secrets'
import { startBrowserApp } from './browser-app'
import { isLoopback } from './web-host'
import { randomToken } from './viewer-token'
import { openFileLog, type FileLog } from '../core/logging/file-log'
import { acquireInstanceLock, type InstanceLock } from '../core/instance-lock'

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

const terminal: Log = (level, msg, data) => {
  if (level === 'debug' && !process.env.GCC_DEBUG) return
  const extra = data ? ` ${JSON.stringify(data)}` : ''
  process.stderr.write(`[${new Date().toISOString()}] ${level}: ${msg}${extra}\n`)
}
/** The terminal until the log files are open, then both (issue 12: logs/ in the data folder). */
let fileLog: FileLog | null = null
const log: Log = (level, msg, data) => {
  fileLog?.log(level, msg, data)
  terminal(level, msg, data)
}

/** The version in package.json (beside out/ when packaged, the project root in development). */
function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<void> {
  const first = parseWebCliArgs(process.argv.slice(2), process.env, process.cwd())
  const parsed = first.ok ? await completeWebCliSecrets(first.options, process.stdin) : first
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`)
    process.exit(2)
  }
  const opts = parsed.options
  // Read once; no child (the demo hub) inherits them.
  for (const name of Object.values(SECRET_ENV)) delete process.env[name]
  await secureFolder(opts.dataDir)
  // Never two writers on one cache (issue 12): a second console on this folder stops here.
  let lock: InstanceLock
  try {
    lock = await acquireInstanceLock(path.join(opts.dataDir, 'console.lock'))
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(3)
  }
  fileLog = await openFileLog({ dir: path.join(opts.dataDir, 'logs'), name: 'console', level: process.env.GCC_DEBUG ? 'debug' : 'info' })
  fileLog.addSecret(opts.hub?.token)
  fileLog.addSecret(opts.viewerToken)
  const operatorToken = opts.operatorToken ?? randomToken()
  fileLog.addSecret(operatorToken)
  process.on('uncaughtException', (err) => {
    log('error', 'uncaught exception', { error: err.stack ?? String(err) })
    void fileLog?.close().finally(() => process.exit(70))
  })
  process.on('unhandledRejection', (reason) => log('error', 'unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }))
  log('info', 'browser mode starting', { dataDir: opts.dataDir, overrides: opts.overrides })

  const cleanups: (() => Promise<void>)[] = []
  let closing = false
  const shutdown = async (code: number): Promise<void> => {
    if (closing) return
    closing = true
    // Reverse start order: web host, then the core, then the demo hub it talks to.
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err: unknown) => log('warn', `shutdown: ${String(err)}`))
    }
    await fileLog?.close()
    await lock.release()
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))

  try {
    const app = await startBrowserApp({
      dataDir: opts.dataDir,
      overrides: { hub: opts.hub, demo: opts.demo, sources: opts.overrides },
      host: opts.host,
      port: opts.port,
      rendererDir: opts.rendererDir,
      operatorToken,
      onSecret: (s) => fileLog?.addSecret(s),
      versions: { app: appVersion() },
      viewerToken: opts.viewerToken,
      tls: opts.tls,
      startDemo: (dataDir, onState) =>
        superviseDemoHub({ start: (o) => startDemoHub({ dataDir, projectRoot: PROJECT_ROOT, rate: opts.demoRate, log, ...o }), log, onState }),
      log
    })
    cleanups.push(() => app.close())
    const host = app.web

    if (!isLoopback(opts.host)) {
      process.stderr.write(
        opts.tls
          ? `Listening on ${opts.host} over HTTPS/WSS with a self-signed certificate. Before accepting it in a wall browser, check that it shows this SHA-256 fingerprint.\n`
          : `WARNING: --insecure-lan: listening on ${opts.host} over plain http/ws. The tokens below and all case data cross the network in clear; anyone on it who sees a link can open the console.\n`
      )
    }
    const mode = app.session.currentCore ? (app.session.isDemo ? ', demo hub' : '') : ', first run: choose a hub in the page'
    process.stdout.write(
      `Grid Command Console (browser mode${mode})\n` +
        `  Console:          ${host.operatorUrl}\n` +
        `  Wall (read-only): ${host.wallUrl}\n` +
        (app.tlsFingerprint ? `  TLS certificate SHA-256: ${app.tlsFingerprint}\n` : '') +
        `Press Ctrl+C to stop.\n`
    )
  } catch (err) {
    process.stderr.write(`Could not start the console: ${err instanceof Error ? err.message : String(err)}\n`)
    await shutdown(1)
  }
}

void main()
