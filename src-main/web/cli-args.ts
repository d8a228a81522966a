// Flags and environment of browser mode (`src-main/web/cli.ts`), parsed into one checked
// options object with a clear message for each mistake.
import { hubUrlProblem, isLoopbackHost } from '../core/transport-rules'
import { homedir } from 'node:os'
import path from 'node:path'
import type { SettingOverride } from '../../src-shared/api'

export type WebCliOptions = {
  /** null: no hub configured, start the demo hub. */
  hub: { url: string; token: string } | null
  host: string
  port: number
  dataDir: string
  rendererDir: string
  operatorToken: string | null
  viewerToken: string | null
  demoRate: number
  /** --demo: start the demo hub without the first-run screen. */
  demo: boolean
  /** Which flags and variables override the settings file, for the settings screen to say so. */
  overrides: SettingOverride[]
}

export const USAGE = `Usage: npx tsx src-main/web/cli.ts [options]
  --hub URL            hub to connect to (env GCC_HUB_URL); overrides the settings file
  --demo               use the demo hub (env GCC_DEMO=1) without asking; without --hub or --demo
                       the hub saved in the settings file is used, or the first-run screen asks
  --token T            token for that hub (env GCC_HUB_TOKEN)
  --port P             web host port, 0 = any free port (env GCC_PORT; default 0)
  --host H             listen address (env GCC_HOST; default 127.0.0.1 = this PC only)
  --data DIR           data folder for the cache (env GCC_DATA_DIR; default ~/.grid-command-console)
  --renderer DIR       built renderer (default out/renderer)
  --operator-token T   token for the operator page (default: random per start)
  --viewer-token V     token for wall screens (env GCC_VIEWER_TOKEN; default: kept in the data folder)
  --demo-rate R        new demo cases per second (default 0.5)
  --insecure-lan       allow a --host other than this PC over plain http/ws (there is no TLS yet:
                       tokens and case data would cross the network in clear)
  Secrets on the command line are visible to every local user in ps: prefer GCC_HUB_TOKEN and
  GCC_VIEWER_TOKEN to --token and --viewer-token.`

const FLAGS = new Set(['hub', 'token', 'port', 'host', 'data', 'renderer', 'operator-token', 'viewer-token', 'demo-rate'])

export type ParseResult = { ok: true; options: WebCliOptions } | { ok: false; message: string }

export function parseWebCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ParseResult {
  const given = new Map<string, string>()
  let demoFlag = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--help' || arg === '-h') return { ok: false, message: USAGE }
    if (arg === '--insecure-lan') {
      given.set('insecure-lan', 'yes')
      continue
    }
    if (arg === '--demo') {
      demoFlag = true
      continue
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (!m || !FLAGS.has(m[1] ?? '')) return { ok: false, message: `unknown argument '${arg}'\n${USAGE}` }
    const value = m[2] ?? argv[++i]
    if (value === undefined || value === '') return { ok: false, message: `--${m[1]} needs a value` }
    given.set(m[1] ?? '', value)
  }
  const pick = (flag: string, envName?: string): string | undefined =>
    given.get(flag) ?? (envName ? env[envName] || undefined : undefined)

  const hubUrl = pick('hub', 'GCC_HUB_URL')
  const hubToken = pick('token', 'GCC_HUB_TOKEN')
  if (hubUrl && !/^https?:\/\/[^\s]+$/.test(hubUrl)) return { ok: false, message: `--hub must be an http(s) URL, got '${hubUrl}'` }
  const urlProblem = hubUrl ? hubUrlProblem(hubUrl) : null
  if (urlProblem !== null) return { ok: false, message: `--hub: ${urlProblem}` }
  if (hubUrl && !hubToken) return { ok: false, message: '--hub needs --token (or GCC_HUB_TOKEN) for that hub' }
  if (!hubUrl && given.has('token')) return { ok: false, message: '--token is for a hub given with --hub' }

  const host = pick('host', 'GCC_HOST') ?? '127.0.0.1'
  // The web host has no TLS yet (issue 15): off this PC only when the person says so in so many words.
  if (!isLoopbackHost(host.replace(/^\[|\]$/g, '')) && !given.has('insecure-lan')) {
    return {
      ok: false,
      message: `--host ${host} would serve the console and its tokens to the network over plain http/ws, without TLS; pass --insecure-lan to accept that (a trusted hall network only)`
    }
  }

  const portText = pick('port', 'GCC_PORT') ?? '0'
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) return { ok: false, message: `--port must be 0..65535, got '${portText}'` }

  const rateText = pick('demo-rate') ?? '0.5'
  const demoRate = Number(rateText)
  if (!Number.isFinite(demoRate) || demoRate < 0 || demoRate > 100) {
    return { ok: false, message: `--demo-rate must be a number 0..100, got '${rateText}'` }
  }

  const demo = demoFlag || env.GCC_DEMO === '1'
  if (demo && hubUrl) return { ok: false, message: '--demo and --hub exclude each other' }
  const overrides: SettingOverride[] = []
  const sourceOf = (flag: string, envName: string): string => (given.has(flag) ? `--${flag}` : envName)
  if (hubUrl) overrides.push({ field: 'hub', source: sourceOf('hub', 'GCC_HUB_URL') }, { field: 'token', source: sourceOf('token', 'GCC_HUB_TOKEN') })
  if (demo) overrides.push({ field: 'demo', source: demoFlag ? '--demo' : 'GCC_DEMO' })
  if (given.has('data') || env.GCC_DATA_DIR) overrides.push({ field: 'dataDir', source: sourceOf('data', 'GCC_DATA_DIR') })

  const dataDir = path.resolve(cwd, pick('data', 'GCC_DATA_DIR') ?? path.join(homedir(), '.grid-command-console'))
  return {
    ok: true,
    options: {
      hub: hubUrl && hubToken ? { url: hubUrl, token: hubToken } : null,
      host,
      port,
      dataDir,
      rendererDir: path.resolve(cwd, pick('renderer') ?? 'out/renderer'),
      operatorToken: pick('operator-token') ?? null,
      viewerToken: pick('viewer-token', 'GCC_VIEWER_TOKEN') ?? null,
      demoRate,
      demo,
      overrides
    }
  }
}
