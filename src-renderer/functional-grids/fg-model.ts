// The functional-grids panel's logic without React (protocol rev 1.8): whether the hub has the
// feature and this seat may change anything, the list's order, and the creation form turned into the
// `functionalGrid.create` payload. Every rule is the domain's (src-shared/domain/functional-grids.ts):
// the feature gate, the state by the clock, the area resolution, the period and overlap checks; this
// file only picks the sentence a lead reads.
import { z } from 'zod'
import type { ConsoleStatus } from '../../src-shared/api'
import {
  checkPeriod,
  findOverlap,
  functionalGridState,
  functionalGridsUnavailable,
  resolveArea,
  roleMayIssue,
  type AreaGrid,
  type AreaInput,
  type FunctionalGridState
} from '../../src-shared/domain'
import { interiorPoint } from '../../src-shared/geo'
import {
  AreaPolygon,
  FunctionalGridCreatePayload,
  MAX_FG_TEAM,
  type FunctionalGrid,
  type ReferenceData,
  type Role
} from '../../src-shared/protocol'
import type { MessageKey } from '../i18n/messages'
import { parseDeadlineInput } from '../console/panels/deadline-field'

export type FgGate =
  | { kind: 'unavailable'; why: 'no_hub' | 'hub_predates_1_8' }
  | { kind: 'ok'; mayEdit: boolean; readOnlyWhy: MessageKey | null }

/**
 * The domain's feature gate on what the hub said in its welcome (status.hubFeatures), then the
 * domain's role table. A console that has never reached the hub has no welcome to judge by.
 */
export function functionalGridGate(status: Pick<ConsoleStatus, 'hubFeatures' | 'lastContactAt' | 'access' | 'user'> | null): FgGate {
  const welcome = status === null || (status.hubFeatures === undefined && status.lastContactAt === null) ? null : { features: status.hubFeatures }
  const why = functionalGridsUnavailable(welcome)
  if (why !== null) return { kind: 'unavailable', why }
  return { kind: 'ok', ...mayEdit(status?.user?.role ?? null, status?.access ?? 'viewer') }
}

function mayEdit(role: Role | null, access: 'operator' | 'viewer'): { mayEdit: boolean; readOnlyWhy: MessageKey | null } {
  if (access === 'viewer' || role === null) return { mayEdit: false, readOnlyWhy: 'fg.readOnly' }
  const may = roleMayIssue(role, 'functionalGrid.create') && roleMayIssue(role, 'functionalGrid.end')
  return may ? { mayEdit: true, readOnlyWhy: null } : { mayEdit: false, readOnlyWhy: 'fg.leadsOnly' }
}

export type FgRow = { fg: FunctionalGrid; state: FunctionalGridState }

const STATE_ORDER: Record<FunctionalGridState, number> = { active: 0, planned: 1, ended: 2 }

/** Active first, then planned (soonest first), then ended (latest first); the state is the domain's by the clock. */
export function functionalGridRows(all: Iterable<FunctionalGrid>, nowMs: number): FgRow[] {
  return [...all]
    .map((fg) => ({ fg, state: functionalGridState(fg, nowMs) }))
    .sort((a, b) => {
      const byState = STATE_ORDER[a.state] - STATE_ORDER[b.state]
      if (byState !== 0) return byState
      const sign = a.state === 'ended' ? -1 : 1
      return sign * (Date.parse(a.fg.fromAt) - Date.parse(b.fg.fromAt)) || a.fg.id.localeCompare(b.fg.id)
    })
}

const areaGridCache = new WeakMap<ReferenceData, AreaGrid[]>()

/** The reference's unit grids as the domain's area resolver takes them (interior points worked out once per reference). */
export function areaGridsOf(reference: ReferenceData | null): AreaGrid[] {
  if (!reference) return []
  let grids = areaGridCache.get(reference)
  if (!grids) {
    grids = reference.grids.features.map((g) => ({
      code: g.properties.code,
      communityCode: g.properties.communityCode,
      streetCode: g.properties.streetCode,
      point: interiorPoint(g.geometry)
    }))
    areaGridCache.set(reference, grids)
  }
  return grids
}

export type AreaKind = 'community' | 'street' | 'codes' | 'polygon'
export const AREA_KINDS: readonly AreaKind[] = ['community', 'street', 'codes', 'polygon']

export type FgForm = {
  name: string
  purpose: string
  from: string
  to: string
  unitIds: string[]
  areaKind: AreaKind
  communityCode: string | null
  streetCode: string | null
  codes: string
  polygon: AreaPolygon | null
}

export type FormError = { key: MessageKey; vars?: Record<string, string | number> }
export type Built = { ok: true; payload: FunctionalGridCreatePayload; gridCodes: string[] } | { ok: false; error: FormError }

/** The codes typed in the codes field: 15-digit runs split on spaces, commas (either width) or new lines. */
export function typedCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).map((c) => c.trim()).filter((c) => c !== ''))]
}

