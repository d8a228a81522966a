// What the app serves while its cache cannot be opened (issue 12): a locked file, a directory in
// the file's place, a folder without permission. The console starts anyway and shows the storage
// alarm in the status bar and on the wall; it holds no case (there is nowhere to keep one), so
// commands are refused with `storage` and the reason, and every read that needs the cache says
// why it cannot answer. The app session tries the real core again on a backoff and swaps it in.
import {
  consoleApiMethods,
  fail,
  type ConsoleApi,
  type ConsoleApiMethod,
  type ConsoleStatus,
  type Snapshot,
  type StorageAlarm
} from '../../src-shared/api'
import { EventHub } from './event-hub'
import type { Log } from './log'

export type StandbyCore = {
  api: ConsoleApi
  /** The alarm changed (another cause, a longer spell): the status bar hears it. */
  setAlarm(alarm: StorageAlarm): void
  close(): Promise<void>
}

export function standbyCore(opts: { hubUrl: string; demo: boolean; alarm: StorageAlarm; log: Log }): StandbyCore {
  let alarm = opts.alarm
  const events = new EventHub(opts.log)
  const reason = (): string => `the local cache cannot be opened (${alarm.kind.replace('_', ' ')}): ${alarm.message}`

  const status = (): ConsoleStatus => ({
    consoleId: 'cache-unavailable',
    // Not linked to the hub: with no cache, nothing it sends could be kept.
    connection: 'offline',
    hubUrl: opts.hubUrl,
    demo: opts.demo,
    access: 'operator',
    user: null,
    scopeStreets: [],
    lastSeq: 0,
    headSeq: 0,
    outboxCount: 0,
    rejectedChanges: 0,
    lastContactAt: null,
    hubRefusal: null,
    rttMs: null,
    clockSkewMs: 0,
    referenceVersion: null,
    cacheNotice: null,
    storage: alarm
  })

  const own: Partial<Record<ConsoleApiMethod, (...args: never[]) => Promise<unknown>>> = {
    getSnapshot: (): Promise<Snapshot> =>
      Promise.resolve({ status: status(), incidents: [], units: [], handovers: [], outbox: [], presence: { consoles: [] }, notices: [] }),
    getReference: () => Promise.resolve(null),
    getIncident: () => Promise.resolve(null),
    findIncidents: () => Promise.resolve([]),
    findIncidentMatches: () => Promise.resolve([]),
    issueCommand: () => Promise.resolve(fail('storage', `the command could not be saved on this computer: ${reason()}`)),
    resolveOutbox: () => Promise.resolve(fail('storage', reason()))
  }
  const api: Record<string, unknown> = { on: events.on.bind(events) }
  for (const method of Object.keys(consoleApiMethods) as ConsoleApiMethod[]) {
    // Figures, exports and whatever else reads the cache: refused with the cause, never made up.
    api[method] = own[method] ?? (() => Promise.reject(new Error(reason())))
  }
  return {
    api: api as ConsoleApi,
    setAlarm(next) {
      alarm = next
      events.emit('status', status())
    },
    close() {
      events.clear()
      return Promise.resolve()
    }
  }
}
