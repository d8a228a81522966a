// Protocol v1 schemas accept good messages and refuse bad ones with a readable reason.
import { describe, expect, it } from 'vitest'
import {
  Change,
  ChangesMessage,
  Command,
  HandshakeAuth,
  Incident,
  parseChange,
  SyncAnswer,
  SyncRequest,
  Unit,
  Welcome
} from '../../../src-shared/protocol'
import { makeCommand, makeIncident, makeUnit } from '../../fixtures/entities'

describe('Incident', () => {
  it('accepts a valid incident and strips unknown fields', () => {
    const parsed = Incident.parse({ ...makeIncident(), futureField: 42 })
    expect(parsed.id).toBe('inc-1')
    expect('futureField' in parsed).toBe(false)
  })

  it.each([
    ['NaN longitude', { location: { lng: Number.NaN, lat: 39.9 } }],
    ['infinite latitude', { location: { lng: 116.4, lat: Number.POSITIVE_INFINITY } }],
    ['out-of-range latitude', { location: { lng: 116.4, lat: 91 } }],
    ['unknown status', { status: 'archived' }],
    ['unknown urgency', { urgency: 'critical' }],
    ['title over 120 chars', { title: 'x'.repeat(121) }],
    ['description over 4000 chars', { description: 'x'.repeat(4001) }],
    ['grid code of 14 digits', { gridCode: '11010100600100' }],
    ['bad date', { reportedAt: 'yesterday' }],
    ['id over 64 chars', { id: 'i'.repeat(65) }],
    ['version 0', { version: 0 }],
    ['negative seq', { seq: -1 }]
  ])('refuses %s', (_name, override) => {
    expect(Incident.safeParse(makeIncident(override as never)).success).toBe(false)
  })

  it('refuses a timeline over 500 entries', () => {
    const entry = makeIncident().timeline[0]!
    const timeline = Array.from({ length: 501 }, () => entry)
    expect(Incident.safeParse(makeIncident({ timeline })).success).toBe(false)
  })

  it('refuses a missing known field', () => {
    const { gridCode: _gridCode, ...rest } = makeIncident()
    expect(Incident.safeParse(rest).success).toBe(false)
  })
})

describe('Unit', () => {
  it('accepts a valid unit', () => {
    expect(Unit.safeParse(makeUnit()).success).toBe(true)
  })
  it('refuses an unknown kind', () => {
    expect(Unit.safeParse(makeUnit({ kind: 'police' as never })).success).toBe(false)
  })
})

describe('Change', () => {
  it('accepts an incident change whose id and version match its data', () => {
    const inc = makeIncident({ version: 3 })
    expect(Change.safeParse({ seq: 10, entity: 'incident', id: inc.id, version: 3, data: inc }).success).toBe(true)
  })

  it('accepts a deletion (data null)', () => {
    expect(Change.safeParse({ seq: 10, entity: 'unit', id: 'u-1', version: 2, data: null }).success).toBe(true)
  })

  it('refuses a change whose version disagrees with its data', () => {
    const inc = makeIncident({ version: 3 })
    const verdict = parseChange({ seq: 10, entity: 'incident', id: inc.id, version: 4, data: inc })
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) {
      expect(verdict.reason).toMatch(/id\/version/)
      expect(verdict.seq).toBe(10)
    }
  })

  it('refuses an unknown entity kind with the path in the reason', () => {
    const verdict = parseChange({ seq: 5, entity: 'camera', id: 'c', version: 1, data: null })
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.reason).toContain('entity')
  })

  it('a batch over 5000 changes is refused as a whole', () => {
    expect(ChangesMessage.safeParse({ changes: new Array(5001).fill(null) }).success).toBe(false)
    expect(ChangesMessage.safeParse({ changes: new Array(5000).fill(null) }).success).toBe(true)
  })
})

