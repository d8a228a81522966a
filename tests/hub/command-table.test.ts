// Every row of the protocol's command table over a real socket: legal from its state, refused with
// illegal_transition from a wrong one; and every role allowed or forbidden per the protocol's role column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Incident, type IncidentStatus } from '../../src-shared/protocol'
import { startTestHub, TEST_TOKENS, type TestHub, type TestTokens } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'
import { caseIn, run, WORKER } from './support/drive'

/** The district department of the fixture units (kind district_dept). */
const DEPT = 'u-gas'
/** A unit token bound to the grid worker: it acts only as that unit. */
const WORKER_TOKEN = 'test-worker-bound-token'

let t: TestHub
const consoles = {} as Record<keyof TestTokens, TestConsole>
let workerConsole: TestConsole

beforeAll(async () => {
  t = await startTestHub({
    tokens: [{ token: WORKER_TOKEN, user: { id: 'user-worker', name: '网格员', role: 'unit' }, streets: '*', unitId: WORKER }]
  })
  for (const role of Object.keys(TEST_TOKENS) as (keyof TestTokens)[]) {
    consoles[role] = await connectConsole(t.url, TEST_TOKENS[role])
  }
  workerConsole = await connectConsole(t.url, WORKER_TOKEN)
})
afterAll(async () => {
  for (const c of Object.values(consoles)) c.close()
  workerConsole.close()
  await t.stop()
})

/** Rev 1.3: a dispatched case escalated to the district department DEPT. */
async function escalatedToDept(): Promise<Incident> {
  const dispatched = await caseIn(t.hub, 'dispatched')
  return run(t.hub, TEST_TOKENS.dispatcher, 'escalate', dispatched, {
    level: 'department',
    targetUnitId: DEPT,
    reasonCode: 'beyond_authority',
    reason: '需区级部门执法'
  })
}

/** Rev 1.3: a case DEPT settled, waiting for the street's verification. */
async function settledByDept(): Promise<Incident> {
  return run(t.hub, TEST_TOKENS.unit, 'feedback', await escalatedToDept(), { unitId: DEPT, note: '已查处完毕' })
}

const future = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString()

interface Row {
  type: string
  from: IncidentStatus
  by: keyof TestTokens
  payload: () => Record<string, unknown> | Promise<Record<string, unknown>>
  to: IncidentStatus
  wrongFrom?: IncidentStatus
  check?: (after: Incident) => void
  /** Builds the starting case when `caseIn(from)` is not the right one (rev 1.3 rows). */
  setup?: () => Promise<Incident>
}

