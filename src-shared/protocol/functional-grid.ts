// Rev 1.8 (功能性网格): the functional-grid entity and its two commands' payloads.
// Kept in its own file so the older entity kinds stay untouched: the hub sends this kind only to
// consoles whose handshake protocol is ≥ 1.8 (docs/protocol.md, rev 1.8).
import { z } from 'zod'
import { CommunityCode, GridCode, Id, IsoDate, MAX_NOTE, Seq, StreetCode, Version } from './primitives'

export const FUNCTIONAL_GRID_PROTOCOL = '1.8'
/** The feature a rev 1.8 peer lists in handshake `auth.features` and `welcome.features`. */
export const FUNCTIONAL_GRID_FEATURE = 'functionalGrid'
export const MAX_FG_NAME = 60
export const MAX_FG_PURPOSE = 500
export const MAX_FG_TEAM = 20
export const MAX_FG_GRIDS = 500
/** A period longer than this is refused: a functional grid is for a task or season, not for ever. */
export const MAX_FG_PERIOD_MS = 366 * 24 * 3600 * 1000

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const Ring = z.array(Position).min(4).max(10_000)
export const AreaPolygon = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100) })
])
export type AreaPolygon = z.infer<typeof AreaPolygon>

/** How the lead gave the area; the hub resolves every form to unit grid codes. */
export const FunctionalGridArea = z.union([
  z.object({ gridCodes: z.array(GridCode).min(1, 'the area names no grid').max(MAX_FG_GRIDS) }),
  z.object({ communityCode: CommunityCode }),
  z.object({ streetCode: StreetCode }),
  z.object({ polygon: AreaPolygon })
])
export type FunctionalGridArea = z.infer<typeof FunctionalGridArea>

export const FunctionalGridCreatePayload = z.object({
  name: z.string().trim().min(1).max(MAX_FG_NAME),
  purpose: z.string().trim().min(1).max(MAX_FG_PURPOSE),
  fromAt: IsoDate,
  toAt: IsoDate,
  unitIds: z.array(Id).min(1, 'the team names no unit').max(MAX_FG_TEAM),
  area: FunctionalGridArea
})
export type FunctionalGridCreatePayload = z.infer<typeof FunctionalGridCreatePayload>

export const FunctionalGridEndPayload = z.object({ reason: z.string().trim().min(1).max(MAX_NOTE) })
export type FunctionalGridEndPayload = z.infer<typeof FunctionalGridEndPayload>

export const FunctionalGrid = z.object({
  id: Id,
  version: Version,
  seq: Seq,
  name: z.string().min(1).max(MAX_FG_NAME),
  purpose: z.string().min(1).max(MAX_FG_PURPOSE),
  fromAt: IsoDate,
  toAt: IsoDate,
  endedAt: IsoDate.nullable(),
  endReason: z.string().max(MAX_NOTE).nullable(),
  unitIds: z.array(Id).min(1).max(MAX_FG_TEAM),
  gridCodes: z.array(GridCode).min(1).max(MAX_FG_GRIDS),
  streetCodes: z.array(StreetCode).min(1).max(100),
  createdBy: z.object({ userId: Id, name: z.string().min(1).max(100) }),
  createdAt: IsoDate,
  updatedAt: IsoDate
})
export type FunctionalGrid = z.infer<typeof FunctionalGrid>
