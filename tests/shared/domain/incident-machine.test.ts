// The incident state machine: every status × command, every role, each transition's effects, the
// timeline bound, and that inputs are never mutated.
import { describe, expect, it } from 'vitest'
import {
  allowedCommands,
  applyIncidentCommand,
  createIncidentFromReport,
  type MachineContext,
  type MachineOutcome
} from '../../../src-shared/domain'
import type { Command, Incident, IncidentStatus, Role, TimelineEntry } from '../../../src-shared/protocol'
import { Incident as IncidentSchema, IncidentStatus as IncidentStatusSchema } from '../../../src-shared/protocol'
import type { IncidentCommandType } from '../../../src-shared/domain/transitions'
import { makeCommand, makeIncident } from '../../fixtures/entities'
import { beijing, bj, context, deepFreeze } from './helpers'

const iso = (local: string) => bj(local).toISOString()
const STATUSES = IncidentStatusSchema.options

type IncidentType = IncidentCommandType

const PAYLOADS: Record<IncidentType, Record<string, unknown>> = {
  accept: {},
  reject: { reason: '重复上报' },
  merge: { intoIncidentId: 'inc-2' },
  dispatch: { unitIds: ['u-san'] },
  sign: { unitId: 'u-san' },
  return: { unitId: 'u-san', reason: '不属本单位职责' },
  feedback: { unitId: 'u-san', note: '已清理完毕' },
  verify: { passed: true },
  escalate: { level: 'district', reasonCode: 'beyond_authority', reason: '需要执法权' },
  deescalate: { note: '退回街道处置' },
  suspend: { reason: '长期挂账' },
  resume: {},
  extend: { newDeadlineAt: iso('2026-11-25 17:00'), reason: '材料未到' },
  urge: { note: '请尽快处置' },
  reopen: { reason: '问题复发' },
  note: { text: '电话回访' },
  claim: {},
  release: {}
}
const TYPES = Object.keys(PAYLOADS) as IncidentType[]

/** The command table of docs/protocol.md, written out by hand (not derived from the code under test). */
const LEGAL: Record<IncidentStatus, IncidentType[]> = {
  reported: ['accept', 'reject', 'merge', 'escalate', 'suspend', 'urge', 'note', 'claim', 'release'],
  accepted: ['merge', 'dispatch', 'escalate', 'suspend', 'urge', 'note', 'claim', 'release'],
  dispatched: ['sign', 'return', 'escalate', 'suspend', 'extend', 'urge', 'note', 'claim', 'release'],
  in_progress: ['return', 'feedback', 'escalate', 'suspend', 'extend', 'urge', 'note', 'claim', 'release'],
  resolved: ['verify', 'escalate', 'suspend', 'urge', 'note', 'claim', 'release'],
  // Rev 1.3: feedback from escalated, by the department the case went to (see UNIT_ONLY).
  escalated: ['deescalate', 'feedback', 'suspend', 'urge', 'note', 'claim', 'release'],
  suspended: ['escalate', 'resume', 'urge', 'note', 'claim', 'release'],
  closed: ['reopen', 'note', 'release'],
  rejected: ['reopen', 'note', 'release'],
  merged: ['note', 'release']
}

/** Rows only a unit-role caller may take (rev 1.3): the district department's feedback. */
const UNIT_ONLY: Partial<Record<IncidentStatus, IncidentType[]>> = { escalated: ['feedback'] }

/** The department the test cases are escalated to. */
const DEPT = 'u-police'

const DISPATCHER: IncidentType[] = ['accept', 'reject', 'merge', 'dispatch', 'verify', 'escalate', 'urge', 'note', 'claim', 'release', 'sign', 'return', 'feedback']
const ROLES: Record<Role, IncidentType[]> = {
  viewer: [],
  dispatcher: DISPATCHER,
  lead: [...DISPATCHER, 'suspend', 'resume', 'extend', 'reopen'],
  district: ['deescalate', 'note'],
  unit: ['sign', 'return', 'feedback', 'note'],
  admin: TYPES
}

const reportEntry: TimelineEntry = {
  at: iso('2026-11-23 08:00'),
  actor: { id: 'gw-1', name: '张伟', role: 'unit' },
  action: 'report',
  to: 'reported'
}

