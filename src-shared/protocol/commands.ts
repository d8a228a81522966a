// Commands a console (or the simulator) sends to the hub: one envelope, a payload per type.
import { z } from 'zod'
import {
  CategoryCode,
  EscalationLevel,
  EscalationReason,
  GridCode,
  Id,
  IsoDate,
  LngLat,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_NOTE,
  MAX_PHOTOS,
  MAX_TITLE,
  OutsideListReason,
  Source,
  Urgency,
  Version
} from './primitives'
import { FunctionalGridCreatePayload, FunctionalGridEndPayload } from './functional-grid'

const Reason = z.string().trim().min(1).max(MAX_NOTE)
const Note = z.string().max(MAX_NOTE)

export const ReportDraft = z.object({
  categoryCode: CategoryCode,
  urgency: Urgency,
  source: Source,
  title: z.string().trim().min(1).max(MAX_TITLE),
  description: z.string().max(MAX_DESCRIPTION),
  address: z.string().max(MAX_ADDRESS),
  location: LngLat,
  gridCode: GridCode.optional(),
  reporter: z
    .object({
      id: Id.optional(),
      name: z.string().max(100).optional(),
      phone: z.string().max(40).optional()
    })
    .optional(),
  photoIds: z.array(Id).max(MAX_PHOTOS).optional()
})
export type ReportDraft = z.infer<typeof ReportDraft>

/** Payload schema per command type, exactly the table of docs/protocol.md. */
export const CommandPayloads = {
  report: z.object({ draft: ReportDraft }),
  accept: z.object({ note: Note.optional() }),
  reject: z.object({ reason: Reason }),
  merge: z.object({ intoIncidentId: Id }),
  dispatch: z.object({
    unitIds: z.array(Id).min(1).max(5),
    instructions: Note.optional(),
    deadlineAt: IsoDate.optional(),
    /** Rev 1.6: required when the category is outside the 权责清单 for a named grid worker or committee. */
    outsideList: z.object({ reasonCode: OutsideListReason, orderedBy: z.string().trim().min(1).max(100), reason: Reason }).optional()
  }),
  sign: z.object({ unitId: Id }),
  return: z.object({ unitId: Id, reason: Reason }),
  feedback: z.object({ unitId: Id, note: Reason, photoIds: z.array(Id).max(MAX_PHOTOS).optional() }),
  verify: z.object({ passed: z.boolean(), note: Note.optional() }),
  escalate: z.object({
    level: EscalationLevel,
    targetUnitId: Id.optional(),
    reasonCode: EscalationReason,
    reason: Reason
  }),
  deescalate: z.object({ note: Reason }),
  suspend: z.object({ reason: Reason }),
  resume: z.object({}),
  extend: z.object({ newDeadlineAt: IsoDate, reason: Reason }),
  urge: z.object({ note: Reason }),
  reopen: z.object({ reason: Reason }),
  note: z.object({ text: Reason }),
  claim: z.object({}),
  release: z.object({}),
  'handover.submit': z.object({
    shiftId: Id,
    toUserId: Id.optional(),
    summary: z.string().max(MAX_DESCRIPTION),
    items: z.array(z.object({ incidentId: Id, note: Note })).max(2000)
  }),
  'handover.acknowledge': z.object({ itemIds: z.array(Id).max(2000).optional(), note: Note.optional() }),
  // Rev 1.8 (功能性网格): a lead lays a functional grid over unit grids, or ends one early.
  'functionalGrid.create': FunctionalGridCreatePayload,
  'functionalGrid.end': FunctionalGridEndPayload
} as const

export type CommandType = keyof typeof CommandPayloads
export const COMMAND_TYPES = Object.keys(CommandPayloads) as CommandType[]
export const CommandTypeSchema = z.enum(COMMAND_TYPES as [CommandType, ...CommandType[]])

export type CommandPayload<T extends CommandType> = z.infer<(typeof CommandPayloads)[T]>

/** Commands that act on an existing incident (all but report, the handover and the functional-grid ones). */
export function isIncidentCommand(type: CommandType): boolean {
  return type !== 'report' && !type.startsWith('handover.') && !isFunctionalGridCommand(type)
}

/** Rev 1.8: the functional-grid commands (no incident; `functionalGrid.end` names its grid in the envelope). */
export function isFunctionalGridCommand(type: CommandType): type is 'functionalGrid.create' | 'functionalGrid.end' {
  return type === 'functionalGrid.create' || type === 'functionalGrid.end'
}

const Envelope = z.object({
  commandId: z.uuid(),
  type: CommandTypeSchema,
  incidentId: Id.optional(),
  handoverId: Id.optional(),
  /** Rev 1.8: the functional grid `functionalGrid.end` ends (like handoverId). */
  functionalGridId: Id.optional(),
  expectedVersion: Version.optional(),
  payload: z.record(z.string(), z.unknown()),
  issuedAt: IsoDate
})

/** The whole command: envelope plus the payload checked against its type. */
export const Command = Envelope.superRefine((cmd, ctx) => {
  const payload = CommandPayloads[cmd.type].safeParse(cmd.payload)
  if (!payload.success) {
    for (const issue of payload.error.issues) {
      ctx.addIssue({ code: 'custom', path: ['payload', ...issue.path.map(String)], message: issue.message })
    }
  }
  if (isIncidentCommand(cmd.type) && cmd.incidentId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['incidentId'], message: `${cmd.type} needs incidentId` })
  }
  if (cmd.type === 'handover.acknowledge' && cmd.handoverId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['handoverId'], message: 'handover.acknowledge needs handoverId' })
  }
  if (cmd.type === 'functionalGrid.end' && cmd.functionalGridId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['functionalGridId'], message: 'functionalGrid.end needs functionalGridId' })
  }
}).transform((cmd) => ({
  ...cmd,
  // Strip unknown payload keys the same way entity schemas do.
  payload: CommandPayloads[cmd.type].parse(cmd.payload) as Record<string, unknown>
}))
export type Command = z.infer<typeof Command>

/** A typed command for code that builds one (the console, the simulator, tests). */
export type TypedCommand<T extends CommandType = CommandType> = {
  [K in T]: {
    commandId: string
    type: K
    incidentId?: string
    handoverId?: string
    functionalGridId?: string
    expectedVersion?: number
    payload: CommandPayload<K>
    issuedAt: string
  }
}[T]
