// Runs a console core in a child process, so a test can kill it with SIGKILL mid-work: it opens
// the cache, follows the hub and, when asked, keeps issuing commands. Every line on stdout is
// JSON: {"ready":…} once open, {"queued":commandId,"incidentId"} after each command is durably in the outbox
// (stdout to a pipe is synchronous on Linux, so a printed id is a promise the outbox made).
// Usage: node --import tsx tests/helpers/console-child.ts '<ChildArgs as JSON>'
import { openConsole } from '../../src-main/core'

export type ChildArgs = {
  dataDir: string
  hubUrl: string
  token: string
  /** Incidents to write notes on; every `reportEvery`-th command is a new report instead. */
  targets: { id: string; categoryCode: string; address: string; location: { lng: number; lat: number } }[]
  /** Pause between commands; 0 issues none. */
  issueEveryMs: number
  reportEvery: number
  /** A label for the commands' text, so a person reading the hub can tell runs apart. */
  run: number
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs
  const core = await openConsole({
    dataDir: args.dataDir,
    hubUrl: args.hubUrl,
    token: args.token,
    timing: { ackTimeoutMs: 1500, heartbeatMs: 300, reconnectDelayMs: 50, reconnectDelayMaxMs: 300, retryBaseMs: 50, retryMaxMs: 300 },
    log: (level, msg, data) => {
      if (level === 'error') process.stderr.write(`${JSON.stringify({ level, msg, data })}\n`)
    }
  })
  const status = core.debug.status()
  print({ ready: { lastSeq: status.lastSeq, outbox: status.outboxCount, consoleId: status.consoleId } })
  if (args.issueEveryMs <= 0 || args.targets.length === 0) return
  for (let i = 0; ; i++) {
    const target = args.targets[i % args.targets.length]
    if (target === undefined) return
    const request =
      i % args.reportEvery === args.reportEvery - 1
        ? {
            type: 'report' as const,
            payload: {
              draft: {
                categoryCode: target.categoryCode,
                urgency: 'normal',
                source: 'hotline',
                title: `来电 ${args.run}-${i}`,
                description: '压力测试录入',
                address: target.address,
                location: target.location
              }
            }
          }
        : { type: 'note' as const, incidentId: target.id, payload: { text: `记录 ${args.run}-${i}` } }
    const result = await core.api.issueCommand(request)
    if (result.ok) print({ queued: result.value.command.commandId, incidentId: result.value.command.incidentId ?? null })
    else print({ refused: result.error.message })
    await new Promise((r) => setTimeout(r, args.issueEveryMs))
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`console child failed: ${String(err)}\n`)
  process.exit(1)
})