/** A valid case in the given status, as the machine would have left it. */
function caseIn(status: IncidentStatus, overrides: Partial<Incident> = {}): Incident {
  const held = ['dispatched', 'in_progress', 'resolved', 'closed', 'escalated', 'suspended'].includes(status)
  return makeIncident({
    status,
    assignees: held ? ['u-san'] : [],
    deadlineAt: held ? iso('2026-11-23 15:00') : null,
    pausedAt: status === 'suspended' ? iso('2026-11-23 08:45') : null,
    escalation:
      status === 'escalated'
        ? { level: 'department', targetUnitId: DEPT, reasonCode: 'beyond_authority', reason: '需执法权', at: iso('2026-11-23 08:40') }
        : null,
    mergedInto: status === 'merged' ? 'inc-9' : null,
    timeline:
      status === 'suspended'
        ? [reportEntry, { at: iso('2026-11-23 08:45'), actor: { id: 'lead-1', name: '值班长', role: 'lead' }, action: 'suspend', from: 'in_progress', to: 'suspended' }]
        : [reportEntry],
    ...overrides
  })
}

const target = makeIncident({ id: 'inc-2', code: 'DC20261123-0002', status: 'accepted' })

function ctxFor(role: Role, more: Partial<MachineContext> = {}): MachineContext {
  return context({
    role,
    actorUnitId: role === 'unit' ? 'u-san' : null,
    getIncident: (id) => (id === target.id ? target : undefined),
    ...more
  })
}

function cmd(type: IncidentType, payload: Record<string, unknown> = PAYLOADS[type], more: Partial<Command> = {}): Command {
  return makeCommand({ type, payload, incidentId: 'inc-1', ...more })
}

