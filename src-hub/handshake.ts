// Checks the Socket.IO handshake: a known token, protocol 1, a well-formed auth object.
import { HandshakeAuth, PROTOCOL_VERSION } from '../src-shared/protocol'
import { boundConsoleId } from '../src-shared/domain/claim-identity'
import type { Scope } from './entity-kinds'
import type { TokenConfig, TokenTable } from './tokens'

export type HandshakeVerdict =
  | { ok: true; consoleId: string; lastSeq: number; token: TokenConfig; scope: Scope; features: string[] }
  | { ok: false; code: 'unauthorized' | 'protocol_unsupported' | 'invalid'; message: string }

export function checkHandshake(raw: unknown, tokens: TokenTable): HandshakeVerdict {
  const auth = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  // The token is judged first, so an unknown caller learns nothing else about the hub.
  const token = typeof auth.token === 'string' ? tokens.lookup(auth.token) : null
  if (token === null) return { ok: false, code: 'unauthorized', message: 'unauthorized' }
  if (auth.protocol !== PROTOCOL_VERSION) {
    return { ok: false, code: 'protocol_unsupported', message: 'protocol_unsupported' }
  }
  const parsed = HandshakeAuth.safeParse(auth)
  if (!parsed.success) return { ok: false, code: 'invalid', message: 'invalid' }
  const scope: Scope = token.streets === '*' ? '*' : new Set(token.streets)
  // The client's consoleId only tells its own seats apart: the hub binds it to the token's user.
  return {
    ok: true,
    consoleId: boundConsoleId(token.user.id, parsed.data.consoleId),
    lastSeq: parsed.data.lastSeq,
    token,
    scope,
    // Rev 1.8: what the console says it speaks; an older console sends none.
    features: parsed.data.features ?? []
  }
}
