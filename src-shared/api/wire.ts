// Frames of the web host's WebSocket carrier for ConsoleApi. (Electron IPC needs no frames:
// it carries the same method names and params with invoke/send.)
import { z } from 'zod'
import { ApiError } from './result'
import { consoleApiEvents, consoleApiMethods, type ConsoleApiEvent, type ConsoleApiMethod } from './console-api'

const methodNames = Object.keys(consoleApiMethods) as [ConsoleApiMethod, ...ConsoleApiMethod[]]
const eventNames = Object.keys(consoleApiEvents) as [ConsoleApiEvent, ...ConsoleApiEvent[]]

export const CallFrame = z.object({
  kind: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.enum(methodNames),
  params: z.array(z.unknown()).max(8)
})
export type CallFrame = z.infer<typeof CallFrame>

/** A carrier-level failure (bad frame, unknown method, refused for a viewer), not a method's own Result. */
export const ReplyFrame = z.union([
  z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(false), error: ApiError })
])
export type ReplyFrame = z.infer<typeof ReplyFrame>

export const EventFrame = z.object({
  kind: z.literal('event'),
  event: z.enum(eventNames),
  payload: z.unknown()
})
export type EventFrame = z.infer<typeof EventFrame>

export const ServerFrame = z.union([ReplyFrame, EventFrame])

/** Largest frame a web host accepts from a browser. */
export const MAX_CALL_FRAME_BYTES = 256 * 1024
