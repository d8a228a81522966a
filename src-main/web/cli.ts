// Browser mode: `npx tsx src-main/web/cli.ts [--hub URL --token T --port P --data DIR]`.
// Starts the demo hub when no hub is given, opens the console core, serves it on the local web
// host, prints the operator and wall URLs, and shuts everything down on SIGINT/SIGTERM.
import { secureFolder } from '../core/data-folder'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openConsole } from '../core/console-service'
import { startDemoHub, type DemoHub } from '../core/demo-hub'
import type { Log } from '../core/log'
import { parseWebCliArgs } from './cli-args'
import { loadViewerToken, randomToken } from './viewer-token'
import { isLoopback, startWebHost } from './web-host'

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

const log: Log = (level, msg, data) => {
  if (level === 'debug' && !process.env.GCC_DEBUG) return
  const extra = data ? ` ${JSON.stringify(data)}` : ''
  process.stderr.write(`[${new Date().toISOString()}] ${level}: ${msg}${extra}\n`)
}

async function main(): Promise<void> {
  const parsed = parseWebCliArgs(process.argv.slice(2), process.env, process.cwd())
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`)
    process.exit(2)
  }
  const opts = parsed.options
  await secureFolder(opts.dataDir)

  const cleanups: (() => Promise<void>)[] = []
  let closing = false
  const shutdown = async (code: number): Promise<void> => {
    if (closing) return
    closing = true
    // Reverse start order: web host, then the core, then the demo hub it talks to.
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((err: unknown) => log('warn', `shutdown: ${String(err)}`))
    }
    process.exit(code)
  }
  process.on('SIGINT', () => void shutdown(0))
  process.on('SIGTERM', () => void shutdown(0))

  try {
    let hub = opts.hub
    if (!hub) {
      const demo: DemoHub = await startDemoHub({ dataDir: opts.dataDir, projectRoot: PROJECT_ROOT, rate: opts.demoRate, log })
      cleanups.push(() => demo.stop())
      hub = { url: demo.url, token: demo.token }
      log('info', `no hub configured: started the demo hub at ${demo.url}`)
    }
    const core = await openConsole({ dataDir: opts.dataDir, hubUrl: hub.url, token: hub.token, demo: !opts.hub, log })
    cleanups.push(() => core.close())

    if (!isLoopback(opts.host)) {
      process.stderr.write(
        `WARNING: listening on ${opts.host}, not only on this PC. Anyone on the network with a link below can open the console.\n`
      )
    }
    const host = await startWebHost({
      api: core.api,
      host: opts.host,
      port: opts.port,
      rendererDir: opts.rendererDir,
      operatorToken: opts.operatorToken ?? randomToken(),
      viewerToken: opts.viewerToken ?? (await loadViewerToken(opts.dataDir)),
      log
    })
    cleanups.push(() => host.close())

    process.stdout.write(
      `Grid Command Console (browser mode${opts.hub ? '' : ', demo hub'})\n` +
        `  Console:          ${host.operatorUrl}\n` +
        `  Wall (read-only): ${host.wallUrl}\n` +
        `Press Ctrl+C to stop.\n`
    )
  } catch (err) {
    process.stderr.write(`Could not start the console: ${err instanceof Error ? err.message : String(err)}\n`)
    await shutdown(1)
  }
}

void main()
