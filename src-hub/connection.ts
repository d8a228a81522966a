// One connected console: handshake result in socket.data, request handlers with rate limit,
// invalid-message counting and a guard that turns any throw into an 'internal' answer.
import type { Namespace, Socket } from 'socket.io'
import { PROTOCOL_VERSION, type Welcome } from '../src-shared/protocol'
import { refuse, type Caller } from './answers'
import type { Broadcaster } from './broadcaster'
import type { CommandService } from './command-service'
import type { Scope } from './entity-kinds'
import { checkHandshake } from './handshake'
import type { PresenceBook } from './presence'
import type { RateLimiter } from './rate-limit'
import type { HubReference } from './reference'
import { answerReference, answerSync } from './requests'
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
  limiter: RateLimiter
  /** Invalid messages per console, for logs and tests. */
  invalidCounts: Map<string, number>
  log: (msg: string) => void
  broadcastPresence: () => void
}

type Ack = (answer: unknown) => void
type Handler = (payload: unknown, caller: Caller) => Promise<{ answer: unknown; invalid: boolean }>

function callerOf(socket: Socket): Caller {
  return socket.data as Caller
}

export function countInvalid(core: HubCore, consoleId: string, why: string): void {
  const n = (core.invalidCounts.get(consoleId) ?? 0) + 1
  core.invalidCounts.set(consoleId, n)
  core.log(`invalid message #${n} from console ${consoleId}: ${why}`)
}

export function installHandshake(core: HubCore): void {
  core.nsp.use((socket, next) => {
    const verdict = checkHandshake(socket.handshake.auth, core.tokens)
    if (!verdict.ok) {
      core.log(`refused connection from ${socket.handshake.address}: ${verdict.code}`)
      const err = new Error(verdict.message) as Error & { data?: unknown }
      err.data = { code: verdict.code }
      next(err)
      return
    }
    const caller: Caller = { consoleId: verdict.consoleId, token: verdict.token, scope: verdict.scope }
    socket.data = caller
    next()
  })
}

function streetsOf(scope: Scope, reference: HubReference): string[] {
  return scope === '*' ? [...reference.streetCodes] : [...scope].sort()
}

function on(core: HubCore, socket: Socket, event: string, handler: Handler): void {
  socket.on(event, (...args: unknown[]) => {
    const caller = callerOf(socket)
    const ack = args.at(-1)
    if (typeof ack !== 'function' || args.length !== 2) {
      countInvalid(core, caller.consoleId, `${event} sent without exactly one payload and an acknowledgement`)
      if (typeof ack === 'function') (ack as Ack)(refuse('invalid', `${event} takes one payload and an acknowledgement`))
      return
    }
    const reply = ack as Ack
    if (!core.limiter.allow(caller.consoleId, caller.token.unlimited === true)) {
      reply(refuse('rate_limited', 'too many requests from this console; slow down and retry'))
      return
    }
    // Through a promise so a synchronous throw is caught like an asynchronous one.
    Promise.resolve().then(() => handler(args[0], caller)).then(
      ({ answer, invalid }) => {
        if (invalid) countInvalid(core, caller.consoleId, `${event}: ${JSON.stringify(answer).slice(0, 300)}`)
        reply(answer)
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
  socket.join(core.broadcaster.register(caller.scope))
  core.presence.connect(socket.id, caller.consoleId, caller.token.user)
  const welcome: Welcome = {
    protocol: PROTOCOL_VERSION,
    hubId: core.store.hubId,
    serverTime: new Date().toISOString(),
    user: caller.token.user,
    scope: { streets: streetsOf(caller.scope, core.reference) },
    headSeq: core.store.headSeq(),
    minSeq: core.store.minSeq(),
    referenceVersion: core.reference.version
  }
  socket.emit('welcome', welcome)
  core.broadcastPresence()

  on(core, socket, 'command', (payload, who) => core.commands.handle(payload, who))
  on(core, socket, 'sync', (payload, who) => answerSync(payload, who, core.store))
  on(core, socket, 'reference', (payload) => Promise.resolve(answerReference(payload, core.reference)))

  socket.on('disconnect', () => {
    core.presence.disconnect(socket.id)
    core.broadcastPresence()
  })
}
