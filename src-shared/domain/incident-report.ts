// The 'report' command (part of the incident machine): a new case in `reported`, version 1, with the
// reporter's phone masked for the record. Pure like the rest of the machine.
import type { Command, TimelineEntry } from '../protocol'
import { CommandPayloads } from '../protocol'
import { fail, finish, type MachineContext, type MachineOutcome } from './machine-outcome'
import { roleMayIssue } from './roles'

/** Masks a phone number for the record (138****1234); short numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  if (digits.includes('*')) return digits
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`
}

/** The 'report' command: builds a new incident in `reported` (version 1, seq 0 until the hub sets it). */
export function createIncidentFromReport(
  command: Command,
  ids: {
    id: string
    code: string
    gridCode: string
    /** Where the hub serves a reported photo; defaults to `photos/<id>`. */
    photoUrl?: (photoId: string) => { url: string; thumbUrl?: string }
  },
  ctx: MachineContext
): MachineOutcome {
  if (command.type !== 'report') return fail('invalid', `createIncidentFromReport needs a report, got ${command.type}`)
  if (!roleMayIssue(ctx.actor.role, 'report')) return fail('forbidden', `role ${ctx.actor.role} may not report cases`)
  if (ctx.actor.role === 'unit' && ctx.actorUnitId === null) {
    return fail('forbidden', 'a unit caller must say which unit it is')
  }
  const parsed = CommandPayloads.report.safeParse(command.payload)
  if (!parsed.success) return fail('invalid', `report payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  const draft = parsed.data.draft
  if (!ctx.categories.has(draft.categoryCode)) {
    return fail('invalid', `unknown category ${draft.categoryCode}`)
  }
  const at = ctx.now.toISOString()
  const reporter = draft.reporter ?? { id: ctx.actor.id, name: ctx.actor.name }
  const photoUrl = ids.photoUrl ?? ((id: string) => ({ url: `photos/${id}` }))
  const first: TimelineEntry = {
    at,
    actor: ctx.actor,
    action: 'report',
    to: 'reported',
    commandId: command.commandId,
    ...(ctx.actor.role === 'unit' && ctx.actorUnitId !== null ? { unitIds: [ctx.actorUnitId] } : {}),
    issuedAt: command.issuedAt
  }
  return finish({
    id: ids.id,
    version: 1,
    seq: 0,
    code: ids.code,
    status: 'reported',
    urgency: draft.urgency,
    categoryCode: draft.categoryCode,
    source: draft.source,
    title: draft.title,
    description: draft.description,
    address: draft.address,
    location: { ...draft.location },
    gridCode: ids.gridCode,
    reportedAt: at,
    reporter: {
      ...(reporter.id !== undefined ? { id: reporter.id } : {}),
      ...(reporter.name !== undefined ? { name: reporter.name } : {}),
      ...(reporter.phone !== undefined ? { phone: maskPhone(reporter.phone) } : {})
    },
    photos: (draft.photoIds ?? []).map((id) => ({ id, ...photoUrl(id) })),
    assignees: [],
    deadlineAt: null,
    pausedAt: null,
    escalation: null,
    claimedBy: null,
    mergedInto: null,
    counters: { returns: 0, reworks: 0, urges: 0, extensions: 0 },
    timeline: [first],
    updatedAt: at
  })
}
