// Shared pieces of the console integration tests: a console with short timers, a log recorder,
// and polling for a condition.
import { openConsole, type ConsoleCore } from '../../src-main/core'
import type { LogLevel } from '../../src-main/core/log'

export type LogLine = { level: LogLevel; msg: string; data?: Record<string, unknown> }

export const FAST_TIMING = {
  ackTimeoutMs: 3000,
  heartbeatMs: 300,
  reconnectDelayMs: 100,
  reconnectDelayMaxMs: 400,
  refusedRetryMs: 1000,
  retryBaseMs: 100,
  retryMaxMs: 400
}

export async function startConsole(
  dataDir: string,
  hubUrl: string,
  token: string
): Promise<{ core: ConsoleCore; logs: LogLine[] }> {
  const logs: LogLine[] = []
  const core = await openConsole({
    dataDir,
    hubUrl,
    token,
    timing: FAST_TIMING,
    log: (level, msg, data) => logs.push(data === undefined ? { level, msg } : { level, msg, data })
  })
  return { core, logs }
}

export async function waitFor(cond: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

export function syncPages(logs: LogLine[]): { sinceSeq: number; changes: number }[] {
  return logs
    .filter((l) => l.msg === 'sync page')
    .map((l) => ({ sinceSeq: Number(l.data?.sinceSeq), changes: Number(l.data?.changes) }))
}
