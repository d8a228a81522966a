// Tests a hub address and token with the same Socket.IO handshake the sync client makes, and
// names what went wrong in words a hall can act on: nothing listening, the token refused, not a
// hub of this protocol, a certificate the PC does not trust, or no answer in time.
import { randomUUID } from 'node:crypto'
import { io } from 'socket.io-client'
import { HubUrl, type HubProbeResult } from '../../src-shared/api'
import { NAMESPACE, PROTOCOL_VERSION, Welcome } from '../../src-shared/protocol'

export type ProbeOptions = { timeoutMs?: number }

/** TLS errors Node reports by code when the hub's certificate is not trusted or does not match. */
const CERT_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|UNABLE_TO_GET_ISSUER|ERR_TLS|SSL/i
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN|ETIMEDOUT|EADDRNOTAVAIL/

/** The text and code of whatever socket.io wraps in a connect_error (its `description`, `cause`). */
function describe(err: unknown): string {
  const parts: string[] = []
  const seen = new Set<unknown>()
  const walk = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 4) {
      if (typeof e === 'string' || typeof e === 'number') parts.push(String(e))
      return
    }
    seen.add(e)
    const o = e as Record<string, unknown>
    for (const k of ['message', 'code', 'type']) if (typeof o[k] === 'string' || typeof o[k] === 'number') parts.push(String(o[k]))
    for (const k of ['description', 'cause', 'error', 'context']) walk(o[k], depth + 1)
  }
  walk(err, 0)
  return [...new Set(parts)].join(' | ').slice(0, 1000)
}

export function classifyConnectError(err: unknown): HubProbeResult {
  const detail = describe(err)
  const message = err instanceof Error ? err.message : ''
  // Refusals by the hub's middleware carry its code as the message (docs/protocol.md, Handshake).
  if (message === 'unauthorized') return { ok: false, failure: 'refused_token', detail }
  if (message === 'protocol_unsupported' || message === 'invalid') return { ok: false, failure: 'wrong_protocol', detail }
  if (CERT_ERROR.test(detail)) return { ok: false, failure: 'certificate', detail }
  if (UNREACHABLE.test(detail)) return { ok: false, failure: 'unreachable', detail }
  if (/timeout/i.test(detail)) return { ok: false, failure: 'timeout', detail }
  // Something answered, but not a Socket.IO hub at /v1 (a web page, a 404, another app).
  return { ok: false, failure: 'wrong_protocol', detail }
}

/** One handshake: resolves with the hub's user for this token, or the reason it failed. Never throws. */
export function probeHub(url: string, token: string, opts: ProbeOptions = {}): Promise<HubProbeResult> {
  const checked = HubUrl.safeParse(url)
  if (!checked.success) return Promise.resolve({ ok: false, failure: 'bad_url', detail: `not an http(s) address: ${url.slice(0, 200)}` })
  const timeoutMs = opts.timeoutMs ?? 8000
  return new Promise((resolve) => {
    const socket = io(`${checked.data.replace(/\/+$/, '')}${NAMESPACE}`, {
      // A throwaway console id: the probe must not pass for this seat in the hub's presence list.
      auth: { token, consoleId: randomUUID(), lastSeq: 0, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      timeout: timeoutMs,
      forceNew: true
    })
    let settled = false
    const finish = (result: HubProbeResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.removeAllListeners()
      socket.offAny()
      socket.disconnect()
      resolve(result)
    }
    const timer = setTimeout(
      () => finish({ ok: false, failure: 'timeout', detail: `no welcome within ${timeoutMs / 1000} s` }),
      timeoutMs + 500
    )
    socket.on('connect_error', (err) => finish(classifyConnectError(err)))
    socket.on('welcome', (payload: unknown) => {
      const welcome = Welcome.safeParse(payload)
      if (!welcome.success) {
        finish({ ok: false, failure: 'wrong_protocol', detail: 'the welcome does not match protocol v1' })
        return
      }
      finish({ ok: true, user: welcome.data.user, hubId: welcome.data.hubId })
    })
  })
}
