// What each incident command does to a case (part of the incident machine): plan() checks the
// command's payload and cross-field rules (guards) and returns the step — the state it goes to, the
// fields it sets, the note and units it logs (effects). Which command is legal from which state and
// for which role is the transitions table (transitions.ts), checked by applyIncidentCommand first.
import type { Command, Incident, IncidentStatus, UnitKind } from '../protocol'
import { CommandPayloads, isOpenStatus, MAX_NOTE } from '../protocol'
import { deadlineAfterPause } from './deadlines'
import { gridDeadline } from './grids'
import { type MachineContext, type MachineErrorCode } from './machine-outcome'
import { checkOutsideListDispatch } from './responsibility'

/** The state a suspended case came from: the `from` of its last suspend entry. */
export function stateBeforeSuspension(incident: Pick<Incident, 'timeline'>): IncidentStatus {
  for (let i = incident.timeline.length - 1; i >= 0; i--) {
    const entry = incident.timeline[i]
    if (entry && entry.action === 'suspend' && entry.to === 'suspended' && entry.from && entry.from !== 'suspended') {
      return entry.from
    }
  }
  // The entry can only be missing if the 500-entry cap dropped it. `accepted` is the safe place to land:
  // nobody holds the case and the hall decides again; nothing is closed or lost.
  return 'accepted'
}

/** A change the command makes: the fields it sets, the state it goes to, the note and units it logs. */
export interface Step {
  to: IncidentStatus
  patch: Partial<Incident>
  note?: string | undefined
  unitIds?: string[] | undefined
}

export type StepResult = { ok: true; step: Step } | { ok: false; code: MachineErrorCode; message: string }

const step = (s: Step): StepResult => ({ ok: true, step: s })
const refuse = (code: MachineErrorCode, message: string): StepResult => ({ ok: false, code, message })

/** Entering `accepted` means nobody holds the case: no assignees and no running deadline. */
const BACK_TO_ACCEPTED: Partial<Incident> = { assignees: [], deadlineAt: null }

