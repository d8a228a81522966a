// Answer shapes the hub sends back on acknowledgements, and who is asking.
import type { ErrorCode, FunctionalGrid, Handover, Incident, Unit } from '../src-shared/protocol'
import type { Scope } from './entity-kinds'
import type { TokenConfig } from './tokens'

export type ErrorBody = { code: ErrorCode; message: string; issues?: unknown[]; current?: unknown }
export type ErrorAnswerBody = { ok: false; error: ErrorBody }
export type OkCommandAnswer = { ok: true; seq: number; entity: Incident | Unit | Handover | FunctionalGrid }
export type CommandResult = OkCommandAnswer | ErrorAnswerBody

export function refuse(code: ErrorCode, message: string, extra: { issues?: unknown[]; current?: unknown } = {}): ErrorAnswerBody {
  return { ok: false, error: { code, message, ...extra } }
}

/** The connected console behind a request. */
export interface Caller {
  /** Bound by the hub to the token's user (rev 1.4): never another user's console. */
  consoleId: string
  /** Issued by the hub per connection; what presence shows instead of console ids. */
  sessionId: string
  token: TokenConfig
  scope: Scope
  /** Rev 1.8: the handshake's `auth.features` (absent or empty for an older console). */
  features?: readonly string[]
}
