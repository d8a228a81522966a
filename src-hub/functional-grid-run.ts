// The command path of functionalGrid.create / functionalGrid.end (rev 1.8): read what the pure
// decisions of functional-grid-commands.ts need inside the command's transaction, decide, store.
import type { AreaGrid } from '../src-shared/domain/functional-grids'
import type { Command, Unit } from '../src-shared/protocol'
import { refuse, type Caller, type CommandResult } from './answers'
import { areaGridsOf, decideFunctionalGridCreate, decideFunctionalGridEnd } from './functional-grid-commands'
import { getFunctionalGrid, openFunctionalGrids, putFunctionalGrid } from './functional-grid-store'
import type { HubReference } from './reference'
import type { Tx } from './tx'

export interface FunctionalGridRunEnv {
  reference: HubReference
  units: ReadonlyMap<string, Unit>
  now: () => Date
}

/** The reference's grids as the area resolver needs them: an interior point each, computed once per reference. */
const areaGridCache = new WeakMap<HubReference, AreaGrid[]>()
function areaGrids(reference: HubReference): AreaGrid[] {
  let grids = areaGridCache.get(reference)
  if (grids === undefined) {
    grids = areaGridsOf(reference.data.grids.features)
    areaGridCache.set(reference, grids)
  }
  return grids
}

/**
 * The id of the functional grid a create makes, from its commandId: a rerun of the same command (a
 * group transaction rolled back and run again) makes the same id, and no two commands make one id.
 */
export function functionalGridIdFor(commandId: string): string {
  return `fg-${commandId}`
}

export async function runFunctionalGridCreate(tx: Tx, command: Command, caller: Caller, env: FunctionalGridRunEnv): Promise<CommandResult> {
  const now = env.now()
  const id = functionalGridIdFor(command.commandId)
  // Only after the stored answer was purged (30 days) could a resend find its own grid: say so.
  const earlier = await getFunctionalGrid(tx.sql, id)
  if (earlier !== null) return refuse('conflict', `functional grid "${earlier.name}" was already created by this command`, { current: earlier })
  const decision = decideFunctionalGridCreate(id, command.payload, caller, {
    areaGrids: areaGrids(env.reference),
    units: [...env.units.values()],
    existing: await openFunctionalGrids(tx.sql, now.getTime()),
    now
  })
  if ('ok' in decision) return decision
  const stored = await putFunctionalGrid(tx, decision)
  return { ok: true, seq: stored.seq, entity: stored }
}

export async function runFunctionalGridEnd(tx: Tx, command: Command, caller: Caller, env: FunctionalGridRunEnv): Promise<CommandResult> {
  const id = command.functionalGridId
  if (id === undefined) return refuse('invalid', 'functionalGrid.end needs functionalGridId')
  const current = await getFunctionalGrid(tx.sql, id)
  const decision = decideFunctionalGridEnd(current, command.payload, caller, env.now())
  if ('ok' in decision) return decision
  if (current !== null && command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
    return refuse('conflict', `functional grid is at version ${current.version}, not ${command.expectedVersion}`, { current })
  }
  const stored = await putFunctionalGrid(tx, decision)
  return { ok: true, seq: stored.seq, entity: stored }
}