const ROWS: Row[] = [
  { type: 'accept', from: 'reported', by: 'dispatcher', payload: () => ({ note: '立案' }), to: 'accepted', wrongFrom: 'dispatched' },
  { type: 'reject', from: 'reported', by: 'dispatcher', payload: () => ({ reason: '不属实' }), to: 'rejected', wrongFrom: 'accepted' },
  {
    type: 'merge',
    from: 'reported',
    by: 'dispatcher',
    payload: async () => ({ intoIncidentId: (await caseIn(t.hub, 'accepted')).id }),
    to: 'merged',
    wrongFrom: 'dispatched',
    check: (after) => expect(after.mergedInto).toMatch(/^inc-/)
  },
  {
    type: 'dispatch',
    from: 'accepted',
    by: 'dispatcher',
    payload: () => ({ unitIds: [WORKER, 'u-san-110101001'] }),
    to: 'dispatched',
    wrongFrom: 'reported',
    check: (after) => {
      expect(after.assignees).toEqual([WORKER, 'u-san-110101001'])
      expect(after.deadlineAt).not.toBeNull()
    }
  },
  { type: 'sign', from: 'dispatched', by: 'unit', payload: () => ({ unitId: WORKER }), to: 'in_progress', wrongFrom: 'accepted' },
  {
    type: 'return',
    from: 'in_progress',
    by: 'unit',
    payload: () => ({ unitId: WORKER, reason: '不属于本单位职责' }),
    to: 'accepted',
    wrongFrom: 'resolved',
    check: (after) => expect(after.counters.returns).toBe(1)
  },
  { type: 'feedback', from: 'in_progress', by: 'unit', payload: () => ({ unitId: WORKER, note: '已处置' }), to: 'resolved', wrongFrom: 'dispatched' },
  { type: 'verify', from: 'resolved', by: 'dispatcher', payload: () => ({ passed: true }), to: 'closed', wrongFrom: 'in_progress' },
  {
    type: 'verify',
    from: 'resolved',
    by: 'dispatcher',
    payload: () => ({ passed: false, note: '未清理干净' }),
    to: 'dispatched',
    check: (after) => expect(after.counters.reworks).toBe(1)
  },
  {
    type: 'escalate',
    from: 'accepted',
    by: 'dispatcher',
    payload: () => ({ level: 'district', reasonCode: 'beyond_authority', reason: '需执法权' }),
    to: 'escalated',
    wrongFrom: 'closed',
    check: (after) => expect(after.escalation?.level).toBe('district')
  },
  {
    type: 'feedback',
    from: 'escalated',
    by: 'unit',
    setup: escalatedToDept,
    payload: () => ({ unitId: DEPT, note: '已立案查处' }),
    to: 'resolved',
    wrongFrom: 'accepted',
    check: (after) => {
      expect(after.timeline.at(-1)).toMatchObject({ from: 'escalated', to: 'resolved', unitIds: [DEPT], note: '已立案查处' })
      expect(after.escalation?.targetUnitId).toBe(DEPT)
    }
  },
  {
    type: 'verify',
    from: 'resolved',
    by: 'dispatcher',
    setup: settledByDept,
    payload: () => ({ passed: true }),
    to: 'closed',
    check: (after) => expect(after.timeline.at(-1)?.unitIds).toEqual([DEPT])
  },
  {
    type: 'verify',
    from: 'resolved',
    by: 'dispatcher',
    setup: settledByDept,
    payload: () => ({ passed: false, note: '整改不到位' }),
    to: 'escalated',
    check: (after) => {
      expect(after.counters.reworks).toBe(1)
      expect(after.escalation?.targetUnitId).toBe(DEPT)
      expect(after.deadlineAt).not.toBeNull()
    }
  },
  { type: 'deescalate', from: 'escalated', by: 'district', payload: () => ({ note: '退回街道处理' }), to: 'accepted', wrongFrom: 'accepted' },
  {
    type: 'suspend',
    from: 'accepted',
    by: 'lead',
    payload: () => ({ reason: '待拆迁' }),
    to: 'suspended',
    wrongFrom: 'closed',
    check: (after) => expect(after.pausedAt).not.toBeNull()
  },
  { type: 'resume', from: 'suspended', by: 'lead', payload: () => ({}), to: 'accepted', wrongFrom: 'accepted' },
  {
    type: 'extend',
    from: 'dispatched',
    by: 'lead',
    payload: () => ({ newDeadlineAt: future(), reason: '需协调' }),
    to: 'dispatched',
    wrongFrom: 'reported',
    check: (after) => expect(after.counters.extensions).toBe(1)
  },
  {
    type: 'urge',
    from: 'dispatched',
    by: 'dispatcher',
    payload: () => ({ note: '尽快处置' }),
    to: 'dispatched',
    wrongFrom: 'closed',
    check: (after) => expect(after.counters.urges).toBe(1)
  },
  { type: 'reopen', from: 'closed', by: 'lead', payload: () => ({ reason: '群众再次反映' }), to: 'accepted', wrongFrom: 'accepted' },
  { type: 'note', from: 'closed', by: 'district', payload: () => ({ text: '回访满意' }), to: 'closed' },
  {
    type: 'claim',
    from: 'reported',
    by: 'dispatcher',
    payload: () => ({}),
    to: 'reported',
    wrongFrom: 'closed',
    check: (after) => expect(after.claimedBy?.userId).toBe('user-dispatcher')
  },
  { type: 'release', from: 'accepted', by: 'lead', payload: () => ({}), to: 'accepted', check: (after) => expect(after.claimedBy).toBeNull() }
]

