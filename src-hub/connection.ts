// One connected console: handshake result in socket.data, request handlers behind the send budget
// (count and bytes, per connection and per token), invalid-message counting with sampled logs, a
// drop when the unsent queue passes its bound, and a guard that turns any throw into 'internal'.
import { randomUUID } from 'node:crypto'
import type { Namespace, Socket } from 'socket.io'
import { PROTOCOL_VERSION, type Welcome } from '../src-shared/protocol'
import { refuse, type Caller } from './answers'
import type { Broadcaster } from './broadcaster'
import type { CommandService } from './command-service'
import { HUB_FEATURES, speaksFunctionalGrids } from './functional-grid-commands'
import type { Scope } from './entity-kinds'
import { checkHandshake } from './handshake'
import type { HandshakeGuard } from './handshake-guard'
import type { PresenceBook } from './presence'
import type { HubReference } from './reference'
import { answerReference, answerSync, type Answered } from './requests'
import type { SampledLog } from './sampled-log'
import { dropConnection, queuedBytes, type SendBudget } from './send-budget'
import type { HubStore } from './store'
import type { TokenTable } from './tokens'

export interface HubCore {
  nsp: Namespace
  store: HubStore
  reference: HubReference
  tokens: TokenTable
  commands: CommandService
  presence: PresenceBook
  broadcaster: Broadcaster
  budget: SendBudget
  guard: HandshakeGuard
  /** Invalid messages per console, for logs and tests. */
  invalidCounts: Map<string, number>
  log: (msg: string) => void
  /** For refusals an attacker can repeat at will: one line per kind and window. */
  sampled: SampledLog
  broadcastPresence: () => void
}

type Ack = (answer: unknown) => void
type Handler = (payload: unknown, caller: Caller) => Promise<Answered<unknown>>

/** Room of viewer (wall) connections: they get presence counts only. */
export const VIEWER_ROOM = 'role:viewer'

/** Invalid messages one connection may send before it is dropped (a console with a bug sends a few). */
export const MAX_INVALID_PER_CONNECTION = 100

function callerOf(socket: Socket): Caller {
  return socket.data as Caller
}

function tokenKey(caller: Caller): string {
  return `user:${caller.token.user.id}`
}

const invalidPerSocket = new WeakMap<Socket, number>()

export function countInvalid(core: HubCore, socket: Socket, why: string): void {
  const caller = callerOf(socket)
  const n = (core.invalidCounts.get(caller.consoleId) ?? 0) + 1
  core.invalidCounts.set(caller.consoleId, n)
  core.sampled.note(`invalid message from ${caller.token.user.id}`, `invalid message #${n} from console ${caller.consoleId} (${caller.token.user.id}): ${why}`)
  const mine = (invalidPerSocket.get(socket) ?? 0) + 1
  invalidPerSocket.set(socket, mine)
  if (mine > MAX_INVALID_PER_CONNECTION) {
    core.sampled.note('dropped for invalid messages', `dropped console ${caller.consoleId}: more than ${MAX_INVALID_PER_CONNECTION} invalid messages`)
    dropConnection(socket)
  }
}

/** Drops a connection whose unsent queue is past the bound; true when it did. */
export function enforceQueueBound(core: HubCore, socket: Socket): boolean {
  const queued = queuedBytes(socket)
  if (queued <= core.budget.options.maxQueuedBytes) return false
  const caller = callerOf(socket)
  core.sampled.note(
    'dropped for unsent queue',
    `dropped console ${caller.consoleId} (${caller.token.user.id}): ${queued} bytes unsent, bound ${core.budget.options.maxQueuedBytes}; it is not reading`
  )
  dropConnection(socket)
  return true
}

export function installHandshake(core: HubCore): void {
  core.nsp.use((socket, next) => {
    const refused = (code: string, message: string): void => {
      const err = new Error(message) as Error & { data?: unknown }
      err.data = { code }
      next(err)
    }
    const auth: unknown = socket.handshake.auth
    const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined
    const limited = core.guard.admit(socket, typeof token === 'string' && core.tokens.lookup(token) !== null)
    if (limited !== null) {
      core.sampled.note(`handshake limited: ${limited.why}`, `refused connection from ${socket.handshake.address}: ${limited.why}`)
      // Past the per-connection or failure limit the connection goes without an answer (the rest of
      // the packets already read off it are refused here, unanswered, at no further cost).
      if (limited.close) dropConnection(socket)
      else refused('rate_limited', 'rate_limited')
      return
    }
    const verdict = checkHandshake(socket.handshake.auth, core.tokens)
    if (!verdict.ok) {
      core.guard.failed(socket)
      core.sampled.note(`handshake refused: ${verdict.code}`, `refused connection from ${socket.handshake.address}: ${verdict.code}`)
      refused(verdict.code, verdict.message)
      return
    }
    const caller: Caller = {
      consoleId: verdict.consoleId,
      sessionId: randomUUID(),
      token: verdict.token,
      scope: verdict.scope,
      features: verdict.features
    }
    socket.data = caller
    next()
  })
}