function ok(outcome: MachineOutcome): Incident {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.code}: ${outcome.message}`)
  return outcome.incident
}

function errorOf(outcome: MachineOutcome): string {
  return outcome.ok ? 'ok' : outcome.code
}

/** The caller that may take a row: admin for most, the escalation's department for a unit-only row. */
function rowCaller(status: IncidentStatus, type: IncidentType): { ctx: MachineContext; command: Command } {
  if (UNIT_ONLY[status]?.includes(type)) {
    return { ctx: ctxFor('unit', { actorUnitId: DEPT }), command: cmd(type, { unitId: DEPT, note: '已查处' }) }
  }
  return { ctx: ctxFor('admin'), command: cmd(type) }
}

describe('the command table: every status × command type', () => {
  for (const status of STATUSES) {
    it(`from ${status} exactly ${LEGAL[status].join(', ')} are legal`, () => {
      const legal: string[] = []
      for (const type of TYPES) {
        const { ctx, command } = rowCaller(status, type)
        const outcome = applyIncidentCommand(caseIn(status), command, ctx)
        if (outcome.ok) legal.push(type)
        else expect(outcome.code, `${type} from ${status}: ${outcome.message}`).toBe('illegal_transition')
      }
      expect(legal.sort()).toEqual([...LEGAL[status]].sort())
    })
  }

  it('allowedCommands is the table narrowed by role', () => {
    for (const status of STATUSES) {
      for (const role of Object.keys(ROLES) as Role[]) {
        const expected = LEGAL[status].filter((t) => ROLES[role].includes(t) && (role === 'unit' || !UNIT_ONLY[status]?.includes(t)))
        expect(allowedCommands(status, role).sort(), `${role} on ${status}`).toEqual(expected.sort())
      }
    }
    expect(allowedCommands('escalated', 'district').sort()).toEqual(['deescalate', 'note'])
    // The console's seats never feed back for a district department; the department (a unit) may.
    expect(allowedCommands('escalated', 'dispatcher')).not.toContain('feedback')
    expect(allowedCommands('escalated', 'lead')).not.toContain('feedback')
    expect(allowedCommands('escalated', 'unit').sort()).toEqual(['feedback', 'note'])
    expect(allowedCommands('dispatched', 'viewer')).toEqual([])
    expect(allowedCommands('suspended', 'dispatcher')).not.toContain('resume')
    expect(allowedCommands('suspended', 'lead')).toContain('resume')
  })
})

describe('roles', () => {
  for (const role of Object.keys(ROLES) as Role[]) {
    it(`${role} may issue exactly its commands`, () => {
      for (const type of TYPES) {
        const status = STATUSES.find((s) => LEGAL[s].includes(type)) ?? 'reported'
        const outcome = applyIncidentCommand(caseIn(status), cmd(type), ctxFor(role))
        if (ROLES[role].includes(type)) expect(errorOf(outcome), `${role} ${type}`).toBe('ok')
        else expect(errorOf(outcome), `${role} ${type}`).toBe('forbidden')
      }
    })
  }

  it('a role is refused before the state is looked at', () => {
    expect(errorOf(applyIncidentCommand(caseIn('closed'), cmd('accept'), ctxFor('viewer')))).toBe('forbidden')
  })

  it('a unit acts only for itself and only on its own cases', () => {
    const mine = caseIn('dispatched')
    expect(errorOf(applyIncidentCommand(mine, cmd('sign', { unitId: 'u-law' }), ctxFor('unit')))).toBe('forbidden')
    const other = caseIn('dispatched', { assignees: ['u-law'] })
    expect(errorOf(applyIncidentCommand(other, cmd('sign', { unitId: 'u-san' }), ctxFor('unit')))).toBe('forbidden')
    const anonymous = ctxFor('unit', { actorUnitId: null })
    expect(errorOf(applyIncidentCommand(mine, cmd('sign'), anonymous))).toBe('forbidden')
    expect(errorOf(applyIncidentCommand(caseIn('in_progress'), cmd('feedback', { unitId: 'u-law', note: 'x' }), ctxFor('unit')))).toBe('forbidden')
    expect(errorOf(applyIncidentCommand(caseIn('in_progress'), cmd('return', { unitId: 'u-law', reason: 'x' }), ctxFor('unit')))).toBe('forbidden')
  })

  it('a dispatcher signs on behalf of an assigned unit only (代签收)', () => {
    const signed = ok(applyIncidentCommand(caseIn('dispatched'), cmd('sign'), ctxFor('dispatcher')))
    expect(signed.status).toBe('in_progress')
    expect(signed.timeline.at(-1)?.note).toContain('on behalf of u-san')
    expect(signed.timeline.at(-1)?.unitIds).toEqual(['u-san'])
    const outcome = applyIncidentCommand(caseIn('dispatched'), cmd('sign', { unitId: 'u-law' }), ctxFor('dispatcher'))
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' })
  })
})

describe('what each transition does', () => {
  const lead = ctxFor('lead')

  it('every change bumps version, stamps updatedAt, keeps seq and appends one entry', () => {
    const current = caseIn('reported', { version: 7, seq: 42 })
    const command = cmd('accept', { note: '属实' })
    const next = ok(applyIncidentCommand(current, command, lead))
    expect(next.version).toBe(8)
    expect(next.seq).toBe(42)
    expect(next.updatedAt).toBe(lead.now.toISOString())
    expect(next.timeline).toHaveLength(2)
    expect(next.timeline[1]).toEqual({
      at: lead.now.toISOString(),
      actor: lead.actor,
      action: 'accept',
      from: 'reported',
      to: 'accepted',
      note: '属实',
      commandId: command.commandId,
      // Rev 1.7: when the person issued it, next to when it was applied.
      issuedAt: command.issuedAt
    })
    expect(IncidentSchema.safeParse(next).success).toBe(true)
  })

  it('reject records the reason', () => {
    const next = ok(applyIncidentCommand(caseIn('reported'), cmd('reject'), lead))
    expect(next.status).toBe('rejected')
    expect(next.timeline.at(-1)?.note).toBe('重复上报')
  })

  it('merge needs an existing open target that is not the case itself', () => {
    const next = ok(applyIncidentCommand(caseIn('accepted'), cmd('merge'), lead))
    expect(next).toMatchObject({ status: 'merged', mergedInto: 'inc-2' })
    expect(applyIncidentCommand(caseIn('accepted'), cmd('merge', { intoIncidentId: 'inc-1' }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    expect(applyIncidentCommand(caseIn('accepted'), cmd('merge', { intoIncidentId: 'inc-404' }), lead)).toMatchObject({ ok: false, code: 'not_found' })
    const closedTarget = ctxFor('lead', { getIncident: () => ({ ...target, status: 'closed' }) })
    const outcome = applyIncidentCommand(caseIn('accepted'), cmd('merge'), closedTarget)
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' })
    expect(outcome.ok ? '' : outcome.message).toMatch(/open case/)
  })

  it('dispatch assigns units and computes the deadline on the calendar', () => {
    const next = ok(applyIncidentCommand(caseIn('accepted'), cmd('dispatch', { unitIds: ['u-san', 'u-gw'], instructions: '今日内' }), lead))
    expect(next.status).toBe('dispatched')
    expect(next.assignees).toEqual(['u-san', 'u-gw'])
    // 0102 = 4 working hours from Mon 09:00 → 09:00–12:00 + 13:30–14:30.
    expect(next.deadlineAt).toBe(iso('2026-11-23 14:30'))
    expect(next.timeline.at(-1)).toMatchObject({ note: '今日内', unitIds: ['u-san', 'u-gw'] })
  })

  it('dispatch takes an explicit future deadline', () => {
    const next = ok(applyIncidentCommand(caseIn('accepted'), cmd('dispatch', { unitIds: ['u-san'], deadlineAt: '2026-11-24T02:00:00+00:00' }), lead))
    expect(next.deadlineAt).toBe('2026-11-24T02:00:00.000Z')
  })

  it('dispatch refuses unknown, repeated and district units, past deadlines and unknown categories', () => {
    const accepted = caseIn('accepted')
    expect(applyIncidentCommand(accepted, cmd('dispatch', { unitIds: ['u-nobody'] }), lead)).toMatchObject({ ok: false, code: 'not_found' })
    expect(applyIncidentCommand(accepted, cmd('dispatch', { unitIds: ['u-san', 'u-san'] }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    expect(applyIncidentCommand(accepted, cmd('dispatch', { unitIds: ['u-police'] }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    expect(applyIncidentCommand(accepted, cmd('dispatch', { unitIds: ['u-san'], deadlineAt: iso('2026-11-23 08:59') }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    expect(applyIncidentCommand(accepted, cmd('dispatch', { unitIds: [] }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    const unknownCategory = caseIn('accepted', { categoryCode: '9999' })
    const outcome = applyIncidentCommand(unknownCategory, cmd('dispatch'), lead)
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' })
    expect(outcome.ok ? '' : outcome.message).toMatch(/unknown category 9999/)
  })

  it('urgent cases get a wall-clock deadline', () => {
    const night = ctxFor('lead', { now: bj('2026-11-22 03:00') })
    const gas = caseIn('accepted', { categoryCode: '0403', urgency: 'urgent' })
    expect(ok(applyIncidentCommand(gas, cmd('dispatch'), night)).deadlineAt).toBe(iso('2026-11-22 03:30'))
  })

  it('return counts a bounce and frees the case', () => {
    const next = ok(applyIncidentCommand(caseIn('in_progress'), cmd('return'), ctxFor('unit')))
    expect(next).toMatchObject({ status: 'accepted', assignees: [], deadlineAt: null })
    expect(next.counters.returns).toBe(1)
    expect(next.timeline.at(-1)).toMatchObject({ note: '不属本单位职责', unitIds: ['u-san'] })
  })

  it('feedback resolves, verify closes', () => {
    const resolved = ok(applyIncidentCommand(caseIn('in_progress'), cmd('feedback'), ctxFor('unit')))
    expect(resolved.status).toBe('resolved')
    const closed = ok(applyIncidentCommand(resolved, cmd('verify', { passed: true, note: '核查通过' }), lead))
    expect(closed.status).toBe('closed')
    expect(closed.counters.reworks).toBe(0)
  })

  it('a failed verification is rework: back to dispatched with a fresh deadline', () => {
    const later = ctxFor('dispatcher', { now: bj('2026-11-23 16:00') })
    const next = ok(applyIncidentCommand(caseIn('resolved'), cmd('verify', { passed: false, note: '未清理干净' }), later))
    expect(next.status).toBe('dispatched')
    expect(next.assignees).toEqual(['u-san'])
    expect(next.counters.reworks).toBe(1)
    expect(next.deadlineAt).toBe(iso('2026-11-24 11:00'))
  })

  it('escalate records the escalation; the target unit must exist', () => {
    const next = ok(applyIncidentCommand(caseIn('dispatched'), cmd('escalate', { level: 'department', targetUnitId: 'u-police', reasonCode: 'overdue', reason: '超期' }), lead))
    expect(next.status).toBe('escalated')
    expect(next.escalation).toEqual({ level: 'department', targetUnitId: 'u-police', reasonCode: 'overdue', reason: '超期', at: lead.now.toISOString() })
    const missing = applyIncidentCommand(caseIn('dispatched'), cmd('escalate', { level: 'department', targetUnitId: 'u-x', reasonCode: 'overdue', reason: '超期' }), lead)
    expect(missing).toMatchObject({ ok: false, code: 'not_found' })
  })

  it('escalating a suspended case restarts its clock', () => {
    const resumedAt = ctxFor('lead', { now: bj('2026-11-23 10:45') })
    const next = ok(applyIncidentCommand(caseIn('suspended'), cmd('escalate'), resumedAt))
    expect(next.pausedAt).toBeNull()
    // Paused 08:45–10:45 = 2 working hours: 15:00 → 17:00.
    expect(next.deadlineAt).toBe(iso('2026-11-23 17:00'))
  })

  it('deescalate sends the case back to accepted without the escalation', () => {
    const next = ok(applyIncidentCommand(caseIn('escalated'), cmd('deescalate'), ctxFor('district')))
    expect(next).toMatchObject({ status: 'accepted', escalation: null, assignees: [], deadlineAt: null })
  })

  it('suspend pauses; resume restores the prior state and pushes the deadline by the paused working time', () => {
    const suspended = ok(applyIncidentCommand(caseIn('in_progress'), cmd('suspend'), ctxFor('lead', { now: bj('2026-11-23 11:00') })))
    expect(suspended).toMatchObject({ status: 'suspended', pausedAt: iso('2026-11-23 11:00'), deadlineAt: iso('2026-11-23 15:00') })
    const resumed = ok(applyIncidentCommand(suspended, cmd('resume'), ctxFor('lead', { now: bj('2026-11-24 09:00') })))
    expect(resumed.status).toBe('in_progress')
    expect(resumed.pausedAt).toBeNull()
    // Paused Mon 11:00 → Tue 09:00 = 1 + 4 + 0.5 = 5.5 working hours.
    // 15:00 Mon + 5.5 wh: 15:00–17:30 (2.5) then Tue 08:30–11:30 (3) → Tue 11:30.
    expect(resumed.deadlineAt).toBe(iso('2026-11-24 11:30'))
    expect(resumed.timeline.at(-1)).toMatchObject({ action: 'resume', from: 'suspended', to: 'in_progress' })
  })

  it('resume uses the latest suspension when a case was suspended several times', () => {
    let c = caseIn('reported')
    const at = (t: string) => ctxFor('lead', { now: bj(t) })
    c = ok(applyIncidentCommand(c, cmd('suspend'), at('2026-11-23 09:00')))
    c = ok(applyIncidentCommand(c, cmd('resume'), at('2026-11-23 09:10')))
    expect(c.status).toBe('reported')
    c = ok(applyIncidentCommand(c, cmd('accept'), at('2026-11-23 09:20')))
    c = ok(applyIncidentCommand(c, cmd('suspend'), at('2026-11-23 09:30')))
    c = ok(applyIncidentCommand(c, cmd('resume'), at('2026-11-23 09:40')))
    expect(c.status).toBe('accepted')
  })

  it('resume falls back to accepted when the suspend entry is gone', () => {
    const orphan = caseIn('suspended', { timeline: [reportEntry] })
    expect(ok(applyIncidentCommand(orphan, cmd('resume'), lead)).status).toBe('accepted')
  })

  it('extend moves the deadline later and counts; refuses past, shorter or missing deadlines', () => {
    const next = ok(applyIncidentCommand(caseIn('dispatched'), cmd('extend'), lead))
    expect(next.deadlineAt).toBe(iso('2026-11-25 17:00'))
    expect(next.counters.extensions).toBe(1)
    expect(next.status).toBe('dispatched')
    const past = applyIncidentCommand(caseIn('dispatched'), cmd('extend', { newDeadlineAt: iso('2026-11-23 08:00'), reason: 'x' }), lead)
    expect(past).toMatchObject({ ok: false, code: 'invalid' })
    const shorter = applyIncidentCommand(caseIn('dispatched'), cmd('extend', { newDeadlineAt: iso('2026-11-23 14:00'), reason: 'x' }), lead)
    expect(shorter).toMatchObject({ ok: false, code: 'invalid' })
    const none = applyIncidentCommand(caseIn('dispatched', { deadlineAt: null }), cmd('extend'), lead)
    expect(none).toMatchObject({ ok: false, code: 'invalid' })
  })

  it('urge counts and leaves the status alone', () => {
    const next = ok(applyIncidentCommand(caseIn('in_progress'), cmd('urge'), lead))
    expect(next.status).toBe('in_progress')
    expect(next.counters.urges).toBe(1)
    expect(ok(applyIncidentCommand(next, cmd('urge'), lead)).counters.urges).toBe(2)
  })

  it('reopen brings a closed case back to accepted, unassigned', () => {
    const next = ok(applyIncidentCommand(caseIn('closed'), cmd('reopen'), lead))
    expect(next).toMatchObject({ status: 'accepted', assignees: [], deadlineAt: null })
  })

  it('note leaves the case as it is but the log', () => {
    const current = caseIn('closed')
    const next = ok(applyIncidentCommand(current, cmd('note'), ctxFor('unit')))
    expect({ ...next, version: current.version, updatedAt: current.updatedAt, timeline: current.timeline }).toEqual(current)
    expect(next.timeline.at(-1)).toMatchObject({ action: 'note', from: 'closed', to: 'closed', note: '电话回访', unitIds: ['u-san'] })
  })

  it('claim sets claimedBy from the caller; release clears it; claim needs a console', () => {
    const claimed = ok(applyIncidentCommand(caseIn('accepted'), cmd('claim'), lead))
    expect(claimed.claimedBy).toEqual({ consoleId: 'console-1', userId: 'user-1', name: '王调度', at: lead.now.toISOString() })
    expect(ok(applyIncidentCommand(claimed, cmd('release'), lead)).claimedBy).toBeNull()
    const noConsole = applyIncidentCommand(caseIn('accepted'), cmd('claim'), ctxFor('lead', { consoleId: null }))
    expect(noConsole).toMatchObject({ ok: false, code: 'invalid' })
  })

  it('a whole loop with one rework', () => {
    let c = caseIn('reported')
    const d = ctxFor('dispatcher')
    const u = ctxFor('unit')
    for (const [type, ctx] of [
      ['accept', d],
      ['dispatch', d],
      ['sign', u],
      ['feedback', u]
    ] as const) c = ok(applyIncidentCommand(c, cmd(type), ctx))
    c = ok(applyIncidentCommand(c, cmd('verify', { passed: false }), d))
    for (const type of ['sign', 'feedback'] as const) c = ok(applyIncidentCommand(c, cmd(type), u))
    c = ok(applyIncidentCommand(c, cmd('verify', { passed: true }), d))
    expect(c.status).toBe('closed')
    expect(c.version).toBe(9)
    expect(c.counters).toEqual({ returns: 0, reworks: 1, urges: 0, extensions: 0 })
    expect(c.timeline.map((e) => e.to)).toEqual(['reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'dispatched', 'in_progress', 'resolved', 'closed'])
  })
})

describe('bad input loses nothing', () => {
  const lead = ctxFor('lead')

  it('never mutates the current record, even on success', () => {
    for (const status of STATUSES) {
      for (const type of LEGAL[status]) {
        const current = deepFreeze(caseIn(status))
        const copy = structuredClone(current)
        applyIncidentCommand(current, cmd(type), ctxFor('admin'))
        expect(current).toEqual(copy)
      }
    }
  })

  it('refuses a payload that does not match its type', () => {
    const outcome = applyIncidentCommand(caseIn('reported'), cmd('reject', { reason: '   ' }), lead)
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' })
  })

  it('refuses a command for another case or one that is not an incident command', () => {
    expect(applyIncidentCommand(caseIn('reported'), cmd('accept', {}, { incidentId: 'inc-77' }), lead)).toMatchObject({ ok: false, code: 'invalid' })
    expect(applyIncidentCommand(caseIn('reported'), makeCommand({ type: 'report', payload: {} }), lead)).toMatchObject({ ok: false, code: 'invalid' })
  })

  it('a broken calendar refuses the command instead of throwing', () => {
    const broken = ctxFor('lead', { calendar: { ...beijing, periods: [{ start: '18:00', end: '09:00' }] } })
    const outcome = applyIncidentCommand(caseIn('accepted'), cmd('dispatch'), broken)
    expect(outcome).toMatchObject({ ok: false, code: 'invalid' })
    expect(outcome.ok ? '' : outcome.message).toMatch(/working calendar/)
  })

  it('keeps the timeline within 500 entries: the first stays, the oldest after it go', () => {
    const entries: TimelineEntry[] = [reportEntry]
    for (let i = 1; i < 500; i++) {
      entries.push({ at: iso('2026-11-23 08:30'), actor: { id: 'x', name: 'x', role: 'dispatcher' }, action: 'note', note: `n${i}` })
    }
    const next = ok(applyIncidentCommand(caseIn('accepted', { timeline: entries }), cmd('note', { text: 'newest' }), lead))
    expect(next.timeline).toHaveLength(500)
    expect(next.timeline[0]).toEqual(reportEntry)
    expect(next.timeline[1]?.note).toBe('n2')
    expect(next.timeline.at(-1)?.note).toBe('newest')
  })
})

describe('createIncidentFromReport', () => {
  const draft = {
    categoryCode: '0102',
    urgency: 'normal',
    source: 'grid_worker',
    title: '暴露垃圾',
    description: '路口垃圾成堆',
    address: '东四北大街 12 号',
    location: { lng: 116.417, lat: 39.93 },
    reporter: { name: '李四', phone: '13812345678' },
    photoIds: ['p1']
  }
  const ids = { id: 'inc-100', code: 'DC20261123-0100', gridCode: '110101006001007' }

  it('builds a reported case, version 1, with a first timeline entry', () => {
    const command = makeCommand({ type: 'report', incidentId: undefined, payload: { draft } })
    const c = ok(createIncidentFromReport(command, ids, ctxFor('unit')))
    expect(c).toMatchObject({ id: 'inc-100', code: 'DC20261123-0100', gridCode: '110101006001007', status: 'reported', version: 1, seq: 0 })
    expect(c.reportedAt).toBe(iso('2026-11-23 09:00'))
    expect(c.reporter.phone).toBe('138****5678')
    expect(c.photos).toEqual([{ id: 'p1', url: 'photos/p1' }])
    expect(c.timeline).toEqual([
      { at: iso('2026-11-23 09:00'), actor: ctxFor('unit').actor, action: 'report', to: 'reported', commandId: command.commandId, unitIds: ['u-san'], issuedAt: command.issuedAt }
    ])
  })

  it('defaults the reporter to the caller and uses the hub photo url', () => {
    const { reporter: _r, ...noReporter } = draft
    const command = makeCommand({ type: 'report', incidentId: undefined, payload: { draft: noReporter } })
    const c = ok(createIncidentFromReport(command, { ...ids, photoUrl: (id) => ({ url: `/p/${id}`, thumbUrl: `/t/${id}` }) }, ctxFor('dispatcher')))
    expect(c.reporter).toEqual({ id: 'user-1', name: '王调度' })
    expect(c.photos).toEqual([{ id: 'p1', url: '/p/p1', thumbUrl: '/t/p1' }])
  })

  it('refuses viewers and the district, unknown categories, bad drafts and other types', () => {
    const command = makeCommand({ type: 'report', incidentId: undefined, payload: { draft } })
    expect(createIncidentFromReport(command, ids, ctxFor('viewer'))).toMatchObject({ ok: false, code: 'forbidden' })
    expect(createIncidentFromReport(command, ids, ctxFor('district'))).toMatchObject({ ok: false, code: 'forbidden' })
    const unknown = makeCommand({ type: 'report', payload: { draft: { ...draft, categoryCode: '9999' } } })
    expect(createIncidentFromReport(unknown, ids, ctxFor('lead'))).toMatchObject({ ok: false, code: 'invalid' })
    const bad = makeCommand({ type: 'report', payload: { draft: { ...draft, title: '' } } })
    expect(createIncidentFromReport(bad, ids, ctxFor('lead'))).toMatchObject({ ok: false, code: 'invalid' })
    expect(createIncidentFromReport(makeCommand({ type: 'accept' }), ids, ctxFor('lead'))).toMatchObject({ ok: false, code: 'invalid' })
    const badGrid = createIncidentFromReport(command, { ...ids, gridCode: '123' }, ctxFor('lead'))
    expect(badGrid).toMatchObject({ ok: false, code: 'invalid' })
  })
})