describe('Command', () => {
  it('accepts accept and dispatch', () => {
    expect(Command.safeParse(makeCommand()).success).toBe(true)
    const dispatch = makeCommand({ type: 'dispatch', payload: { unitIds: ['u-1', 'u-2'], instructions: '尽快' } })
    expect(Command.safeParse(dispatch).success).toBe(true)
  })

  it('refuses a dispatch with no units or more than five', () => {
    expect(Command.safeParse(makeCommand({ type: 'dispatch', payload: { unitIds: [] } })).success).toBe(false)
    const six = ['a', 'b', 'c', 'd', 'e', 'f']
    expect(Command.safeParse(makeCommand({ type: 'dispatch', payload: { unitIds: six } })).success).toBe(false)
  })

  it('refuses a commandId that is not a UUID', () => {
    expect(Command.safeParse(makeCommand({ commandId: 'cmd-1' })).success).toBe(false)
  })

  it('refuses an incident command without incidentId, naming the field', () => {
    const result = Command.safeParse(makeCommand({ incidentId: undefined }))
    expect(result.success).toBe(false)
    if (!result.success) expect(result.error.issues.some((i) => i.path.includes('incidentId'))).toBe(true)
  })

  it('refuses an escalation without a reason or with an unknown reason code', () => {
    const base = { level: 'district', reasonCode: 'beyond_authority', reason: '需执法' }
    expect(Command.safeParse(makeCommand({ type: 'escalate', payload: base })).success).toBe(true)
    expect(Command.safeParse(makeCommand({ type: 'escalate', payload: { ...base, reason: '  ' } })).success).toBe(false)
    expect(
      Command.safeParse(makeCommand({ type: 'escalate', payload: { ...base, reasonCode: 'bored' } })).success
    ).toBe(false)
  })

  it('refuses an unknown command type', () => {
    expect(Command.safeParse(makeCommand({ type: 'delete' as never })).success).toBe(false)
  })

  it('strips unknown payload keys', () => {
    const parsed = Command.parse(makeCommand({ payload: { note: 'ok', extra: 1 } }))
    expect(parsed.payload).toEqual({ note: 'ok' })
  })
})

describe('handshake and sync messages', () => {
  it('welcome', () => {
    const welcome = {
      protocol: 1,
      hubId: 'hub-1',
      serverTime: '2026-11-22T01:00:00Z',
      user: { id: 'u1', name: '李娜', role: 'dispatcher' },
      scope: { streets: ['110101001'] },
      headSeq: 10,
      minSeq: 0,
      referenceVersion: 'dc-1'
    }
    expect(Welcome.safeParse(welcome).success).toBe(true)
    expect(Welcome.safeParse({ ...welcome, protocol: 2 }).success).toBe(false)
    expect(Welcome.safeParse({ ...welcome, user: { ...welcome.user, role: 'boss' } }).success).toBe(false)
  })

  it('handshake auth', () => {
    expect(HandshakeAuth.safeParse({ token: 't', consoleId: 'c-1', lastSeq: 0, protocol: 1 }).success).toBe(true)
    expect(HandshakeAuth.safeParse({ token: '', consoleId: 'c-1', lastSeq: 0, protocol: 1 }).success).toBe(false)
  })

  it('sync request limits', () => {
    expect(SyncRequest.safeParse({ sinceSeq: 0, limit: 5000 }).success).toBe(true)
    expect(SyncRequest.safeParse({ sinceSeq: 0, limit: 5001 }).success).toBe(false)
    expect(SyncRequest.safeParse({ sinceSeq: -1, limit: 10 }).success).toBe(false)
  })

  it('sync answer, ok and error', () => {
    expect(SyncAnswer.safeParse({ ok: true, changes: [], headSeq: 3, more: false }).success).toBe(true)
    const err = { ok: false, error: { code: 'rate_limited', message: 'slow down' } }
    expect(SyncAnswer.safeParse(err).success).toBe(true)
    expect(SyncAnswer.safeParse({ ok: false, error: { code: 'oops', message: '' } }).success).toBe(false)
  })
})
