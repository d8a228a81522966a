// One browser's API socket: CallFrames in, ReplyFrames out (through dispatchCall with the
// access its token gave), and every ConsoleApi event forwarded as an EventFrame.
// A bad frame gets an error reply; nothing a client sends can crash the host or touch others.
// Issue 13: frames go out through a SocketPacer, which holds and merges them while the page's
// socket is backed up (see socket-pacer.ts for what may overtake what).
import type { WebSocket } from 'ws'
import { CallFrame, type Access, type ApiError, type ConsoleApi, type ReplyFrame } from '../../src-shared/api'
import { dispatchCall, subscribeEvents, type DispatchLog } from '../core/api-dispatch'
import { SocketPacer } from './socket-pacer'

/** Calls one socket may have running at once; more are refused rather than queued without end. */
export const MAX_IN_FLIGHT = 64
/** Unsent bytes (socket backlog plus frames held by the pacer) after which a client too slow to read is dropped. */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024

export type CarrierOptions = { api: ConsoleApi; access: Access; log?: DispatchLog }

function errorReply(id: number, code: ApiError['code'], message: string, issues?: string[]): ReplyFrame {
  return { kind: 'reply', id, ok: false, error: issues ? { code, message, issues } : { code, message } }
}

/** The id of a frame that failed to parse, so the caller's pending call can be failed; else -1. */
function idOf(value: unknown): number {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id
    if (typeof id === 'number' && Number.isSafeInteger(id)) return id
  }
  return -1
}

export function attachApiSocket(ws: WebSocket, opts: CarrierOptions): void {
  const { api, access, log } = opts
  let inFlight = 0

  const serialise = (frame: object): string | null => {
    try {
      return JSON.stringify(frame)
    } catch (err) {
      log?.('error', `web host: could not serialise a frame: ${String(err)}`)
      if ('id' in frame && typeof frame.id === 'number') {
        return JSON.stringify(errorReply(frame.id, 'internal', 'result could not be serialised'))
      }
      return null
    }
  }
  const pacer = new SocketPacer(
    {
      get bufferedAmount() {
        return ws.bufferedAmount
      },
      isOpen: () => ws.readyState === ws.OPEN,
      send: (text) => ws.send(text),
      drop: (why) => {
        log?.('warn', `web host: dropping an API client that stopped reading (${why})`)
        ws.close(1013, why)
      }
    },
    { serialise, maxBytes: MAX_BUFFERED_BYTES }
  )
  const send = (frame: object): void => pacer.reply(frame)

  const unsubscribe = subscribeEvents(api, access, (event, payload) => pacer.event(event, payload))
  ws.on('close', () => {
    unsubscribe()
    pacer.stop()
  })
  ws.on('error', (err) => log?.('warn', `web host: socket error: ${err.message}`))

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      send(errorReply(-1, 'invalid', 'binary frames are not accepted; send JSON text'))
      return
    }
    let raw: unknown
    try {
      raw = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data))
    } catch {
      send(errorReply(-1, 'invalid', 'frame is not JSON'))
      return
    }
    const frame = CallFrame.safeParse(raw)
    if (!frame.success) {
      const issues = frame.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`)
      send(errorReply(idOf(raw), 'invalid', 'frame is not a CallFrame', issues))
      return
    }
    const { id, method, params } = frame.data
    if (inFlight >= MAX_IN_FLIGHT) {
      send(errorReply(id, 'rate_limited', `more than ${MAX_IN_FLIGHT} calls in flight on this connection`))
      return
    }
    inFlight++
    void dispatchCall(api, method, params, access, log).then((out) => {
      inFlight--
      send(out.ok ? { kind: 'reply', id, ok: true, value: out.value } : errorReply(id, out.error.code, out.error.message, out.error.issues))
    })
  })
}
