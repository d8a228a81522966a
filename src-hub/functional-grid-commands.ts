// Functional grids (功能性网格, protocol rev 1.8) on the hub: who may speak the new kind, and the
// decisions for create and end (the table is hub migration 002, its rows functional-grid-store.ts,
// the command path functional-grid-run.ts). The decisions are pure over what the caller passes in
// (reference grids, units, stored functional grids, the clock); every rule of time and area lives in
// src-shared/domain/functional-grids.ts.
import { interiorPoint } from '../src-shared/geo/centroid'
import {
  checkPeriod,
  findOverlap,
  functionalGridState,
  resolveArea,
  type AreaGrid
} from '../src-shared/domain/functional-grids'
import {
  FUNCTIONAL_GRID_FEATURE,
  FunctionalGridCreatePayload,
  FunctionalGridEndPayload,
  type FunctionalGrid
} from '../src-shared/protocol/functional-grid'
import type { GridFeature, Unit } from '../src-shared/protocol'
import { z } from 'zod'
import { refuse, type Caller, type ErrorAnswerBody } from './answers'
import { inScope } from './entity-kinds'

export { FUNCTIONAL_GRID_FEATURE }

/** What this hub lists in `welcome.features` (rev 1.8). */
export const HUB_FEATURES: readonly string[] = [FUNCTIONAL_GRID_FEATURE]

/**
 * Rev 1.8 is spoken by consoles that list the feature in their handshake (the wire `protocol` stays the
 * integer 1); an older console sends no list and never gets the new entity kind.
 */
export function speaksFunctionalGrids(features: unknown): boolean {
  return Array.isArray(features) && features.includes(FUNCTIONAL_GRID_FEATURE)
}

const MAY_MANAGE = new Set(['lead', 'admin'])

/** The reference grids as the area resolver needs them (computed once per reference version). */
export function areaGridsOf(features: readonly GridFeature[]): AreaGrid[] {
  return features.map((f) => ({
    code: f.properties.code,
    communityCode: f.properties.communityCode,
    streetCode: f.properties.streetCode,
    point: interiorPoint(f.geometry)
  }))
}

export interface FunctionalGridEnv {
  areaGrids: readonly AreaGrid[]
  units: readonly Pick<Unit, 'id' | 'kind'>[]
  existing: readonly FunctionalGrid[]
  now: Date
}

function roleRefusal(caller: Caller, what: string): ErrorAnswerBody | null {
  const role = caller.token.user.role
  if (MAY_MANAGE.has(role)) return null
  return refuse('forbidden', `a ${role} may not ${what} a functional grid (only a shift lead may; protocol 1.8)`)
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T | ErrorAnswerBody {
  const r = schema.safeParse(payload)
  return r.success ? r.data : refuse('invalid', z.prettifyError(r.error), { issues: r.error.issues })
}

/** Decides `functionalGridCreate`: the new entity (seq/version for the store to set), or the refusal. */
export function decideFunctionalGridCreate(
  id: string,
  payload: unknown,
  caller: Caller,
  env: FunctionalGridEnv
): Omit<FunctionalGrid, 'seq'> | ErrorAnswerBody {
  const forbidden = roleRefusal(caller, 'create')
  if (forbidden) return forbidden
  const p = parse(FunctionalGridCreatePayload, payload)
  if ('ok' in p) return p
  const nowMs = env.now.getTime()
  const period = checkPeriod(p.fromAt, p.toAt, nowMs)
  if (period) return refuse(period.code, period.message)
  const byId = new Map(env.units.map((u) => [u.id, u]))
  const unknown = p.unitIds.filter((u) => !byId.has(u))
  if (unknown.length > 0) return refuse('invalid', `unknown unit(s) in the team: ${unknown.join(', ')}`)
  const district = p.unitIds.filter((u) => byId.get(u)?.kind === 'district_dept')
  if (district.length > 0) return refuse('invalid', `a district department cannot be on a functional grid's team (reached only by escalation): ${district.join(', ')}`)
  if (new Set(p.unitIds).size !== p.unitIds.length) return refuse('invalid', 'a unit is listed twice in the team')
  const area = resolveArea(p.area, env.areaGrids)
  if ('code' in area) return refuse(area.code, area.message)
  const streetCodes = [...new Set(area.gridCodes.map((c) => c.slice(0, 9)))].sort()
  const outside = streetCodes.filter((s) => !inScope(caller.scope, s))
  if (outside.length > 0) return refuse('forbidden', `the area lies in street(s) outside your scope: ${outside.join(', ')}`)
  const overlap = findOverlap({ fromAt: p.fromAt, toAt: p.toAt, gridCodes: area.gridCodes }, env.existing, nowMs)
  if (overlap) return refuse(overlap.code, overlap.message, { current: overlap.current })
  const at = env.now.toISOString()
  return {
    id,
    version: 1,
    name: p.name,
    purpose: p.purpose,
    fromAt: p.fromAt,
    toAt: p.toAt,
    endedAt: null,
    endReason: null,
    unitIds: p.unitIds,
    gridCodes: area.gridCodes,
    streetCodes,
    createdBy: { userId: caller.token.user.id, name: caller.token.user.name },
    createdAt: at,
    updatedAt: at
  }
}

/** Decides `functionalGridEnd`: the ended entity, or the refusal. */
export function decideFunctionalGridEnd(
  current: FunctionalGrid | null,
  payload: unknown,
  caller: Caller,
  now: Date
): Omit<FunctionalGrid, 'seq'> | ErrorAnswerBody {
  const forbidden = roleRefusal(caller, 'end')
  if (forbidden) return forbidden
  const p = parse(FunctionalGridEndPayload, payload)
  if ('ok' in p) return p
  if (current === null) return refuse('not_found', 'no such functional grid')
  if (!current.streetCodes.every((s) => inScope(caller.scope, s))) return refuse('forbidden', 'the functional grid lies outside your streets')
  if (functionalGridState(current, now.getTime()) === 'ended') {
    return refuse('illegal_transition', `functional grid "${current.name}" has already ended`, { current })
  }
  const at = now.toISOString()
  const { seq: _seq, ...rest } = current
  return { ...rest, version: current.version + 1, endedAt: at, endReason: p.reason, updatedAt: at }
}
