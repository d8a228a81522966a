// Flags and environment of browser mode (`src-main/web/cli.ts`), parsed into one checked
// options object with a clear message for each mistake.
import { hubUrlProblem, isLoopbackHost } from '../core/transport-rules'
import { homedir } from 'node:os'
import path from 'node:path'
import type { SettingOverride } from '../../src-shared/api'
import { SECRET_FLAGS, secretFlagMessage, secretsFromEnv, secretsFromFile, secretsFromStream, type WebSecrets } from './cli-secrets'

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
  /** Off this PC without --insecure-lan: serve HTTPS/WSS with the data folder's self-signed certificate. */
  tls: boolean
  /** Secrets still to read before starting (`completeWebCliSecrets`): a --token-file, or a line on stdin. */
  secretInput: { file: string | null; stdin: boolean }
}

export const USAGE = `Usage: npx tsx src-main/web/cli.ts [options]
  --hub URL            hub to connect to (env GCC_HUB_URL); overrides the settings file
  --demo               use the demo hub (env GCC_DEMO=1) without asking; without --hub or --demo
                       the hub saved in the settings file is used, or the first-run screen asks
  GCC_HUB_TOKEN        token for that hub (environment, or "token" in --token-file / --token-stdin)
  --port P             web host port, 0 = any free port (env GCC_PORT; default 0)
  --host H             listen address (env GCC_HOST; default 127.0.0.1 = this PC only)
  --data DIR           data folder for the cache (env GCC_DATA_DIR; default ~/.grid-command-console)
  --renderer DIR       built renderer (default out/renderer)
  GCC_OPERATOR_TOKEN   token for the operator page (default: random per start)
  GCC_VIEWER_TOKEN     token for wall screens (default: kept in the data folder; rotate it from the
                       console's settings panel)
  --token-file FILE    the tokens as JSON {"token":"…","viewerToken":"…","operatorToken":"…"} (each
                       optional) in a file of mode 600; refused if group or others may read it
  --token-stdin        the same JSON as one line on stdin
  --demo-rate R        new demo cases per second (default 0.5)
  --insecure-lan       with a --host other than this PC, serve plain http/ws instead of HTTPS/WSS
                       (tokens and case data would cross the network in clear). Without it such a
                       host is served over TLS with a self-signed certificate made on first run and
                       kept in the data folder; its SHA-256 fingerprint is printed at start
  Secrets never go on the command line (every local user sees it in ps): --token, --viewer-token and
  --operator-token are refused.`

const FLAGS = new Set(['hub', 'port', 'host', 'data', 'renderer', 'demo-rate', 'token-file'])

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
    if (arg === '--token-stdin') {
      given.set('token-stdin', 'yes')
      continue
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg)
    if (m && (m[1] ?? '') in SECRET_FLAGS) return { ok: false, message: secretFlagMessage(m[1] ?? '') }
    if (!m || !FLAGS.has(m[1] ?? '')) return { ok: false, message: `unknown argument '${arg}'\n${USAGE}` }
    const value = m[2] ?? argv[++i]
    if (value === undefined || value === '') return { ok: false, message: `--${m[1]} needs a value` }
    given.set(m[1] ?? '', value)
  }
  const pick = (flag: string, envName?: string): string | undefined =>
    given.get(flag) ?? (envName ? env[envName] || undefined : undefined)

  let secrets: WebSecrets
  try {
    secrets = secretsFromEnv(env)
  } catch (err) {
    return { ok: false, message: (err as Error).message }
  }
  const secretInput = { file: given.get('token-file') ?? null, stdin: given.has('token-stdin') }
  if (secretInput.file !== null && secretInput.stdin) return { ok: false, message: '--token-file and --token-stdin exclude each other' }
  const hubUrl = pick('hub', 'GCC_HUB_URL')
  const hubToken = secrets.token
  if (hubUrl && !/^https?:\/\/[^\s]+$/.test(hubUrl)) return { ok: false, message: `--hub must be an http(s) URL, got '${hubUrl}'` }
  const urlProblem = hubUrl ? hubUrlProblem(hubUrl) : null
  if (urlProblem !== null) return { ok: false, message: `--hub: ${urlProblem}` }
  // A token still to come from the file or stdin is checked for in completeWebCliSecrets.
  if (hubUrl && !hubToken && secretInput.file === null && !secretInput.stdin) return { ok: false, message: NEEDS_HUB_TOKEN }

  const host = pick('host', 'GCC_HOST') ?? '127.0.0.1'
  // Off this PC the web host speaks TLS (issue 15); plain http only when the person says so in so many words.
  const offThisPc = !isLoopbackHost(host.replace(/^\[|\]$/g, ''))
  const tls = offThisPc && !given.has('insecure-lan')

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
  if (hubUrl) overrides.push({ field: 'hub', source: sourceOf('hub', 'GCC_HUB_URL') }, { field: 'token', source: 'GCC_HUB_TOKEN' })
  if (demo) overrides.push({ field: 'demo', source: demoFlag ? '--demo' : 'GCC_DEMO' })
  if (given.has('data') || env.GCC_DATA_DIR) overrides.push({ field: 'dataDir', source: sourceOf('data', 'GCC_DATA_DIR') })

  const dataDir = path.resolve(cwd, pick('data', 'GCC_DATA_DIR') ?? path.join(homedir(), '.grid-command-console'))
  return {
    ok: true,
    options: {
      hub: hubUrl ? { url: hubUrl, token: hubToken ?? '' } : null,
      host,
      port,
      dataDir,
      rendererDir: path.resolve(cwd, pick('renderer') ?? 'out/renderer'),
      operatorToken: secrets.operatorToken ?? null,
      viewerToken: secrets.viewerToken ?? null,
      demoRate,
      demo,
      overrides,
      tls,
      secretInput
    }
  }
}

const NEEDS_HUB_TOKEN = '--hub needs a token for that hub: GCC_HUB_TOKEN, or "token" in --token-file FILE / --token-stdin'

/**
 * Reads the secrets named by --token-file or --token-stdin (they win over the environment) into the
 * options, and checks again that a hub given has its token. Without either flag, the options as they are.
 */
export async function completeWebCliSecrets(options: WebCliOptions, stdin: NodeJS.ReadableStream): Promise<ParseResult> {
  const { file, stdin: fromStdin } = options.secretInput
  let read: WebSecrets = {}
  try {
    if (file !== null) read = await secretsFromFile(file)
    else if (fromStdin) read = await secretsFromStream(stdin)
  } catch (err) {
    return { ok: false, message: (err as Error).message }
  }
  const source = file !== null ? '--token-file' : '--token-stdin'
  const hub = options.hub ? { url: options.hub.url, token: read.token ?? options.hub.token } : null
  if (hub && !hub.token) return { ok: false, message: NEEDS_HUB_TOKEN }
  if (!hub && read.token) return { ok: false, message: `${source}: "token" is for a hub given with --hub` }
  const overrides = options.overrides.map((o) => (o.field === 'token' && read.token ? { ...o, source } : o))
  return {
    ok: true,
    options: {
      ...options,
      hub,
      overrides,
      viewerToken: read.viewerToken ?? options.viewerToken,
      operatorToken: read.operatorToken ?? options.operatorToken,
      secretInput: { file: null, stdin: false }
    }
  }
}
