// A Change carries one entity's whole new version (or null when it left the console's view).
// Batches are checked change by change, so one bad change never sinks the good ones beside it.
import { z } from 'zod'
import { Handover, Incident, Unit } from './entities'
import { FunctionalGrid } from './functional-grid'
import { Id, MAX_CHANGES, Seq, Version } from './primitives'

/** Rev 1.8 adds 'functionalGrid', sent only to consoles whose handshake lists the feature. */
export const EntityKind = z.enum(['incident', 'unit', 'handover', 'functionalGrid'])
export type EntityKind = z.infer<typeof EntityKind>

const base = { seq: Seq, id: Id, version: Version }

export const IncidentChange = z.object({
  ...base,
  entity: z.literal('incident'),
  data: Incident.nullable()
})
export const UnitChange = z.object({ ...base, entity: z.literal('unit'), data: Unit.nullable() })
export const HandoverChange = z.object({
  ...base,
  entity: z.literal('handover'),
  data: Handover.nullable()
})

export const FunctionalGridChange = z.object({
  ...base,
  entity: z.literal('functionalGrid'),
  data: FunctionalGrid.nullable()
})

export const Change = z
  .discriminatedUnion('entity', [IncidentChange, UnitChange, HandoverChange, FunctionalGridChange])
  .refine((c) => c.data === null || (c.data.id === c.id && c.data.version === c.version), {
    message: 'change id/version must match its data'
  })
export type Change = z.infer<typeof Change>

/** The outer shape of a batch; each element is then parsed with `Change` on its own. */
export const ChangesMessage = z.object({ changes: z.array(z.unknown()).max(MAX_CHANGES) })

export type ChangeVerdict =
  | { ok: true; change: Change }
  | { ok: false; reason: string; seq: number | null; raw: unknown }

/** Parse one element of a batch; never throws. */
export function parseChange(raw: unknown): ChangeVerdict {
  const result = Change.safeParse(raw)
  if (result.success) return { ok: true, change: result.data }
  const seq =
    typeof raw === 'object' && raw !== null && typeof (raw as { seq?: unknown }).seq === 'number'
      ? (raw as { seq: number }).seq
      : null
  return { ok: false, reason: describeIssues(result.error), seq, raw }
}

/** One line naming each failing path, for logs and counters people read. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')
}
