// Schemas of the three entities the hub sends in `changes`: Incident, Unit, Handover.
// Unknown fields are stripped (a later minor revision may add some); known ones are checked.
import { z } from 'zod'
import {
  CategoryCode,
  OutsideListReason,
  EscalationLevel,
  EscalationReason,
  GridCode,
  Id,
  IncidentStatus,
  IsoDate,
  LngLat,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_NOTE,
  MAX_PHOTOS,
  MAX_TIMELINE,
  MAX_TITLE,
  Role,
  Seq,
  Source,
  StreetCode,
  Urgency,
  Version
} from './primitives'

const Name = z.string().min(1).max(100)

export const Actor = z.object({ id: Id, name: Name, role: Role })
export type Actor = z.infer<typeof Actor>

export const TimelineEntry = z.object({
  at: IsoDate,
  actor: Actor,
  action: z.string().min(1).max(40),
  from: IncidentStatus.optional(),
  to: IncidentStatus.optional(),
  note: z.string().max(MAX_NOTE).optional(),
  commandId: Id.optional(),
  /** v1.1 (additive): the units the entry concerns — dispatch: the assignees; sign/return/feedback: the
   *  acting unit; others: the assignees at the time. Lets metrics attribute events to units from the log. */
  unitIds: z.array(Id).max(20).optional(),
  /** v1.7 (additive): when the person issued the command (its `issuedAt`); `at` is when the hub applied it. */
  issuedAt: IsoDate.optional()
})
export type TimelineEntry = z.infer<typeof TimelineEntry>

export const Escalation = z.object({
  level: EscalationLevel,
  targetUnitId: Id.optional(),
  reasonCode: EscalationReason,
  reason: z.string().min(1).max(MAX_NOTE),
  at: IsoDate
})
export type Escalation = z.infer<typeof Escalation>

/** Rev 1.6: the record of the last outside-the-list dispatch of a case. */
export const OutsideListDispatch = z.object({
  reasonCode: OutsideListReason,
  reason: z.string().min(1).max(MAX_NOTE),
  /** The body that ordered the matter down (上级点菜): a department, the street office, or the centre itself. */
  orderedBy: z.string().min(1).max(100),
  unitIds: z.array(Id).min(1).max(5),
  categoryCode: CategoryCode,
  by: Actor,
  at: IsoDate
})
export type OutsideListDispatch = z.infer<typeof OutsideListDispatch>

export const Claim = z.object({ consoleId: Id, userId: Id, name: Name, at: IsoDate })
export type Claim = z.infer<typeof Claim>

export const Photo = z.object({
  id: Id,
  url: z.string().max(2000),
  thumbUrl: z.string().max(2000).optional()
})

export const Counters = z.object({
  returns: z.number().int().nonnegative(),
  reworks: z.number().int().nonnegative(),
  urges: z.number().int().nonnegative(),
  extensions: z.number().int().nonnegative()
})
export type Counters = z.infer<typeof Counters>

export const Reporter = z.object({
  id: Id.optional(),
  name: z.string().max(100).optional(),
  phone: z.string().max(40).optional()
})

export const Incident = z.object({
  id: Id,
  version: Version,
  seq: Seq,
  code: z.string().min(1).max(40),
  status: IncidentStatus,
  urgency: Urgency,
  categoryCode: CategoryCode,
  source: Source,
  title: z.string().min(1).max(MAX_TITLE),
  description: z.string().max(MAX_DESCRIPTION),
  address: z.string().max(MAX_ADDRESS),
  location: LngLat,
  gridCode: GridCode,
  reportedAt: IsoDate,
  reporter: Reporter,
  photos: z.array(Photo).max(MAX_PHOTOS),
  assignees: z.array(Id).max(20),
  deadlineAt: IsoDate.nullable(),
  pausedAt: IsoDate.nullable(),
  escalation: Escalation.nullable(),
  claimedBy: Claim.nullable(),
  mergedInto: Id.nullable(),
  /** Rev 1.6, optional: absent on cases from an older hub and on cases never dispatched outside the list. */
  outsideList: OutsideListDispatch.nullable().optional(),
  counters: Counters,
  timeline: z.array(TimelineEntry).max(MAX_TIMELINE),
  updatedAt: IsoDate
})
export type Incident = z.infer<typeof Incident>

export const UnitKind = z.enum(['grid_worker', 'community', 'street_dept', 'district_dept'])
export type UnitKind = z.infer<typeof UnitKind>
export const UnitStatus = z.enum(['available', 'busy', 'off_duty'])

export const Unit = z.object({
  id: Id,
  version: Version,
  seq: Seq,
  name: z.string().min(1).max(100),
  kind: UnitKind,
  streetCode: StreetCode.nullable(),
  gridCodes: z.array(GridCode).max(500),
  categories: z.array(z.string().regex(/^\d{2}(\d{2})?$/)).max(200),
  status: UnitStatus,
  location: LngLat.nullable(),
  openCount: z.number().int().nonnegative()
})
export type Unit = z.infer<typeof Unit>

export const HandoverItem = z.object({
  id: Id,
  incidentId: Id,
  statusAtHandover: IncidentStatus,
  note: z.string().max(MAX_NOTE),
  acknowledged: z.boolean(),
  // rev 1.5 (additive): the case as it stood when handed over; absent in handovers stored before 1.5.
  urgency: Urgency.optional(),
  deadlineAt: IsoDate.nullable().optional(),
  streetCode: StreetCode.optional(),
  overdue: z.boolean().optional()
})

export const Handover = z.object({
  id: Id,
  version: Version,
  seq: Seq,
  shiftId: Id,
  streetCode: StreetCode,
  /** rev 1.5 (additive): every street the packet covers, sorted; streetCode is the first. */
  streetCodes: z.array(StreetCode).max(1000).optional(),
  from: z.object({ userId: Id, name: Name }),
  to: z.object({ userId: Id, name: Name }).nullable(),
  state: z.enum(['submitted', 'acknowledged']),
  submittedAt: IsoDate,
  acknowledgedAt: IsoDate.nullable(),
  summary: z.string().max(MAX_DESCRIPTION),
  items: z.array(HandoverItem).max(2000)
})
export type Handover = z.infer<typeof Handover>