function payloadOf<T extends keyof typeof CommandPayloads>(
  type: T,
  command: Command
): { ok: true; value: ReturnType<(typeof CommandPayloads)[T]['parse']> } | { ok: false; message: string } {
  const parsed = CommandPayloads[type].safeParse(command.payload)
  if (parsed.success) return { ok: true, value: parsed.data as ReturnType<(typeof CommandPayloads)[T]['parse']> }
  const issue = parsed.error.issues[0]
  return { ok: false, message: `${type} payload: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim() }
}

function categoryDeadline(current: Incident, ctx: MachineContext): { ok: true; at: string } | { ok: false; message: string } {
  const category = ctx.categories.get(current.categoryCode)
  if (!category) return { ok: false, message: `unknown category ${current.categoryCode}: no time limit to compute a deadline` }
  // Rev 1.6: the grid type's factor scales the category's limit (1 without a type or standard).
  const factor = ctx.gridRules?.limitFactor(current.gridCode) ?? 1
  return { ok: true, at: gridDeadline(category, factor, current.urgency, ctx.now, ctx.calendar).toISOString() }
}

/** The clock fields after a suspended case leaves `suspended`: pause cleared, deadline pushed by the pause. */
function unpause(current: Incident, ctx: MachineContext): Partial<Incident> {
  if (current.pausedAt === null) return { pausedAt: null }
  if (current.deadlineAt === null) return { pausedAt: null }
  const deadline = deadlineAfterPause(
    new Date(current.deadlineAt),
    new Date(current.pausedAt),
    ctx.now,
    current.urgency,
    ctx.calendar
  )
  return { pausedAt: null, deadlineAt: deadline.toISOString() }
}

/**
 * A case the district sent back settled (rev 1.3): resolved with its escalation record still on it. Only
 * the department's feedback enters `resolved` keeping the record; deescalate and reopen clear it.
 */
export function isSettledAbove(incident: Pick<Incident, 'status' | 'escalation'>): boolean {
  return incident.status === 'resolved' && incident.escalation !== null
}

/**
 * Checks feedback on an escalated case (rev 1.3): only the district department the escalation names,
 * as a unit-role caller acting for itself (the role itself is checked before, by ROLES_FROM).
 */
function checkDepartmentActor(current: Incident, unitId: string, ctx: MachineContext): StepResult | null {
  const targetUnitId = current.escalation?.targetUnitId
  if (targetUnitId === undefined) {
    return refuse('forbidden', 'the escalation names no department to report a result; the district can only send the case back')
  }
  if (ctx.actorUnitId === null || ctx.actorUnitId !== unitId) {
    return refuse('forbidden', `a unit may act only for itself (caller is ${ctx.actorUnitId ?? 'no unit'}, command names ${unitId})`)
  }
  if (unitId !== targetUnitId) {
    return refuse('forbidden', `unit ${unitId} is not the department this case was escalated to (${targetUnitId})`)
  }
  return null
}

/** Checks a unit-side command (sign/return/feedback): the unit acts for itself, or a dispatcher for it. */
function checkUnitActor(current: Incident, unitId: string, ctx: MachineContext): StepResult | null {
  if (ctx.actor.role === 'unit') {
    if (ctx.actorUnitId === null || ctx.actorUnitId !== unitId) {
      return refuse('forbidden', `a unit may act only for itself (caller is ${ctx.actorUnitId ?? 'no unit'}, command names ${unitId})`)
    }
    if (!current.assignees.includes(unitId)) return refuse('forbidden', `unit ${unitId} is not assigned to this case`)
    return null
  }
  if (!current.assignees.includes(unitId)) return refuse('invalid', `unit ${unitId} is not assigned to this case`)
  return null
}

export function plan(current: Incident, command: Command, ctx: MachineContext): StepResult {
  const status = current.status
  const now = ctx.now
  const assigneesOrNone = current.assignees.length > 0 ? [...current.assignees] : undefined
  switch (command.type) {
    case 'accept': {
      const p = payloadOf('accept', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({ to: 'accepted', patch: {}, note: p.value.note })
    }
    case 'reject': {
      const p = payloadOf('reject', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({ to: 'rejected', patch: {}, note: p.value.reason })
    }
    case 'merge': {
      const p = payloadOf('merge', command)
      if (!p.ok) return refuse('invalid', p.message)
      const targetId = p.value.intoIncidentId
      if (targetId === current.id) return refuse('invalid', 'a case cannot be merged into itself')
      const target = ctx.getIncident(targetId)
      if (!target) return refuse('not_found', `merge target ${targetId} does not exist`)
      if (!isOpenStatus(target.status)) {
        return refuse('invalid', `merge target ${target.code} is ${target.status}; merge only into an open case`)
      }
      return step({ to: 'merged', patch: { mergedInto: target.id }, note: `→ ${target.code}` })
    }
    case 'dispatch': {
      const p = payloadOf('dispatch', command)
      if (!p.ok) return refuse('invalid', p.message)
      const unitIds = p.value.unitIds
      if (new Set(unitIds).size !== unitIds.length) return refuse('invalid', 'a unit is named twice in unitIds')
      const named: { id: string; kind: UnitKind }[] = []
      for (const id of unitIds) {
        const unit = ctx.getUnit(id)
        if (!unit) return refuse('not_found', `unit ${id} does not exist`)
        // District departments are reached by escalation, not by the street's dispatch (domain §5).
        if (unit.kind === 'district_dept') {
          return refuse('invalid', `unit ${id} is a district department: escalate the case instead of dispatching it`)
        }
        named.push({ id, kind: unit.kind })
      }
      // Rev 1.6: an outside-the-list matter goes to a grid worker or committee only with a reason on record.
      const outside = ctx.gridRules
        ? checkOutsideListDispatch(ctx.gridRules, current.categoryCode, named, p.value.outsideList)
        : ({ ok: true, record: null } as const)
      if (!outside.ok) return refuse('invalid', outside.message)
      const reason = outside.record && p.value.outsideList ? p.value.outsideList : null
      let deadlineAt: string
      if (p.value.deadlineAt !== undefined) {
        if (Date.parse(p.value.deadlineAt) <= now.getTime()) return refuse('invalid', 'deadlineAt must be in the future')
        deadlineAt = new Date(p.value.deadlineAt).toISOString()
      } else {
        const computed = categoryDeadline(current, ctx)
        if (!computed.ok) return refuse('invalid', computed.message)
        deadlineAt = computed.at
      }
      const patch: Partial<Incident> = { assignees: [...unitIds], deadlineAt }
      let note = p.value.instructions
      if (outside.record && reason) {
        patch.outsideList = {
          reasonCode: reason.reasonCode,
          reason: reason.reason,
          orderedBy: reason.orderedBy,
          unitIds: outside.record.unitIds,
          categoryCode: current.categoryCode,
          by: ctx.actor,
          at: now.toISOString()
        }
        const line = `清单外派遣 [${reason.reasonCode}] ${reason.orderedBy}: ${reason.reason}`
        // The entry's note is bounded like any note: the reason itself is kept whole in outsideList.
        note = (note ? `${note}\n${line}` : line).slice(0, MAX_NOTE)
      }
      return step({ to: 'dispatched', patch, note, unitIds: [...unitIds] })
    }
    case 'sign':
    case 'return':
    case 'feedback': {
      const p = payloadOf(command.type, command)
      if (!p.ok) return refuse('invalid', p.message)
      const unitId = p.value.unitId
      if (status === 'escalated') {
        // Rev 1.3: the department's result. The escalation record stays, so the street's verification knows
        // where the case was settled and a rework goes back there; the deadline is left as it is (a
        // resolved case is not overdue, and verify judges the close against it like any other).
        const bad = checkDepartmentActor(current, unitId, ctx)
        if (bad) return bad
        const note = (p.value as { note: string }).note
        return step({ to: 'resolved', patch: {}, note, unitIds: [unitId] })
      }
      const bad = checkUnitActor(current, unitId, ctx)
      if (bad) return bad
      const onBehalf = ctx.actor.role !== 'unit' ? ` (on behalf of ${unitId})` : ''
      if (command.type === 'sign') {
        return step({ to: 'in_progress', patch: {}, note: onBehalf.trim() || undefined, unitIds: [unitId] })
      }
      if (command.type === 'return') {
        const reason = (p.value as { reason: string }).reason
        return step({
          to: 'accepted',
          patch: { ...BACK_TO_ACCEPTED, counters: { ...current.counters, returns: current.counters.returns + 1 } },
          note: reason + onBehalf,
          unitIds: [unitId]
        })
      }
      const note = (p.value as { note: string }).note
      return step({ to: 'resolved', patch: {}, note: note + onBehalf, unitIds: [unitId] })
    }
    case 'verify': {
      const p = payloadOf('verify', command)
      if (!p.ok) return refuse('invalid', p.message)
      // A case settled above concerns the department that did the work, not the street units it left.
      const department = isSettledAbove(current) ? current.escalation?.targetUnitId : undefined
      const concerned = department !== undefined ? [department] : assigneesOrNone
      if (p.value.passed) return step({ to: 'closed', patch: {}, note: p.value.note, unitIds: concerned })
      // Rework (返工): back to whoever did the work, with a fresh deadline from now.
      const computed = categoryDeadline(current, ctx)
      if (!computed.ok) return refuse('invalid', computed.message)
      const reworks = current.counters.reworks + 1
      if (department !== undefined) {
        // Rev 1.3: a district department's result that fails verification goes back to that department
        // (escalated, the same record): the street could not settle it, which is why it went up.
        return step({
          to: 'escalated',
          patch: { deadlineAt: computed.at, counters: { ...current.counters, reworks } },
          note: p.value.note,
          unitIds: concerned
        })
      }
      return step({
        to: 'dispatched',
        patch: { deadlineAt: computed.at, counters: { ...current.counters, reworks } },
        note: p.value.note,
        unitIds: assigneesOrNone
      })
    }
    case 'escalate': {
      const p = payloadOf('escalate', command)
      if (!p.ok) return refuse('invalid', p.message)
      const { level, targetUnitId, reasonCode, reason } = p.value
      if (targetUnitId !== undefined && !ctx.getUnit(targetUnitId)) {
        return refuse('not_found', `escalation target unit ${targetUnitId} does not exist`)
      }
      return step({
        to: 'escalated',
        // Escalating a suspended case restarts its clock: an escalated case is being worked on above,
        // and leaving pausedAt set would hide it from overdue checks for good.
        patch: {
          ...(status === 'suspended' ? unpause(current, ctx) : {}),
          escalation: {
            level,
            ...(targetUnitId !== undefined ? { targetUnitId } : {}),
            reasonCode,
            reason,
            at: now.toISOString()
          }
        },
        note: reason,
        unitIds: assigneesOrNone
      })
    }
    case 'deescalate': {
      const p = payloadOf('deescalate', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({ to: 'accepted', patch: { ...BACK_TO_ACCEPTED, escalation: null }, note: p.value.note })
    }
    case 'suspend': {
      const p = payloadOf('suspend', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({ to: 'suspended', patch: { pausedAt: now.toISOString() }, note: p.value.reason, unitIds: assigneesOrNone })
    }
    case 'resume': {
      const p = payloadOf('resume', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({ to: stateBeforeSuspension(current), patch: unpause(current, ctx), unitIds: assigneesOrNone })
    }
    case 'extend': {
      const p = payloadOf('extend', command)
      if (!p.ok) return refuse('invalid', p.message)
      if (current.deadlineAt === null) return refuse('invalid', 'the case has no deadline to extend')
      const next = Date.parse(p.value.newDeadlineAt)
      if (next <= now.getTime()) return refuse('invalid', 'newDeadlineAt must be in the future')
      // An "extension" that shortens the deadline would be a different act; refuse it rather than log it
      // as 延期 and count it against the unit.
      if (next <= Date.parse(current.deadlineAt)) return refuse('invalid', 'newDeadlineAt must be later than the current deadline')
      return step({
        to: status,
        patch: {
          deadlineAt: new Date(next).toISOString(),
          counters: { ...current.counters, extensions: current.counters.extensions + 1 }
        },
        note: p.value.reason,
        unitIds: assigneesOrNone
      })
    }
    case 'urge': {
      const p = payloadOf('urge', command)
      if (!p.ok) return refuse('invalid', p.message)
      return step({
        to: status,
        patch: { counters: { ...current.counters, urges: current.counters.urges + 1 } },
        note: p.value.note,
        unitIds: assigneesOrNone
      })
    }
    case 'reopen': {
      const p = payloadOf('reopen', command)
      if (!p.ok) return refuse('invalid', p.message)
      // The street holds the case again: an escalation record left from a close by a district department
      // (rev 1.3) is cleared as deescalate clears it, so it cannot route a later rework upwards.
      return step({ to: 'accepted', patch: { ...BACK_TO_ACCEPTED, escalation: null }, note: p.value.reason })
    }
    case 'note': {
      const p = payloadOf('note', command)
      if (!p.ok) return refuse('invalid', p.message)
      const unitIds = ctx.actor.role === 'unit' && ctx.actorUnitId !== null ? [ctx.actorUnitId] : undefined
      return step({ to: status, patch: {}, note: p.value.text, unitIds })
    }
    case 'claim': {
      if (ctx.consoleId === null) return refuse('invalid', 'claim needs the console id of the caller')
      // Claims are advisory (protocol): a claim by another console is replaced, and the consoles warn first.
      return step({
        to: status,
        patch: { claimedBy: { consoleId: ctx.consoleId, userId: ctx.actor.id, name: ctx.actor.name, at: now.toISOString() } }
      })
    }
    case 'release':
      return step({ to: status, patch: { claimedBy: null } })
    default:
      return refuse('invalid', `${command.type} is not an incident command`)
  }
}
