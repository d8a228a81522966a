// What the incident machine works with and answers (incident-machine.ts and its parts): the
// context it is given, its refusal codes, and the check every record it makes goes through.
import type { Actor, Calendar, Category, Incident, UnitKind } from '../protocol'
import { Incident as IncidentSchema } from '../protocol'
import { type GridRules } from './grids'

export interface MachineContext {
  now: Date
  actor: Actor
  /** For role 'unit': which unit the caller is. */
  actorUnitId: string | null
  /** For claim/release. */
  consoleId: string | null
  categories: ReadonlyMap<string, Category>
  calendar: Calendar
  getUnit(id: string): { id: string; kind: UnitKind; streetCode: string | null } | undefined
  /** Merge target lookup. */
  getIncident(id: string): Incident | undefined
  /**
   * Rev 1.6: grid-type time-limit factors and the responsibility list (权责清单). Absent (an older
   * reference, the console's own preview) means factor 1 and no list.
   */
  gridRules?: GridRules
}

export type MachineErrorCode = 'forbidden' | 'illegal_transition' | 'invalid' | 'not_found'

export type MachineOutcome =
  | { ok: true; incident: Incident }
  | { ok: false; code: MachineErrorCode; message: string }

/** A refusal with its code and a message for the log and the operator. */
export function fail(code: MachineErrorCode, message: string): MachineOutcome {
  return { ok: false, code, message }
}

/** Checks the finished record against the protocol schema, so the machine never emits an invalid case. */
export function finish(next: Incident): MachineOutcome {
  const parsed = IncidentSchema.safeParse(next)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? issue.path.join('.') : ''
    return fail('invalid', `the resulting case would be invalid: ${where} ${issue?.message ?? ''}`.trim())
  }
  return { ok: true, incident: parsed.data }
}
