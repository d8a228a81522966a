// `GCC_HUB_TOKEN=T npm run hub -- --port P --rate R …`: runs the reference hub, and the traffic simulator when --rate > 0.
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { tokensFromEnv, tokensFromFile, tokensFromStream, type CliTokens } from './cli-tokens'
import { createHub } from './hub'
import { HALL_USER } from './simulator/hall-user'
import type { TokenConfig } from './tokens'

const USAGE = `usage: GCC_HUB_TOKEN=T npm run hub -- [--port P] [--host H] [--rate R] [--seed S] [--scenario NAME]
                      [--hall on|off] [--hall-delay-scale X] [--hall-deadlines field|calendar]
                      [--db PATH] [--tokens FILE] [--token-file FILE | --token-stdin] [--reference FILE] [--units FILE]
  Tokens never go on the command line (every local user sees it in ps):
  GCC_HUB_TOKEN, GCC_HUB_VIEWER_TOKEN   a shift lead's token (dispatcher rights + lead, every street) and a
                    read-only token for wall screens
  --token-file FILE the same as JSON {"token":"…","viewerToken":"…"} in a file of mode 600
  --token-stdin     the same JSON as one line on stdin (how a console hands its demo hub the token)
  --token, --viewer-token   refused: a secret in argv is visible to every local user in ps
  --tokens FILE     more tokens: JSON [{ token, user: {id, name, role}, streets: [...] | "*", unitId? }]
  --rate R          simulated reports per second, averaged over a day (0: no simulator)
  --scenario NAME   normal (default), quiet-night, busy-morning, rainstorm
  --hall on|off     also play the hall's other dispatchers (accept, dispatch, escalate, close); needs --rate > 0;
                    default off
  --hall-delay-scale X   multiplies the hall's delays (default 1: a median of 3 minutes before a report is
                    taken up, so a person at a console gets there first)
  --hall-deadlines field|calendar   the hall's dispatch deadlines: on the field's ×60 clock (default) or
                    the hub's working calendar
  --db PATH         SQLite file (default .data/hub.sqlite)
  --parent-pid PID  exit when that process is gone (a console's demo hub)`

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function numberArg(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number, got ${value}`)
  return n
}

async function main(): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        // Parsed only to refuse them with a clear message (a secret in argv is visible in ps).
        token: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string' },
        hall: { type: 'string' },
        'hall-delay-scale': { type: 'string' },
        'hall-deadlines': { type: 'string' },
        db: { type: 'string' },
        tokens: { type: 'string' },
        'viewer-token': { type: 'string' },
        'token-file': { type: 'string' },
        'token-stdin': { type: 'boolean' },
        reference: { type: 'string' },
        units: { type: 'string' },
        'parent-pid': { type: 'string' },
        help: { type: 'boolean' }
      },
      strict: true
    })
  } catch (err) {
    fail((err as Error).message)
  }
  const args = parsed.values
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (args.token !== undefined || args['viewer-token'] !== undefined) {
    fail('--token/--viewer-token would put a secret on the command line, where every local user sees it (ps); they are not accepted: use GCC_HUB_TOKEN / GCC_HUB_VIEWER_TOKEN, --token-file FILE (mode 600) or --token-stdin')
  }
  let given: CliTokens
  try {
    given = {
      ...tokensFromEnv(process.env),
      ...(args['token-file'] !== undefined ? await tokensFromFile(args['token-file']) : {}),
      ...(args['token-stdin'] === true ? await tokensFromStream(process.stdin) : {})
    }
  } catch (err) {
    fail((err as Error).message)
  }
  if (given.token === undefined && args.tokens === undefined) fail('give a lead token (GCC_HUB_TOKEN, --token-file or --token-stdin) or --tokens FILE')
  const port = numberArg(args.port, 'port', 0)
  const rate = numberArg(args.rate, 'rate', 0)
  const seed = numberArg(args.seed, 'seed', 1)
  const hallFlag = args.hall ?? 'off'
  if (hallFlag !== 'on' && hallFlag !== 'off') fail(`--hall must be on or off, got ${hallFlag}`)
  const hallOn = hallFlag === 'on'
  if (hallOn && rate === 0) fail('--hall on needs --rate > 0 (the hall runs with the simulator)')
  const hallDelayScale = numberArg(args['hall-delay-scale'], 'hall-delay-scale', 1)
  if (hallDelayScale === 0) fail('--hall-delay-scale must be > 0')
  const hallDeadlines = args['hall-deadlines'] ?? 'field'
  if (hallDeadlines !== 'field' && hallDeadlines !== 'calendar') fail(`--hall-deadlines must be field or calendar, got ${hallDeadlines}`)
  const dbPath = args.db ?? '.data/hub.sqlite'
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 })

  const tokens: TokenConfig[] = []
  if (given.token !== undefined) {
    tokens.push({ token: given.token, user: { id: 'lead', name: '值班长', role: 'lead' }, streets: '*' })
  }
  if (given.viewerToken !== undefined) {
    tokens.push({ token: given.viewerToken, user: { id: 'viewer', name: '大屏', role: 'viewer' }, streets: '*' })
  }
  // The simulator's users get fresh secrets each run; nobody outside this process needs them.
  const unitToken = `sim-unit-${randomBytes(16).toString('hex')}`
  const districtToken = `sim-district-${randomBytes(16).toString('hex')}`
  tokens.push(
    { token: unitToken, user: { id: 'sim-field', name: '城管通（模拟）', role: 'unit' }, streets: '*', unlimited: true },
    { token: districtToken, user: { id: 'sim-district', name: '区指挥中心（模拟）', role: 'district' }, streets: '*', unlimited: true }
  )
  // The hall is a dispatcher like any seat: same role, same rate limit, its own name in the timeline.
  const hallToken = `sim-hall-${randomBytes(16).toString('hex')}`
  if (hallOn) tokens.push({ token: hallToken, user: HALL_USER, streets: '*' })

  const log = (msg: string): void => {
    process.stderr.write(`[hub ${new Date().toISOString()}] ${msg}\n`)
  }
  const hub = await createHub({
    host: args.host ?? '127.0.0.1',
    port,
    dbPath,
    tokens,
    ...(args.tokens !== undefined ? { tokensFile: args.tokens } : {}),
    ...(args.reference !== undefined ? { referencePath: args.reference } : {}),
    ...(args.units !== undefined ? { unitsPath: args.units } : {}),
    log
  })
  // The hub's record (cases with reporters' phones) is for its owner only.
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    try {
      chmodSync(file, 0o600)
    } catch {
      /* not there (yet) */
    }
  }
  process.stdout.write(`HUB_URL=${hub.url}\n`)
  log(`listening on ${hub.url} (namespace /v1), db ${dbPath}, reference ${hub.reference.version}, head seq ${hub.store.headSeq()}`)

  let simulator: { stop(): Promise<void> } | null = null
  if (rate > 0) {
    // Imported only when wanted, so the hub runs even where the simulator is absent.
    const { startSimulator, isScenarioName, SCENARIO_NAMES } = await import('./simulator/index')
    const scenario = args.scenario ?? 'normal'
    if (!isScenarioName(scenario)) {
      await hub.close()
      fail(`unknown --scenario ${scenario}; one of ${SCENARIO_NAMES.join(', ')}`)
    }
    simulator = await startSimulator({
      hubUrl: hub.url,
      unitToken,
      districtToken,
      rate,
      seed,
      scenario,
      reference: hub.reference.data,
      units: hub.reference.units,
      log: (msg) => log(`sim: ${msg}`),
      postNotice: ({ level, text }) => hub.notice(level, text),
      ...(hallOn ? { hall: { token: hallToken, delayScale: hallDelayScale, deadlines: hallDeadlines } } : {})
    })
    log(`simulator running at ${rate} reports/s (seed ${seed}, scenario ${scenario}, hall ${hallFlag})`)
  }

  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    log(`${signal}: shutting down`)
    await simulator?.stop().catch((err: unknown) => log(`simulator stop failed: ${String(err)}`))
    await hub.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  // A demo hub started by a console must not outlive it, even when the console is SIGKILLed.
  const parentPid = args['parent-pid'] === undefined ? null : numberArg(args['parent-pid'], 'parent-pid', 0)
  if (parentPid !== null && parentPid > 0) {
    setInterval(() => {
      try {
        process.kill(parentPid, 0)
      } catch {
        void stop('parent gone')
      }
    }, 1000).unref()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`hub failed to start: ${(err as Error).message}\n`)
  process.exit(1)
})
