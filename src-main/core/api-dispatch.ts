// Carrier-independent handling of one ConsoleApi call (Electron IPC and the web host's WebSocket
// both use it): method lookup, params parsed with the contract's schema, viewer access enforced,
// and a method's exception turned into an 'internal' error instead of a crash.
import {
  consoleApiEvents,
  consoleApiMethods,
  type Access,
  type ApiError,
  type ConsoleApi,
  type ConsoleApiEvent,
  type ConsoleApiMethod,
  type EventPayload,
  type Snapshot
} from '../../src-shared/api'
import type { Presence } from '../../src-shared/protocol'
import type { Log } from './log'

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: ApiError }

/** The core's log hook; carriers pass theirs through. */
export type DispatchLog = Log

const METHOD_NAMES = Object.keys(consoleApiMethods) as ConsoleApiMethod[]
export const EVENT_NAMES = Object.keys(consoleApiEvents) as ConsoleApiEvent[]

export function isApiMethod(name: unknown): name is ConsoleApiMethod {
  return typeof name === 'string' && (METHOD_NAMES as string[]).includes(name)
}

export function isApiEvent(name: unknown): name is ConsoleApiEvent {
  return typeof name === 'string' && (EVENT_NAMES as string[]).includes(name)
}

function refuse(code: ApiError['code'], message: string, issues?: string[]): CallOutcome {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } }
}

/** Issues as short "path: message" lines, bounded like ApiError.issues. */
function issueLines(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 50).map((i) => {
    const where = i.path.map(String).join('.')
    return (where ? `${where}: ${i.message}` : i.message).slice(0, 500)
  })
}

/**
 * Runs one call for a client with the given access. Never throws: every failure is a typed
 * outcome the carrier passes back to the caller.
 */
export async function dispatchCall(
  api: ConsoleApi,
  method: string,
  rawParams: unknown,
  access: Access,
  log?: DispatchLog
): Promise<CallOutcome> {
  if (!isApiMethod(method)) return refuse('invalid', `unknown method '${String(method).slice(0, 64)}'`)
  const spec = consoleApiMethods[method]
  if (!spec.viewer && access !== 'operator') {
    return refuse('read_only', `${method} is not open to a read-only (viewer) connection`)
  }
  const parsed = spec.params.safeParse(rawParams)
  if (!parsed.success) {
    return refuse('invalid', `bad parameters for ${method}`, issueLines(parsed.error.issues))
  }
  try {
    // The contract types each method by name; after the lookup above the params match it.
    const fn = api[method] as unknown as (...args: unknown[]) => Promise<unknown>
    const value = await fn.apply(api, parsed.data as unknown[])
    return { ok: true, value: forAccess(method, value, access) }
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    log?.('error', `ConsoleApi.${method} threw: ${detail}`)
    return refuse('internal', `${method} failed inside the console; see the console log`)
  }
}

/**
 * A viewer's copy of a status: the core reports its own access, the carrier knows the client's. A
 * wall is not told where the hub is nor the console's id (rev 1.4: least privilege for screens).
 */
function statusFor<T extends { access: Access; hubUrl: string; consoleId: string }>(status: T, access: Access): T {
  if (access === 'operator') return status.access === access ? status : { ...status, access }
  return { ...status, access, hubUrl: '', consoleId: VIEWER_CONSOLE_ID }
}

/** What a wall shows of presence: how many consoles are connected, never who or which ids. */
function presenceFor(presence: Presence, access: Access): Presence {
  if (access === 'operator') return presence
  return { consoles: [], count: presence.count ?? presence.consoles.length }
}

/** The console id a viewer is shown in place of the real one. */
export const VIEWER_CONSOLE_ID = 'wall'

function forAccess(method: ConsoleApiMethod, value: unknown, access: Access): unknown {
  if (method === 'getSnapshot' && value && typeof value === 'object' && 'status' in value) {
    const snap = value as Snapshot
    if (access === 'operator') return { ...snap, status: statusFor(snap.status, access) }
    // The wall draws cases, units, the clock and the figures: not the outbox, the hub or who is connected.
    return { ...snap, status: statusFor(snap.status, access), outbox: [], presence: presenceFor(snap.presence, access) }
  }
  return value
}

/** The payload of an event as a client with this access should see it. */
export function eventFor<E extends ConsoleApiEvent>(event: E, payload: EventPayload<E>, access: Access): EventPayload<E> {
  if (event === 'status') return statusFor(payload as EventPayload<'status'>, access) as EventPayload<E>
  if (access === 'operator') return payload
  if (event === 'outbox') return [] as EventPayload<'outbox'> as EventPayload<E>
  if (event === 'presence') return presenceFor(payload as Presence, access) as EventPayload<E>
  return payload
}

/**
 * Subscribes to every event for one client; `send` gets each payload already adjusted for
 * the client's access. Returns one function that removes all the subscriptions.
 */
export function subscribeEvents(
  api: ConsoleApi,
  access: Access,
  send: (event: ConsoleApiEvent, payload: unknown) => void
): () => void {
  const offs = EVENT_NAMES.map((event) =>
    api.on(event, (payload: EventPayload<typeof event>) => {
      // One failing client must not break the core's emitter for every other listener.
      try {
        send(event, eventFor(event, payload, access))
      } catch {
        /* the carrier drops that client on its own */
      }
    })
  )
  return () => {
    for (const off of offs) off()
  }
}
