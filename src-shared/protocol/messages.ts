// Every other message of protocol v1: handshake, hub events, request/answer pairs.
import { z } from 'zod'
import { Incident, Handover, Unit } from './entities'
import { ErrorCode, Id, IsoDate, MAX_CHANGES, Role, Seq, StreetCode, Version } from './primitives'
import { ReferenceData } from './reference'
import { FunctionalGrid } from './functional-grid'

export const PROTOCOL_VERSION = 1
export const NAMESPACE = '/v1'

export const HandshakeAuth = z.object({
  token: z.string().min(1).max(512),
  consoleId: Id,
  lastSeq: Seq,
  protocol: z.number().int(),
  /** rev 1.8 (additive): the minor features this console speaks, e.g. 'functionalGrid'; older consoles send none. */
  features: z.array(z.string().min(1).max(64)).max(20).optional()
})
export type HandshakeAuth = z.infer<typeof HandshakeAuth>

export const User = z.object({ id: Id, name: z.string().min(1).max(100), role: Role })
export type User = z.infer<typeof User>

export const Welcome = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  hubId: Id,
  serverTime: IsoDate,
  user: User,
  scope: z.object({ streets: z.array(StreetCode).max(1000) }),
  headSeq: Seq,
  minSeq: Seq,
  referenceVersion: z.string().max(64).nullable(),
  /** The console id the hub binds to this token's user; claims are recorded under it (rev 1.4). */
  consoleId: Id.optional(),
  /** A random id the hub issues per connection; presence names sessions by it (rev 1.4). */
  sessionId: Id.optional(),
  /** rev 1.8 (additive): the minor features this hub speaks; an older hub sends none (the console hides them). */
  features: z.array(z.string().min(1).max(64)).max(20).optional()
})
export type Welcome = z.infer<typeof Welcome>

export const Presence = z.object({
  consoles: z
    .array(
      z.object({
        consoleId: Id,
        user: User,
        role: Role,
        claimed: z.array(Id).max(10_000)
      })
    )
    .max(1000),
  /** Connected consoles, for those who see counts only (viewers: `consoles` is then empty; rev 1.4). */
  count: z.number().int().nonnegative().optional()
})
export type Presence = z.infer<typeof Presence>

export const Notice = z.object({
  id: Id,
  level: z.enum(['info', 'warning', 'alert']),
  text: z.string().min(1).max(2000),
  at: IsoDate
})
export type Notice = z.infer<typeof Notice>

export const ProtocolError = z.object({
  code: ErrorCode,
  message: z.string().max(4000),
  issues: z.array(z.unknown()).max(100).optional(),
  current: z.unknown().optional()
})
export type ProtocolError = z.infer<typeof ProtocolError>

export const ErrorAnswer = z.object({ ok: z.literal(false), error: ProtocolError })
export type ErrorAnswer = z.infer<typeof ErrorAnswer>

export const SyncRequest = z.object({
  sinceSeq: Seq,
  limit: z.number().int().min(1).max(MAX_CHANGES)
})
export type SyncRequest = z.infer<typeof SyncRequest>

/** Changes inside are left unknown here and parsed one by one (see change.ts). */
export const SyncAnswer = z.union([
  z.object({
    ok: z.literal(true),
    changes: z.array(z.unknown()).max(MAX_CHANGES),
    headSeq: Seq,
    more: z.boolean(),
    reset: z.boolean().optional()
  }),
  ErrorAnswer
])
export type SyncAnswer = z.infer<typeof SyncAnswer>

export const ReferenceRequest = z.object({ have: z.string().max(64).nullable() })
export const ReferenceAnswer = z.union([
  z.object({ ok: z.literal(true), unchanged: z.literal(true) }),
  ReferenceData.extend({ ok: z.literal(true) }),
  ErrorAnswer
])
export type ReferenceAnswer = z.infer<typeof ReferenceAnswer>

export const CommandAnswer = z.union([
  z.object({
    ok: z.literal(true),
    seq: Seq,
    entity: z.union([Incident, Unit, Handover, FunctionalGrid]),
    version: Version.optional()
  }),
  ErrorAnswer
])
export type CommandAnswer = z.infer<typeof CommandAnswer>

/**
 * An ok answer read with the entity the command's type makes (a case, or a handover for
 * handover.*), so a console checks it once against the right schema instead of trying each.
 */
export const IncidentCommandOk = z.object({ ok: z.literal(true), seq: Seq, entity: Incident, version: Version.optional() })
export const HandoverCommandOk = z.object({ ok: z.literal(true), seq: Seq, entity: Handover, version: Version.optional() })
/** Rev 1.8: the answer to functionalGrid.create / functionalGrid.end carries the functional grid. */
export const FunctionalGridCommandOk = z.object({ ok: z.literal(true), seq: Seq, entity: FunctionalGrid, version: Version.optional() })

export const ServerTimeStamp = IsoDate
