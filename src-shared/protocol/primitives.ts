// Bounded building blocks for every protocol schema: ids, dates, codes, coordinates.
// Bounds come from docs/protocol.md ("Bounds the receiver enforces").
import { z } from 'zod'

export const MAX_ID = 64
export const MAX_TITLE = 120
export const MAX_DESCRIPTION = 4000
export const MAX_ADDRESS = 200
export const MAX_NOTE = 2000
export const MAX_TIMELINE = 500
export const MAX_PHOTOS = 20
export const MAX_CHANGES = 5000
export const MAX_MESSAGE_BYTES = 1024 * 1024
/** Largest message a console accepts from the hub (rev 1.1); larger ones close the socket (rev 1.4). */
export const MAX_HUB_MESSAGE_BYTES = 16 * 1024 * 1024

export const Id = z.string().min(1).max(MAX_ID)

/** ISO-8601 instant with a zone (Z or ±hh:mm); the hub always writes UTC. */
export const IsoDate = z.iso.datetime({ offset: true })

export const GridCode = z.string().regex(/^\d{15}$/, 'grid code is 15 digits')
export const StreetCode = z.string().regex(/^\d{9}$/, 'sub-district code is 9 digits')
export const CommunityCode = z.string().regex(/^\d{12}$/, 'community code is 12 digits')
export const CategoryCode = z.string().regex(/^\d{4}$/, 'category code is MMNN')

export const LngLat = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90)
})
export type LngLat = z.infer<typeof LngLat>

export const Seq = z.number().int().nonnegative()
export const Version = z.number().int().positive()

export const Role = z.enum(['viewer', 'dispatcher', 'lead', 'district', 'unit', 'admin'])
export type Role = z.infer<typeof Role>

export const Urgency = z.enum(['urgent', 'important', 'normal'])
export type Urgency = z.infer<typeof Urgency>

export const IncidentStatus = z.enum([
  'reported',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'in_progress',
  'resolved',
  'closed',
  'escalated',
  'suspended'
])
export type IncidentStatus = z.infer<typeof IncidentStatus>

/** States a case can still move out of: everything but closed, rejected, merged. */
export const CLOSED_STATES: readonly IncidentStatus[] = ['closed', 'rejected', 'merged']
export function isOpenStatus(status: IncidentStatus): boolean {
  return !CLOSED_STATES.includes(status)
}

export const Source = z.enum(['grid_worker', 'hotline', 'video', 'public', 'superior', 'department'])
export type Source = z.infer<typeof Source>

export const EscalationLevel = z.enum(['district', 'department', 'city'])
export const EscalationReason = z.enum([
  'beyond_authority',
  'overdue',
  'major',
  'cross_boundary',
  'repeated_return',
  'other'
])
export type EscalationReason = z.infer<typeof EscalationReason>

/** Rev 1.6: why a matter outside the responsibility list (清单外) was dispatched to a grid. */
export const OutsideListReason = z.enum(['emergency', 'superior_order', 'service_purchase', 'transition', 'other'])
export type OutsideListReason = z.infer<typeof OutsideListReason>

export const ErrorCode = z.enum([
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition',
  'rate_limited',
  'internal'
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** Errors after which a command must not be resent (protocol: "final error"). */
export const FINAL_ERROR_CODES: readonly ErrorCode[] = [
  'invalid',
  'forbidden',
  'not_found',
  'conflict',
  'illegal_transition'
]
