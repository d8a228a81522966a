// The ConsoleApi the preload exposes, built over ipcRenderer: one invoke channel per method and
// one event channel per event, all under API_CHANNEL_PREFIX; nothing else can be reached.
// Electron-free so it is tested in Node; index.ts hands it the real ipcRenderer.
import {
  API_CHANNEL_PREFIX,
  consoleApiEvents,
  consoleApiMethods,
  eventChannel,
  methodChannel,
  type ConsoleApi,
  type ConsoleApiEvent,
  type ConsoleApiMethod,
  type EventPayload
} from '../../src-shared/api'

/** The part of ipcRenderer the bridge uses. */
export type IpcLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

const METHODS = Object.keys(consoleApiMethods) as ConsoleApiMethod[]
const EVENTS = new Set(Object.keys(consoleApiEvents))

/** Every channel goes through here: anything outside our prefix is refused. */
export function checkedChannel(channel: string): string {
  if (!channel.startsWith(API_CHANNEL_PREFIX)) throw new Error(`refused channel '${channel}'`)
  return channel
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; issues?: string[] } }

function isOutcome(v: unknown): v is Outcome {
  if (!v || typeof v !== 'object' || !('ok' in v)) return false
  const o = v as { ok: unknown; error?: unknown }
  if (o.ok === true) return 'value' in o
  return o.ok === false && !!o.error && typeof o.error === 'object'
}

/** Methods whose result is itself a Result take a carrier failure as `{ ok: false }`. */
function returnsResult(method: ConsoleApiMethod): boolean {
  return consoleApiMethods[method].result.safeParse({ ok: false, error: { code: 'internal', message: 'probe' } }).success
}

export function createBridgeApi(ipc: IpcLike): ConsoleApi {
  const call = async (method: ConsoleApiMethod, params: unknown[]): Promise<unknown> => {
    const outcome = await ipc.invoke(checkedChannel(methodChannel(method)), ...params)
    if (!isOutcome(outcome)) throw new Error('internal: main sent a reply that is not a call outcome')
    if (outcome.ok) return outcome.value
    if (returnsResult(method)) return { ok: false, error: outcome.error }
    // Only an Error's message crosses contextBridge: the code goes in front for the renderer.
    throw new Error(`${outcome.error.code}: ${outcome.error.message}`)
  }

  const api: Record<string, unknown> = {}
  for (const m of METHODS) api[m] = (...params: unknown[]) => call(m, params)
  api.on = <E extends ConsoleApiEvent>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
    if (!EVENTS.has(event)) throw new Error(`unknown event '${String(event)}'`)
    if (typeof listener !== 'function') throw new Error('listener must be a function')
    const channel = checkedChannel(eventChannel(event))
    // The IpcRendererEvent (with its sender) never reaches the page: only the payload does.
    const handler = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<E>)
    ipc.on(channel, handler)
    return () => {
      ipc.removeListener(channel, handler)
    }
  }
  return Object.freeze(api) as ConsoleApi
}
