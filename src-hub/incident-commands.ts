// Incident commands inside a write transaction: report creates a case; the rest load it, check
// scope and version, and hand it to the shared state machine.
import { randomUUID } from 'node:crypto'
import {
  applyIncidentCommand,
  createIncidentFromReport,
  localDayNumber,
  localDayString,
  type MachineContext
} from '../src-shared/domain'
import { CommandPayloads, type Command, type Incident, type Unit } from '../src-shared/protocol'
import { refuse, type Caller, type CommandResult } from './answers'
import { inScope } from './entity-kinds'
import { updateOpenCounts } from './open-count'
import type { HubReference } from './reference'
import type { Tx } from './store'

export interface CommandEnv {
  reference: HubReference
  /** Every unit by id (kind and street never change, so a snapshot serves the machine). */
  units: ReadonlyMap<string, Unit>
  now: () => Date
}

function context(env: CommandEnv, caller: Caller, actorUnitId: string | null, incidents: Map<string, Incident>, now: Date): MachineContext {
  const { user } = caller.token
  return {
    now,
    actor: { id: user.id, name: user.name, role: user.role },
    actorUnitId,
    consoleId: caller.consoleId,
    categories: env.reference.categories,
    calendar: env.reference.data.calendar,
    getUnit: (id) => env.units.get(id),
    getIncident: (id) => incidents.get(id),
    gridRules: env.reference.gridRules
  }
}

/**
 * The unit a unit-role caller acts as. A token bound to a unit is that unit. An unbound unit token is
 * a field gateway (the simulator, a field-app bridge) and acts as the unit the command names.
 */
function actorUnit(caller: Caller, command: Command, env: CommandEnv, gridWorker: string | null): string | null {
  if (caller.token.user.role !== 'unit') return null
  if (caller.token.unitId !== undefined) return caller.token.unitId
  const payload = command.payload as { unitId?: unknown; draft?: { reporter?: { id?: unknown } } }
  if (typeof payload.unitId === 'string') return payload.unitId
  // A gateway's report comes from the reporter when that is a known unit, else from the grid's worker.
  const reporter = payload.draft?.reporter?.id
  if (typeof reporter === 'string' && env.units.has(reporter)) return reporter
  return gridWorker
}

export async function runReport(tx: Tx, command: Command, caller: Caller, env: CommandEnv): Promise<CommandResult> {
  const { draft } = CommandPayloads.report.parse(command.payload)
  if (!env.reference.categories.has(draft.categoryCode)) {
    return refuse('invalid', `unknown category ${draft.categoryCode}`)
  }
  let grid
  if (draft.gridCode !== undefined) {
    grid = env.reference.grids.get(draft.gridCode)
    if (!grid) return refuse('invalid', `unknown grid ${draft.gridCode}`)
  } else {
    grid = env.reference.findGrid(draft.location)
    if (!grid) return refuse('invalid', `location ${draft.location.lng},${draft.location.lat} is outside every grid`)
  }
  if (!inScope(caller.scope, grid.streetCode)) {
    return refuse('forbidden', `grid ${grid.code} lies in street ${grid.streetCode}, outside your streets`)
  }
  const now = env.now()
  const day = localDayString(localDayNumber(now, env.reference.data.calendar))
  const n = await tx.peekDailyCounter(day)
  const code = `DC${day.replaceAll('-', '')}-${String(n).padStart(4, '0')}`
  const ctx = context(env, caller, actorUnit(caller, command, env, grid.workerUnitId), new Map(), now)
  const outcome = createIncidentFromReport(command, { id: `inc-${randomUUID()}`, code, gridCode: grid.code }, ctx)
  if (!outcome.ok) return refuse(outcome.code, outcome.message)
  await tx.takeDailyCounter(day)
  const stored = await tx.put('incident', outcome.incident)
  return { ok: true, seq: stored.seq, entity: stored }
}

export async function runIncidentCommand(tx: Tx, command: Command, caller: Caller, env: CommandEnv): Promise<CommandResult> {
  const id = command.incidentId
  if (id === undefined) return refuse('invalid', `${command.type} needs incidentId`)
  const current = await tx.get('incident', id)
  if (current === null) return refuse('not_found', `incident ${id} does not exist`)
  if (!inScope(caller.scope, current.gridCode.slice(0, 9))) {
    return refuse('forbidden', `incident ${current.code} lies outside your streets`)
  }
  if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
    return refuse('conflict', `incident ${current.code} is at version ${current.version}, not ${command.expectedVersion}`, {
      current
    })
  }
  const incidents = new Map<string, Incident>([[current.id, current]])
  if (command.type === 'merge') {
    const { intoIncidentId } = CommandPayloads.merge.parse(command.payload)
    const target = await tx.get('incident', intoIncidentId)
    if (target !== null) {
      if (!inScope(caller.scope, target.gridCode.slice(0, 9))) {
        return refuse('forbidden', `merge target ${target.code} lies outside your streets`)
      }
      incidents.set(target.id, target)
    }
  }
  const now = env.now()
  const ctx = context(env, caller, actorUnit(caller, command, env, null), incidents, now)
  const outcome = applyIncidentCommand(current, command, ctx)
  if (!outcome.ok) return refuse(outcome.code, outcome.message)
  const stored = await tx.put('incident', outcome.incident)
  await updateOpenCounts(tx, current, stored)
  return { ok: true, seq: stored.seq, entity: stored }
}
