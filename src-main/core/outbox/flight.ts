// A command in the outbox's send window, and how its outcome is read: pure helpers of the Outbox
// (../outbox.ts), kept apart so the sender's file holds only the sender.
import { type ApiError, type OutboxEntry } from '../../../src-shared/api'
import {
  type Command,
  type FunctionalGrid,
  FunctionalGridCommandOk,
  type Handover,
  HandoverCommandOk,
  type Incident,
  IncidentCommandOk,
  isFunctionalGridCommand,
  type ProtocolError
} from '../../../src-shared/protocol'
import { type RequestOutcome } from '../hub-link'
import { excerpt } from '../refusal'
import { type StorageHealth } from '../storage-health'
import { type StoredOutbox } from '../store'

/**
 * A command sent and not yet settled: `outcome` is set when the hub answers (or it fails), and
 * `read` is that outcome read once, on arrival.
 */
export type Flight = { entry: StoredOutbox; command: Command; outcome: RequestOutcome | null; read: Settled | null }

/** What an ok answer made: the case, handover or functional grid, or null when it carried an entity of another kind. */
export type Made =
  | { entity: 'incident'; data: Incident }
  | { entity: 'handover'; data: Handover }
  | { entity: 'functionalGrid'; data: FunctionalGrid }
  | null

/** A settled flight, read once: an ok answer with its result, or anything else. */
export type Settled = { kind: 'ok'; flight: Flight; seq: number; made: Made } | { kind: 'other'; flight: Flight }
export type SettledOk = Extract<Settled, { kind: 'ok' }>

function isHandoverCommand(command: Command): boolean {
  return command.type.startsWith('handover.')
}

/**
 * Reads a flight's outcome once: an ok answer (checked against the schema of the entity its
 * command makes, once), or something the Outbox's `settle` handles.
 */
export function readOutcome(flight: Flight): Settled {
  const outcome = flight.outcome
  if (outcome?.kind !== 'answer') return { kind: 'other', flight }
  if (isFunctionalGridCommand(flight.command.type)) {
    const ok = FunctionalGridCommandOk.safeParse(outcome.value)
    if (ok.success) return { kind: 'ok', flight, seq: ok.data.seq, made: { entity: 'functionalGrid', data: ok.data.entity } }
  } else if (isHandoverCommand(flight.command)) {
    const ok = HandoverCommandOk.safeParse(outcome.value)
    if (ok.success) return { kind: 'ok', flight, seq: ok.data.seq, made: { entity: 'handover', data: ok.data.entity } }
  } else {
    const ok = IncidentCommandOk.safeParse(outcome.value)
    if (ok.success) return { kind: 'ok', flight, seq: ok.data.seq, made: { entity: 'incident', data: ok.data.entity } }
  }
  return { kind: 'other', flight }
}

export function toApiError(error: ProtocolError): ApiError {
  const issues = (error.issues ?? []).slice(0, 50).map((i) => (typeof i === 'string' ? i : excerpt(i)).slice(0, 500))
  return issues.length > 0
    ? { code: error.code, message: error.message.slice(0, 4000), issues }
    : { code: error.code, message: error.message.slice(0, 4000) }
}

export function entryOf(stored: StoredOutbox): OutboxEntry {
  const { ord: _ord, ...entry } = stored
  return entry
}

/** The refusal text with the standing storage alarm's cause, for the log and the person. */
export function storageReason(what: string, health: StorageHealth): string {
  const alarm = health.alarm
  return alarm === null ? what : `${what}: ${alarm.kind.replace('_', ' ')} (${alarm.message})`
}