function streetsOf(scope: Scope, reference: HubReference): string[] {
  return scope === '*' ? [...reference.streetCodes] : [...scope].sort()
}

/**
 * Every incoming event, with or without an acknowledgement and whether or not anything listens to
 * it, is counted against the budget before it is looked at.
 */
function installBudget(core: HubCore, socket: Socket): void {
  socket.use((packet, next) => {
    const caller = callerOf(socket)
    if (enforceQueueBound(core, socket)) return
    const verdict = core.budget.admit(socket.id, tokenKey(caller), caller.token.unlimited === true)
    if (verdict === 'ok') {
      next()
      return
    }
    const event = String(packet[0])
    core.sampled.note(
      `rate limited (${verdict}) ${caller.token.user.id}`,
      `rate limited console ${caller.consoleId} (${caller.token.user.id}) by ${verdict}: ${event}`
    )
    const ack = packet.at(-1)
    if (typeof ack === 'function') {
      const why = verdict === 'bytes' ? 'answers to this console exceed its byte budget' : 'too many requests from this console'
      ;(ack as Ack)(refuse('rate_limited', `${why}; slow down and retry`))
    }
  })
}

function on(core: HubCore, socket: Socket, event: string, handler: Handler): void {
  socket.on(event, (...args: unknown[]) => {
    const caller = callerOf(socket)
    const ack = args.at(-1)
    if (typeof ack !== 'function' || args.length !== 2) {
      countInvalid(core, socket, `${event} sent without exactly one payload and an acknowledgement`)
      if (typeof ack === 'function') (ack as Ack)(refuse('invalid', `${event} takes one payload and an acknowledgement`))
      return
    }
    const reply = ack as Ack
    // Through a promise so a synchronous throw is caught like an asynchronous one.
    Promise.resolve().then(() => handler(args[0], caller)).then(
      ({ answer, invalid, bytes }) => {
        if (invalid) countInvalid(core, socket, `${event}: ${JSON.stringify(answer).slice(0, 300)}`)
        if (!socket.connected) return
        core.budget.charge(socket.id, tokenKey(caller), bytes ?? 0, caller.token.unlimited === true)
        reply(answer)
        enforceQueueBound(core, socket)
      },
      (err: unknown) => {
        core.log(`${event} handler failed for ${caller.consoleId}: ${(err as Error).stack ?? String(err)}`)
        reply(refuse('internal', `the hub failed to answer ${event}; try again`))
      }
    )
  })
}

export function onConnection(core: HubCore, socket: Socket): void {
  const caller = callerOf(socket)
  socket.join(core.broadcaster.register(caller.scope, speaksFunctionalGrids(caller.features)))
  if (caller.token.user.role === 'viewer') socket.join(VIEWER_ROOM)
  core.presence.connect(socket.id, caller.consoleId, caller.sessionId, caller.token.user)
  const welcome: Welcome = {
    protocol: PROTOCOL_VERSION,
    hubId: core.store.hubId,
    serverTime: new Date().toISOString(),
    user: caller.token.user,
    scope: { streets: streetsOf(caller.scope, core.reference) },
    headSeq: core.store.headSeq(),
    minSeq: core.store.minSeq(),
    referenceVersion: core.reference.version,
    consoleId: caller.consoleId,
    sessionId: caller.sessionId,
    // Rev 1.8: what this hub speaks beyond protocol 1, whatever the console said it speaks.
    features: [...HUB_FEATURES]
  }
  socket.emit('welcome', welcome)
  core.broadcastPresence()

  installBudget(core, socket)
  on(core, socket, 'command', (payload, who) => core.commands.handle(payload, who))
  on(core, socket, 'sync', (payload, who) => answerSync(payload, who, core.store))
  on(core, socket, 'reference', (payload) => Promise.resolve(answerReference(payload, core.reference)))

  socket.on('disconnect', () => {
    core.budget.forget(socket.id)
    core.presence.disconnect(socket.id)
    core.broadcastPresence()
  })
}