describe('command table: each row legal from its state', () => {
  for (const row of ROWS) {
    it(`${row.type} ${row.from} → ${row.to} by ${row.by}`, async () => {
      const before = row.setup ? await row.setup() : await caseIn(t.hub, row.from)
      expect(before.status).toBe(row.from)
      const answer = await consoles[row.by].command(row.type, { incidentId: before.id, expectedVersion: before.version }, await row.payload())
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`)
      const after = Incident.parse(answer.entity)
      expect(after.status).toBe(row.to)
      expect(after.version).toBe(before.version + 1)
      expect(answer.seq).toBe(after.seq)
      expect(after.timeline.at(-1)?.action).toBe(row.type)
      row.check?.(after)
      // The answer is what the store now holds.
      expect(await t.hub.store.getIncident(before.id)).toEqual(after)
    })
  }
})

describe('command table: each row refused from a wrong state', () => {
  for (const row of ROWS.filter((r) => r.wrongFrom !== undefined)) {
    it(`${row.type} from ${row.wrongFrom} is illegal_transition and changes nothing`, async () => {
      const before = await caseIn(t.hub, row.wrongFrom as IncidentStatus)
      const answer = await consoles[row.by].command(row.type, { incidentId: before.id }, await row.payload())
      expect(answer.ok).toBe(false)
      if (answer.ok) return
      expect(answer.error.code).toBe('illegal_transition')
      expect(await t.hub.store.getIncident(before.id)).toEqual(before)
    })
  }
})

describe('rev 1.3: feedback on an escalated case only from the department it went to', () => {
  const refusals: { name: string; by: () => TestConsole; unitId: string; setup: () => Promise<Incident> }[] = [
    { name: 'the field gateway naming the street unit that held it', by: () => consoles.unit, unitId: WORKER, setup: escalatedToDept },
    { name: 'a unit token bound to another unit naming the department', by: () => workerConsole, unitId: DEPT, setup: escalatedToDept },
    { name: 'a dispatcher on the department’s behalf', by: () => consoles.dispatcher, unitId: DEPT, setup: escalatedToDept },
    { name: 'a lead on the department’s behalf', by: () => consoles.lead, unitId: DEPT, setup: escalatedToDept },
    { name: 'the district', by: () => consoles.district, unitId: DEPT, setup: escalatedToDept },
    // caseIn escalates to the district with no department named: nobody may report a result.
    { name: 'anyone when the escalation names no department', by: () => consoles.unit, unitId: DEPT, setup: () => caseIn(t.hub, 'escalated') }
  ]
  for (const r of refusals) {
    it(`forbidden: ${r.name}; nothing changes`, async () => {
      const before = await r.setup()
      const answer = await r.by().command('feedback', { incidentId: before.id, expectedVersion: before.version }, { unitId: r.unitId, note: '已处置' })
      expect(answer.ok ? 'ok' : answer.error.code).toBe('forbidden')
      expect(await t.hub.store.getIncident(before.id)).toEqual(before)
    })
  }

  it('the department from any other state is illegal_transition, as before', async () => {
    for (const status of ['reported', 'dispatched', 'in_progress', 'resolved', 'closed', 'suspended'] as const) {
      const before = await caseIn(t.hub, status)
      const answer = await consoles.unit.command('feedback', { incidentId: before.id }, { unitId: DEPT, note: '已处置' })
      const expected = status === 'in_progress' ? 'forbidden' : 'illegal_transition' // in progress: not assigned to it
      expect(answer.ok ? 'ok' : answer.error.code, status).toBe(expected)
      expect(await t.hub.store.getIncident(before.id)).toEqual(before)
    }
  })

  it('a whole district loop: escalate, department result, rework back up, result again, close', async () => {
    let c = await escalatedToDept()
    c = await run(t.hub, TEST_TOKENS.unit, 'feedback', c, { unitId: DEPT, note: '已查处' })
    c = await run(t.hub, TEST_TOKENS.dispatcher, 'verify', c, { passed: false, note: '现场仍有问题' })
    expect(c.status).toBe('escalated')
    c = await run(t.hub, TEST_TOKENS.unit, 'feedback', c, { unitId: DEPT, note: '已复查整改' })
    c = await run(t.hub, TEST_TOKENS.dispatcher, 'verify', c, { passed: true })
    expect(c.status).toBe('closed')
    expect(c.timeline.map((e) => e.to).slice(-6)).toEqual(['dispatched', 'escalated', 'resolved', 'escalated', 'resolved', 'closed'])
    expect(await t.hub.store.getIncident(c.id)).toEqual(c)
  })
})

/** The protocol's role column, written out independently of the code under test. */
const ALLOWED: Record<string, (keyof TestTokens)[]> = {
  report: ['unit', 'dispatcher', 'lead'],
  accept: ['dispatcher', 'lead'],
  reject: ['dispatcher', 'lead'],
  merge: ['dispatcher', 'lead'],
  dispatch: ['dispatcher', 'lead'],
  sign: ['unit', 'dispatcher', 'lead'],
  return: ['unit', 'dispatcher', 'lead'],
  feedback: ['unit', 'dispatcher', 'lead'],
  verify: ['dispatcher', 'lead'],
  escalate: ['dispatcher', 'lead'],
  deescalate: ['district'],
  suspend: ['lead'],
  resume: ['lead'],
  extend: ['lead'],
  urge: ['dispatcher', 'lead'],
  reopen: ['lead'],
  note: ['dispatcher', 'lead', 'district', 'unit'],
  claim: ['dispatcher', 'lead'],
  release: ['dispatcher', 'lead'],
  'handover.submit': ['lead'],
  'handover.acknowledge': ['lead']
}

const VALID_PAYLOAD: Record<string, Record<string, unknown>> = {
  report: {
    draft: {
      categoryCode: '0102',
      urgency: 'normal',
      source: 'hotline',
      title: '角色测试',
      description: '',
      address: '测试',
      location: { lng: 116.4125, lat: 39.905 }
    }
  },
  accept: {},
  reject: { reason: 'r' },
  merge: { intoIncidentId: 'inc-nowhere-2' },
  dispatch: { unitIds: [WORKER] },
  sign: { unitId: WORKER },
  return: { unitId: WORKER, reason: 'r' },
  feedback: { unitId: WORKER, note: 'n' },
  verify: { passed: true },
  escalate: { level: 'district', reasonCode: 'other', reason: 'r' },
  deescalate: { note: 'n' },
  suspend: { reason: 'r' },
  resume: {},
  extend: { newDeadlineAt: '2099-01-01T00:00:00Z', reason: 'r' },
  urge: { note: 'n' },
  reopen: { reason: 'r' },
  note: { text: 't' },
  claim: {},
  release: {},
  'handover.submit': { shiftId: 'shift-1', summary: '交班', items: [] },
  'handover.acknowledge': {}
}

describe('roles: allowed and forbidden per the protocol', () => {
  const roles: (keyof TestTokens)[] = ['viewer', 'dispatcher', 'lead', 'district', 'unit']
  for (const [type, allowed] of Object.entries(ALLOWED)) {
    it(`${type}: ${allowed.join(', ')} allowed; others forbidden`, async () => {
      for (const role of roles) {
        // A missing target makes an allowed role's command fail later (not_found) without changing anything
        // — except report and handover.submit, which create and so really run.
        const answer = await consoles[role].command(
          type,
          { incidentId: 'inc-nowhere', handoverId: 'ho-nowhere' },
          VALID_PAYLOAD[type] ?? {}
        )
        const code = answer.ok ? 'ok' : answer.error.code
        if (allowed.includes(role)) expect(code, `${type} by ${role}`).not.toBe('forbidden')
        else expect(code, `${type} by ${role}`).toBe('forbidden')
      }
    })
  }
})