/** The area as the hub takes it, or null when the form has not named one yet. */
export function areaOf(form: FgForm): FunctionalGridCreatePayload['area'] | null {
  switch (form.areaKind) {
    case 'community':
      return form.communityCode === null ? null : { communityCode: form.communityCode }
    case 'street':
      return form.streetCode === null ? null : { streetCode: form.streetCode }
    case 'codes': {
      const codes = typedCodes(form.codes)
      return codes.length === 0 ? null : { gridCodes: codes }
    }
    case 'polygon':
      return form.polygon === null ? null : { polygon: form.polygon }
  }
}

/** The unit grids the form's area covers (the domain's resolver), for the preview line; null when none is named or it names none. */
export function coveredGrids(form: FgForm, grids: readonly AreaGrid[]): string[] | null {
  const area = areaOf(form)
  if (area === null) return null
  const resolved = resolveArea(area as AreaInput, grids)
  return 'gridCodes' in resolved ? resolved.gridCodes : null
}

export type BuildContext = { nowMs: number; offsetMinutes: number; grids: readonly AreaGrid[]; existing: readonly FunctionalGrid[]; format: (iso: string) => string }

/**
 * The form as a `functionalGrid.create` payload, checked here as the hub will check it (the domain's
 * period, area and overlap rules), so a lead learns what is wrong before sending; the form keeps
 * everything typed whatever the answer.
 */
export function buildCreate(form: FgForm, ctx: BuildContext): Built {
  const fail = (key: MessageKey, vars?: Record<string, string | number>): Built => ({ ok: false, error: { key, vars } })
  const name = form.name.trim()
  const purpose = form.purpose.trim()
  if (name === '') return fail('fg.error.name')
  if (purpose === '') return fail('fg.error.purpose')
  const from = parseDeadlineInput(form.from, ctx.offsetMinutes)
  if (from === null) return fail('fg.error.from')
  const to = parseDeadlineInput(form.to, ctx.offsetMinutes)
  if (to === null) return fail('fg.error.to')
  const fromAt = new Date(from).toISOString()
  const toAt = new Date(to).toISOString()
  // The domain's period rule; the sentence follows which part of it failed.
  if (checkPeriod(fromAt, toAt, ctx.nowMs) !== null) return fail(!(to > from) ? 'fg.error.order' : to <= ctx.nowMs ? 'fg.error.past' : 'fg.error.long')
  if (form.unitIds.length === 0) return fail('fg.error.team')
  if (form.unitIds.length > MAX_FG_TEAM) return fail('fg.error.teamMax')
  const area = areaOf(form)
  if (area === null) return fail('fg.error.area')
  if ('gridCodes' in area) {
    const known = new Set(ctx.grids.map((g) => g.code))
    const unknown = area.gridCodes.filter((c) => !known.has(c))
    if (unknown.length > 0) return fail('fg.error.unknownCodes', { codes: unknown.slice(0, 10).join(', ') })
  }
  const resolved = resolveArea(area as AreaInput, ctx.grids)
  if (!('gridCodes' in resolved)) return fail('polygon' in area ? 'fg.error.fileNone' : 'fg.error.noGrids')
  const overlap = findOverlap({ fromAt, toAt, gridCodes: resolved.gridCodes }, ctx.existing, ctx.nowMs)
  if (overlap?.current) {
    const shared = overlap.current.gridCodes.filter((c) => resolved.gridCodes.includes(c)).length
    return fail('fg.error.overlap', { name: overlap.current.name, from: ctx.format(overlap.current.fromAt), to: ctx.format(overlap.current.toAt), n: shared })
  }
  const parsed = FunctionalGridCreatePayload.safeParse({ name, purpose, fromAt, toAt, unitIds: form.unitIds, area })
  if (!parsed.success) return fail('fg.error.file', { detail: z.prettifyError(parsed.error) })
  return { ok: true, payload: parsed.data, gridCodes: resolved.gridCodes }
}

/** A GeoJSON Polygon or MultiPolygon: the bare geometry, a Feature, or a FeatureCollection of polygon features (joined). */
export function parsePolygonFile(text: string): { ok: true; polygon: AreaPolygon } | { ok: false; detail: string } {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) }
  }
  const geometries: unknown[] = []
  const obj = json as { type?: unknown; geometry?: unknown; features?: unknown }
  if (obj?.type === 'FeatureCollection' && Array.isArray(obj.features)) {
    for (const f of obj.features as { geometry?: unknown }[]) geometries.push(f?.geometry)
  } else if (obj?.type === 'Feature') geometries.push(obj.geometry)
  else geometries.push(json)
  const polygons: number[][][][] = []
  for (const g of geometries) {
    const parsed = AreaPolygon.safeParse(g)
    if (!parsed.success) return { ok: false, detail: z.prettifyError(parsed.error) }
    if (parsed.data.type === 'Polygon') polygons.push(parsed.data.coordinates)
    else polygons.push(...parsed.data.coordinates)
  }
  if (polygons.length === 0) return { ok: false, detail: 'no polygon in the file' }
  const joined = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }
  const checked = AreaPolygon.safeParse(joined)
  return checked.success ? { ok: true, polygon: checked.data } : { ok: false, detail: z.prettifyError(checked.error) }
}
