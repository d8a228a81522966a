// Protocol rev 1.3: the district department a case was escalated to reports its result (feedback on an
// escalated case); the street verifies it (close, or rework back to the department); metrics still count
// the case as escalated.
import { describe, expect, it } from 'vitest'
import {
  applyIncidentCommand,
  computeMetrics,
  computeMetricsReport,
  isOverdue,
  isSettledAbove,
  type MachineContext,
  type MachineOutcome
} from '../../../src-shared/domain'
import type { Command, Incident, IncidentStatus, Role } from '../../../src-shared/protocol'
import { makeCommand, makeIncident } from '../../fixtures/entities'
import { bj, context } from './helpers'

const iso = (local: string) => bj(local).toISOString()
/** The district department in the helpers' units (kind district_dept). */
const DEPT = 'u-police'

function ok(outcome: MachineOutcome): Incident {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.code}: ${outcome.message}`)
  return outcome.incident
}

function code(outcome: MachineOutcome): string {
  return outcome.ok ? 'ok' : outcome.code
}

function cmd(type: Command['type'], payload: Record<string, unknown>): Command {
  return makeCommand({ type, payload, incidentId: 'inc-1' })
}

const at = (local: string, role: Role, more: Partial<MachineContext> = {}): MachineContext =>
  context({ role, now: bj(local), ...more })
/** The department itself: a unit-role caller acting as DEPT (a bound token, or the gateway naming it). */
const dept = (local = '2026-11-23 11:00') => at(local, 'unit', { actorUnitId: DEPT })
const dispatcher = (local = '2026-11-23 14:00') => at(local, 'dispatcher')
const feedback = (unitId = DEPT, note = '已立案查处，责令当事人整改完毕。') => cmd('feedback', { unitId, note })

/** A case the street dispatched to u-san, then escalated to `target` (null: the district, no department) at 10:00. */
function escalatedCase(target: string | null = DEPT): Incident {
  const d = at('2026-11-23 09:00', 'dispatcher')
  let c = makeIncident({ timeline: [{ at: iso('2026-11-23 08:00'), actor: { id: 'gw', name: '网格员', role: 'unit' }, action: 'report', to: 'reported' }] })
  c = ok(applyIncidentCommand(c, cmd('accept', {}), d))
  c = ok(applyIncidentCommand(c, cmd('dispatch', { unitIds: ['u-san'] }), d))
  return ok(
    applyIncidentCommand(
      c,
      cmd('escalate', {
        level: target === null ? 'district' : 'department',
        ...(target !== null ? { targetUnitId: target } : {}),
        reasonCode: 'beyond_authority',
        reason: '无执法权'
      }),
      at('2026-11-23 10:00', 'dispatcher')
    )
  )
}

describe('feedback on an escalated case (rev 1.3)', () => {
  it('the department the case went to resolves it, with one timeline entry naming it', () => {
    const before = escalatedCase()
    const ctx = dept()
    const command = feedback()
    const after = ok(applyIncidentCommand(before, command, ctx))
    expect(after.status).toBe('resolved')
    expect(after.version).toBe(before.version + 1)
    expect(after.timeline).toHaveLength(before.timeline.length + 1)
    expect(after.timeline.at(-1)).toEqual({
      at: ctx.now.toISOString(),
      actor: ctx.actor,
      action: 'feedback',
      from: 'escalated',
      to: 'resolved',
      note: '已立案查处，责令当事人整改完毕。',
      commandId: command.commandId,
      unitIds: [DEPT],
      issuedAt: command.issuedAt
    })
    // The record of where it was settled stays for the verifying dispatcher; nothing else moves.
    expect(after.escalation).toEqual(before.escalation)
    expect(after.assignees).toEqual(before.assignees)
    expect(after.deadlineAt).toBe(before.deadlineAt)
    expect(isSettledAbove(after)).toBe(true)
    expect(isOverdue(after, bj('2026-12-31 00:00'))).toBe(false)
  })

  it('is refused for any other unit, even the street unit that held the case', () => {
    const c = escalatedCase()
    // The street's own assignee, acting for itself.
    expect(code(applyIncidentCommand(c, feedback('u-san'), at('2026-11-23 11:00', 'unit', { actorUnitId: 'u-san' })))).toBe('forbidden')
    // Another unit naming itself.
    expect(code(applyIncidentCommand(c, feedback('u-law'), at('2026-11-23 11:00', 'unit', { actorUnitId: 'u-law' })))).toBe('forbidden')
    // A caller bound to one unit naming the department.
    expect(code(applyIncidentCommand(c, feedback(DEPT), at('2026-11-23 11:00', 'unit', { actorUnitId: 'u-law' })))).toBe('forbidden')
    // The department naming another unit.
    expect(code(applyIncidentCommand(c, feedback('u-san'), dept()))).toBe('forbidden')
    // A unit caller that does not say which unit it is.
    expect(code(applyIncidentCommand(c, feedback(), at('2026-11-23 11:00', 'unit', { actorUnitId: null })))).toBe('forbidden')
  })

  it('is refused to the street and the district seats: nobody feeds back on a department’s behalf', () => {
    const c = escalatedCase()
    for (const role of ['dispatcher', 'lead', 'admin', 'district', 'viewer'] as const) {
      expect(code(applyIncidentCommand(c, feedback(), at('2026-11-23 11:00', role))), role).toBe('forbidden')
    }
  })

  it('is refused when the escalation names no department', () => {
    const outcome = applyIncidentCommand(escalatedCase(null), feedback(), dept())
    expect(outcome).toMatchObject({ ok: false, code: 'forbidden' })
    expect(outcome.ok ? '' : outcome.message).toMatch(/names no department/)
  })

  it('is refused from every other state as before', () => {
    const others: IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'resolved', 'closed', 'rejected', 'merged', 'suspended']
    for (const status of others) {
      const c = makeIncident({
        status,
        escalation: { level: 'department', targetUnitId: DEPT, reasonCode: 'other', reason: '上报', at: iso('2026-11-23 08:30') }
      })
      expect(code(applyIncidentCommand(c, feedback(), dept())), status).toBe('illegal_transition')
    }
    // In progress it stays the assigned unit's step: the department is not assigned.
    const held = makeIncident({ status: 'in_progress', assignees: ['u-san'], deadlineAt: iso('2026-11-23 15:00') })
    expect(code(applyIncidentCommand(held, feedback(), dept()))).toBe('forbidden')
  })

  it('refuses a bad payload and changes nothing', () => {
    const c = escalatedCase()
    const copy = structuredClone(c)
    expect(code(applyIncidentCommand(c, cmd('feedback', { unitId: DEPT, note: '' }), dept()))).toBe('invalid')
    expect(code(applyIncidentCommand(c, cmd('feedback', { note: '无单位' }), dept()))).toBe('invalid')
    expect(c).toEqual(copy)
  })
})

describe('the street verifies a case the district settled', () => {
  it('verify closes it; the close concerns the department', () => {
    const resolved = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    const closed = ok(applyIncidentCommand(resolved, cmd('verify', { passed: true, note: '核查通过' }), dispatcher()))
    expect(closed.status).toBe('closed')
    expect(closed.counters.reworks).toBe(0)
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'verify', from: 'resolved', to: 'closed', unitIds: [DEPT] })
    expect(closed.timeline.map((e) => e.to)).toEqual(['reported', 'accepted', 'dispatched', 'escalated', 'resolved', 'closed'])
  })

  it('rework goes back to the same department, escalated, with a fresh deadline, counted', () => {
    const resolved = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    const reworked = ok(applyIncidentCommand(resolved, cmd('verify', { passed: false, note: '现场仍有问题' }), dispatcher('2026-11-23 16:00')))
    expect(reworked.status).toBe('escalated')
    expect(reworked.escalation).toEqual(resolved.escalation)
    expect(reworked.counters.reworks).toBe(1)
    // 0102 = 4 working hours from Mon 16:00: 16:00–17:30 then Tue 08:30–11:00.
    expect(reworked.deadlineAt).toBe(iso('2026-11-24 11:00'))
    expect(reworked.timeline.at(-1)).toMatchObject({ action: 'verify', from: 'resolved', to: 'escalated', note: '现场仍有问题', unitIds: [DEPT] })
    // The department reports again; the second verification closes it.
    const again = ok(applyIncidentCommand(reworked, feedback(DEPT, '已复查整改到位。'), dept('2026-11-24 09:00')))
    expect(again.status).toBe('resolved')
    const closed = ok(applyIncidentCommand(again, cmd('verify', { passed: true }), dispatcher('2026-11-24 10:00')))
    expect(closed.status).toBe('closed')
    // The district may still send a reworked case back to the street instead.
    expect(ok(applyIncidentCommand(reworked, cmd('deescalate', { note: '退回街道' }), at('2026-11-24 09:00', 'district'))).status).toBe('accepted')
  })

  it('a suspension while it waits for verification keeps it settled above', () => {
    const resolved = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    const suspended = ok(applyIncidentCommand(resolved, cmd('suspend', { reason: '待复核' }), at('2026-11-23 12:00', 'lead')))
    const resumed = ok(applyIncidentCommand(suspended, cmd('resume', {}), at('2026-11-23 13:00', 'lead')))
    expect(resumed.status).toBe('resolved')
    expect(isSettledAbove(resumed)).toBe(true)
    expect(ok(applyIncidentCommand(resumed, cmd('verify', { passed: false }), dispatcher())).status).toBe('escalated')
  })

  it('reopen hands the case back to the street: a later rework goes to the street units again', () => {
    let c = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    c = ok(applyIncidentCommand(c, cmd('verify', { passed: true }), dispatcher()))
    c = ok(applyIncidentCommand(c, cmd('reopen', { reason: '问题复发' }), at('2026-11-23 15:00', 'lead')))
    expect(c).toMatchObject({ status: 'accepted', escalation: null, assignees: [], deadlineAt: null })
    const d = dispatcher('2026-11-23 15:10')
    const u = at('2026-11-23 15:20', 'unit', { actorUnitId: 'u-san' })
    c = ok(applyIncidentCommand(c, cmd('dispatch', { unitIds: ['u-san'] }), d))
    c = ok(applyIncidentCommand(c, cmd('sign', { unitId: 'u-san' }), u))
    c = ok(applyIncidentCommand(c, cmd('feedback', { unitId: 'u-san', note: '已清理' }), u))
    expect(isSettledAbove(c)).toBe(false)
    expect(ok(applyIncidentCommand(c, cmd('verify', { passed: false }), d)).status).toBe('dispatched')
  })
})

describe('metrics of a case the district settled', () => {
  const day = { from: bj('2026-11-23 00:00'), to: bj('2026-11-24 00:00') }

  it('closed, but not settled without escalation (事不出格率 counts it as escalated)', () => {
    const resolved = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    const closed = ok(applyIncidentCommand(resolved, cmd('verify', { passed: true }), dispatcher()))
    const m = computeMetrics([closed], day, day.to)
    expect(m.counts).toMatchObject({ closed: 1, settledWithoutEscalation: 0, reworked: 0 })
    expect(m.rates.settledWithoutEscalation).toBe(0)
    // The department's figures hold the close; the street unit it left holds none.
    const report = computeMetricsReport([closed], day, day.to)
    expect(report.byUnit[DEPT]?.counts.closed).toBe(1)
    expect(report.byUnit['u-san']?.counts.closed).toBe(0)
  })

  it('a rework back to the department counts as rework (返工率), for the department', () => {
    let c = ok(applyIncidentCommand(escalatedCase(), feedback(), dept()))
    c = ok(applyIncidentCommand(c, cmd('verify', { passed: false }), dispatcher('2026-11-23 12:00')))
    c = ok(applyIncidentCommand(c, feedback(), dept('2026-11-23 13:00')))
    c = ok(applyIncidentCommand(c, cmd('verify', { passed: true }), dispatcher('2026-11-23 14:00')))
    const m = computeMetrics([c], day, day.to)
    expect(m.counts).toMatchObject({ closed: 1, dueToClose: 1, reworked: 1, settledWithoutEscalation: 0 })
    expect(computeMetricsReport([c], day, day.to).byUnit[DEPT]?.counts).toMatchObject({ closed: 1, reworked: 1 })
  })
})
