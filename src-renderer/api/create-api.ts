// Builds the ConsoleApi the renderer uses from a raw transport (WebSocket or the Electron
// bridge). Parse, don't cast: every result and event payload goes through the contract's
// schema before the UI sees it; a payload that does not fit is dropped and reported.
import {
  consoleApiEvents,
  consoleApiMethods,
  type ApiError,
  type ConsoleApi,
  type ConsoleApiEvent,
  type ConsoleApiMethod,
  type EventPayload,
  type MethodResult
} from '../../src-shared/api'
import { ApiCallError, carrierFailure } from './api-error'

/** What a carrier provides: untyped calls and event subscriptions. */
export type Transport = {
  /** Resolves with the method's raw value; rejects with ApiCallError on a carrier failure. */
  call(method: ConsoleApiMethod, params: unknown[]): Promise<unknown>
  subscribe(event: ConsoleApiEvent, listener: (payload: unknown) => void): () => void
}

export type CreateApiOptions = {
  /** Told about a result or event that did not match the contract (default: console.warn). */
  onContractError?: (what: string, issues: string[]) => void
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`)
}

const METHOD_NAMES = Object.keys(consoleApiMethods) as ConsoleApiMethod[]

export function createApi(transport: Transport, opts: CreateApiOptions = {}): ConsoleApi {
  const report = opts.onContractError ?? ((what, issues) => console.warn(`ConsoleApi: ${what}`, issues))

  async function invoke<M extends ConsoleApiMethod>(method: M, params: unknown[]): Promise<MethodResult<M>> {
    let raw: unknown
    try {
      raw = await transport.call(method, params)
    } catch (err) {
      const error: ApiError =
        err instanceof ApiCallError
          ? err.toApiError()
          : { code: 'internal', message: err instanceof Error ? err.message : String(err) }
      return carrierFailure(method, error)
    }
    const parsed = consoleApiMethods[method].result.safeParse(raw)
    if (!parsed.success) {
      const issues = issuesOf(parsed.error)
      report(`result of ${method} does not match the contract`, issues)
      return carrierFailure(method, { code: 'internal', message: `result of ${method} does not match the contract`, issues })
    }
    return parsed.data as MethodResult<M>
  }

  const methods = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (...params: unknown[]) => invoke(m, params)])
  ) as { [M in ConsoleApiMethod]: ConsoleApi[M] }

  return {
    ...methods,
    on<E extends ConsoleApiEvent>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.subscribe(event, (raw) => {
        const parsed = consoleApiEvents[event].safeParse(raw)
        if (!parsed.success) {
          report(`event ${event} does not match the contract; dropped`, issuesOf(parsed.error))
          return
        }
        listener(parsed.data as EventPayload<E>)
      })
    }
  }
}
