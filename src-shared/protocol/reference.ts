// Reference data (`reference` answer): streets, communities, grids, categories,
// responsibilities and the working calendar. Versioned; changes rarely.
import { z } from 'zod'
import { CategoryCode, CommunityCode, GridCode, Id, StreetCode, Urgency } from './primitives'

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
const Ring = z.array(Position).min(4).max(100_000)

export const PolygonGeometry = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(Ring).min(1).max(1000)
})
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1).max(1000)).min(1).max(1000)
})
export const AreaGeometry = z.union([PolygonGeometry, MultiPolygonGeometry])
export type AreaGeometry = z.infer<typeof AreaGeometry>

export const Street = z.object({
  code: StreetCode,
  name: z.string().min(1).max(50),
  nameEn: z.string().max(80).optional(),
  polygon: AreaGeometry
})
export type Street = z.infer<typeof Street>

export const Community = z.object({
  code: CommunityCode,
  streetCode: StreetCode,
  name: z.string().min(1).max(50),
  /** True for the demo's generated communities, which are not real ones. */
  synthetic: z.boolean(),
  polygon: AreaGeometry
})
export type Community = z.infer<typeof Community>

/** Rev 1.6: the kind of place a unit grid covers (设置网格标准), which sets its standard. */
export const GridType = z.enum(['residential', 'old_residential', 'business', 'urban_village', 'work_unit', 'public', 'mixed'])
export type GridType = z.infer<typeof GridType>

export const GridProperties = z.object({
  code: GridCode,
  communityCode: CommunityCode,
  streetCode: StreetCode,
  workerUnitId: Id.nullable(),
  // Rev 1.6, optional: absent from an older hub's reference.
  gridType: GridType.optional(),
  households: z.number().int().min(0).max(1_000_000).optional(),
  population: z.number().int().min(0).max(10_000_000).optional(),
  areaM2: z.number().min(0).max(1e9).optional()
})
export type GridProperties = z.infer<typeof GridProperties>

export const GridFeature = z.object({
  type: z.literal('Feature'),
  properties: GridProperties,
  geometry: AreaGeometry
})
export type GridFeature = z.infer<typeof GridFeature>

export const GridCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(GridFeature).max(200_000)
})
export type GridCollection = z.infer<typeof GridCollection>

export const TimeLimit = z.object({
  value: z.number().positive().max(100_000),
  unit: z.enum(['minutes', 'working_hours', 'working_days'])
})
export type TimeLimit = z.infer<typeof TimeLimit>

export const Category = z.object({
  code: CategoryCode,
  /** Major code, e.g. '01'; parts (部件) use their own majors. */
  major: z.string().regex(/^\d{2}$/),
  kind: z.enum(['event', 'part']).default('event'),
  name: z.string().min(1).max(50),
  nameEn: z.string().min(1).max(80),
  limit: TimeLimit,
  defaultUrgency: Urgency
})
export type Category = z.infer<typeof Category>

export const Responsibility = z.object({
  categoryCode: CategoryCode,
  streetCode: z.union([StreetCode, z.literal('*')]),
  /** In order of preference. */
  unitIds: z.array(Id).min(1).max(10)
})
export type Responsibility = z.infer<typeof Responsibility>

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')

export const Calendar = z.object({
  /** IANA zone the working day is reckoned in; Chinese centres use UTC+8 all year. */
  utcOffsetMinutes: z.number().int().min(-840).max(840),
  /** Working periods of a working day, in order, e.g. 08:30–12:00 and 13:30–17:30. */
  periods: z.array(z.object({ start: ClockTime, end: ClockTime })).min(1).max(6),
  /** ISO weekdays that are normally worked: 1 = Monday … 7 = Sunday. */
  workdays: z.array(z.number().int().min(1).max(7)).max(7),
  /** Days off that would otherwise be working days (法定节假日). */
  holidays: z.array(Day).max(2000),
  /** Weekend days worked in exchange (调休上班). */
  extraWorkdays: z.array(Day).max(2000)
})
export type Calendar = z.infer<typeof Calendar>

/** Rev 1.6: the written standard of one grid type. */
export const GridStandard = z.object({
  gridType: GridType,
  /** Patrols (巡查) a grid of this type gets per working day. */
  patrolsPerDay: z.number().min(0).max(48),
  /** Multiplies a category's time limit for cases in grids of this type. */
  limitFactor: z.number().min(0.25).max(4),
  /** Households one grid worker should cover at most. */
  householdsPerWorker: z.number().int().positive().max(100_000)
})
export type GridStandard = z.infer<typeof GridStandard>

/** Rev 1.6: 依法履职, 协助政府, or outside the responsibility list (清单外). */
export const Duty = z.enum(['duty', 'assist', 'outside'])
export type Duty = z.infer<typeof Duty>

/** Rev 1.6: one category's row of the responsibility list (权责清单), per unit kind. */
export const DutyRow = z.object({
  categoryCode: CategoryCode,
  grid_worker: Duty,
  community: Duty,
  street_dept: Duty,
  district_dept: Duty
})
export type DutyRow = z.infer<typeof DutyRow>

export const ReferenceData = z.object({
  version: z.string().min(1).max(64),
  streets: z.array(Street).max(1000),
  communities: z.array(Community).max(10_000),
  grids: GridCollection,
  categories: z.array(Category).max(1000),
  responsibilities: z.array(Responsibility).max(100_000),
  calendar: Calendar,
  // Rev 1.6, optional: an older hub sends neither, and the console hides what needs them.
  gridStandards: z.array(GridStandard).max(50).optional(),
  dutyList: z.array(DutyRow).max(1000).optional()
})
export type ReferenceData = z.infer<typeof ReferenceData>
