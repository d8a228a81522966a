// The Electron transport: the preload's window.gccApi. Its methods already map carrier
// failures; this adapter only lets createApi parse what comes back.
import { ApiErrorCode, consoleApiMethods, type ConsoleApi, type ConsoleApiEvent, type ConsoleApiMethod } from '../../src-shared/api'
import { ApiCallError } from './api-error'
import type { Transport } from './create-api'

const CODE_PREFIX = new RegExp(`^(${ApiErrorCode.options.join('|')}): (.*)$`, 's')

/** Electron passes only an Error's message across the bridge; the preload puts the code in front. */
function asApiCallError(err: unknown): ApiCallError {
  const message = err instanceof Error ? err.message : String(err)
  const m = CODE_PREFIX.exec(message.replace(/^Error invoking remote method '[^']*': (Error: )?/, ''))
  return m ? new ApiCallError({ code: ApiErrorCode.parse(m[1]), message: m[2] ?? '' }) : new ApiCallError({ code: 'internal', message })
}

/** True when the page runs in Electron with our preload. */
export function bridgeApi(): ConsoleApi | null {
  const candidate = (globalThis as { gccApi?: unknown }).gccApi
  if (!candidate || typeof candidate !== 'object') return null
  const ok = Object.keys(consoleApiMethods).every((m) => typeof (candidate as Record<string, unknown>)[m] === 'function')
  return ok ? (candidate as ConsoleApi) : null
}

export function createBridgeTransport(bridge: ConsoleApi): Transport {
  return {
    async call(method: ConsoleApiMethod, params: unknown[]) {
      const fn = bridge[method] as unknown as (...args: unknown[]) => Promise<unknown>
      try {
        return await fn(...params)
      } catch (err) {
        throw asApiCallError(err)
      }
    },
    subscribe(event: ConsoleApiEvent, listener: (payload: unknown) => void) {
      return bridge.on(event, listener)
    }
  }
}
