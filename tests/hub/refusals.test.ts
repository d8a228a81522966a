// Bad input is refused with its code while another connected console keeps being served: bad tokens,
// unknown protocol, invalid payloads, oversize messages, unknown events, rate limits, internal errors.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, connectRaw, expectConnectError, type TestConsole } from './support/client'

let t: TestHub | null = null
const open: TestConsole[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

async function hubWithBystander(hubOpts: Parameters<typeof startTestHub>[0] = {}): Promise<{ t: TestHub; other: TestConsole }> {
  t = await startTestHub(hubOpts)
  const other = await connectConsole(t.url, t.tokens.dispatcher)
  open.push(other)
  return { t, other }
}

/** The bystander can still read and write. */
async function stillServed(hub: TestHub, other: TestConsole): Promise<void> {
  const sync = await other.request<{ ok: boolean; headSeq: number }>('sync', { sinceSeq: 0, limit: 1 })
  expect(sync.ok).toBe(true)
  const reported = await other.command('report', {}, {
    draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: '仍可用', description: '', address: 'x', location: { lng: 116.4025, lat: 39.905 } }
  })
  expect(reported.ok).toBe(true)
  expect(await hub.hub.store.headSeq()).toBe(sync.headSeq + 1)
}

describe('handshake refusals', () => {
  it('refuses a bad token with unauthorized, an unknown protocol with protocol_unsupported', async () => {
    const { t, other } = await hubWithBystander()
    expect(await expectConnectError(t.url, 'no-such-token')).toBe('unauthorized')
    expect(await expectConnectError(t.url, '', { auth: {} })).toBe('unauthorized')
    expect(await expectConnectError(t.url, t.tokens.lead, { protocol: 2 })).toBe('protocol_unsupported')
    expect(await expectConnectError(t.url, t.tokens.lead, { auth: { token: t.tokens.lead, consoleId: 'c-1', lastSeq: 0 } })).toBe(
      'protocol_unsupported'
    )
    // A known token with a malformed rest of the handshake.
    expect(await expectConnectError(t.url, t.tokens.lead, { auth: { token: t.tokens.lead, protocol: 1, lastSeq: -1, consoleId: 'c' } })).toBe(
      'invalid'
    )
    await stillServed(t, other)
  })

  it('welcomes with the protocol fields and announces presence to everyone', async () => {
    const { t, other } = await hubWithBystander()
    const lead = await connectConsole(t.url, t.tokens.lead, { consoleId: 'c-lead-1' })
    open.push(lead)
    expect(lead.welcome).toMatchObject({
      protocol: 1,
      user: { id: 'user-lead', role: 'lead' },
      scope: { streets: ['110101001', '110101002'] },
      headSeq: t.hub.store.headSeq(),
      minSeq: 1,
      referenceVersion: 'fixture-1'
    })
    expect(Math.abs(Date.parse(lead.welcome.serverTime) - Date.now())).toBeLessThan(5000)
    // Presence shows the person and a hub-issued session id, never the console id (rev 1.4).
    const sessionId = lead.welcome.sessionId ?? 'missing'
    await expect.poll(() => JSON.stringify(other.presences.at(-1) ?? '')).toContain(sessionId)
    expect(JSON.stringify(other.presences)).not.toContain('c-lead-1')
    lead.close()
    await expect.poll(() => JSON.stringify(other.presences.at(-1) ?? '')).not.toContain(sessionId)
  })
})

describe('invalid messages', () => {
  const bad: [string, unknown][] = [
    ['not an object', 'accept please'],
    ['null', null],
    ['an array', [1, 2]],
    ['no commandId', { type: 'accept', incidentId: 'inc-1', payload: {}, issuedAt: new Date().toISOString() }],
    ['commandId not a uuid', { commandId: 'abc', type: 'accept', incidentId: 'inc-1', payload: {}, issuedAt: new Date().toISOString() }],
    ['unknown type', { commandId: randomUUID(), type: 'teleport', incidentId: 'inc-1', payload: {}, issuedAt: new Date().toISOString() }],
    ['missing incidentId', { commandId: randomUUID(), type: 'accept', payload: {}, issuedAt: new Date().toISOString() }],
    ['payload field of wrong type', { commandId: randomUUID(), type: 'dispatch', incidentId: 'i', payload: { unitIds: 'u1' }, issuedAt: new Date().toISOString() }],
    ['too many units', { commandId: randomUUID(), type: 'dispatch', incidentId: 'i', payload: { unitIds: ['a', 'b', 'c', 'd', 'e', 'f'] }, issuedAt: new Date().toISOString() }],
    ['bad date', { commandId: randomUUID(), type: 'accept', incidentId: 'i', payload: {}, issuedAt: 'yesterday' }],
    [
      'report outside coordinates',
      {
        commandId: randomUUID(),
        type: 'report',
        payload: { draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: 't', description: '', address: '', location: { lng: 500, lat: 0 } } },
        issuedAt: new Date().toISOString()
      }
    ]
  ]
  it('refuses each with invalid and its issues, counts it, and keeps serving', async () => {
    const { t, other } = await hubWithBystander()
    const sender = await connectConsole(t.url, t.tokens.lead)
    open.push(sender)
    const head = t.hub.store.headSeq()
    for (const [why, payload] of bad) {
      const answer = await sender.request<{ ok: boolean; error: { code: string; issues: unknown[] } }>('command', payload)
      expect(answer.ok, why).toBe(false)
      expect(answer.error.code, why).toBe('invalid')
      expect(answer.error.issues.length, why).toBeGreaterThan(0)
    }
    expect(t.hub.invalidCount(sender.consoleId)).toBe(bad.length)
    expect(t.hub.store.headSeq()).toBe(head)
    const syncBad = await sender.request<{ ok: boolean; error: { code: string } }>('sync', { sinceSeq: 0, limit: 6000 })
    expect(syncBad.error.code).toBe('invalid')
    const refBad = await sender.request<{ ok: boolean; error: { code: string } }>('reference', { have: 7 })
    expect(refBad.error.code).toBe('invalid')
    expect(t.hub.invalidCount(sender.consoleId)).toBe(bad.length + 2)
    await stillServed(t, other)
  })

  it('refuses business-invalid reports: unknown category, unknown grid, outside every grid', async () => {
    const { other } = await hubWithBystander()
    const draft = { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: 't', description: '', address: '', location: { lng: 116.4025, lat: 39.905 } }
    const cases: [string, Record<string, unknown>][] = [
      ['unknown category', { ...draft, categoryCode: '9999' }],
      ['unknown grid', { ...draft, gridCode: '110101009009009' }],
      ['outside every grid', { ...draft, location: { lng: 121.47, lat: 31.23 } }]
    ]
    for (const [why, d] of cases) {
      const answer = await other.command('report', {}, { draft: d })
      expect(answer.ok ? 'ok' : answer.error.code, why).toBe('invalid')
    }
  })

  it('ignores unknown events and events without an acknowledgement, and keeps serving', async () => {
    const { t, other } = await hubWithBystander()
    const sender = await connectConsole(t.url, t.tokens.lead)
    open.push(sender)
    sender.socket.emit('teleport', { to: 'moon' })
    sender.socket.emit('command', { commandId: randomUUID() })
    sender.socket.emit('sync')
    const extra = await sender.socket.timeout(5000).emitWithAck('sync', { sinceSeq: 0, limit: 1 }, 'surplus')
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid' } })
    await expect.poll(() => t.hub.invalidCount(sender.consoleId)).toBe(3)
    expect(sender.socket.connected).toBe(true)
    await stillServed(t, other)
  })
})

describe('oversize messages', () => {
  it('drops a console that sends more than 1 MiB; the others keep being served', async () => {
    const { t, other } = await hubWithBystander()
    const sender = await connectConsole(t.url, t.tokens.lead)
    open.push(sender)
    const disconnected = new Promise<string>((resolve) => sender.socket.on('disconnect', (reason) => resolve(reason)))
    const head = t.hub.store.headSeq()
    sender.socket.emit('command', {
      commandId: randomUUID(),
      type: 'note',
      incidentId: 'inc-x',
      payload: { text: 'x'.repeat(1024 * 1024 + 10) },
      issuedAt: new Date().toISOString()
    })
    expect(await disconnected).toMatch(/transport/)
    expect(t.hub.store.headSeq()).toBe(head)
    await stillServed(t, other)
  })

  it('refuses an oversize message on the HTTP long-polling transport too', async () => {
    const { t, other } = await hubWithBystander()
    const socket = connectRaw(t.url, t.tokens.lead, { transports: ['polling'] })
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()))
    const gone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()))
    socket.emit('command', { text: 'y'.repeat(1024 * 1024 + 10) })
    await gone
    socket.close()
    await stillServed(t, other)
  })
})

describe('rate limit', () => {
  it('answers rate_limited past the bucket, per console; exempt tokens are not limited', async () => {
    const { t } = await hubWithBystander({ hub: { rateLimit: { capacity: 3, refillPerSecond: 0.001 } } })
    const busy = await connectConsole(t.url, t.tokens.lead)
    open.push(busy)
    const codes: string[] = []
    for (let i = 0; i < 5; i++) {
      const a = await busy.request<{ ok: boolean; error?: { code: string } }>('sync', { sinceSeq: 0, limit: 1 })
      codes.push(a.ok ? 'ok' : (a.error?.code ?? '?'))
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited'])
    // Another console has its own bucket.
    const calm = await connectConsole(t.url, t.tokens.viewer)
    open.push(calm)
    expect((await calm.request<{ ok: boolean }>('sync', { sinceSeq: 0, limit: 1 })).ok).toBe(true)
    // The field gateway token is exempt.
    const field = await connectConsole(t.url, t.tokens.unit)
    open.push(field)
    for (let i = 0; i < 6; i++) expect((await field.request<{ ok: boolean }>('sync', { sinceSeq: 0, limit: 1 })).ok).toBe(true)
  })
})

describe('internal errors', () => {
  it('answers internal, stores nothing, and serves the same command once the fault is gone', async () => {
    let broken = false
    t = await startTestHub({ hub: { now: () => (broken ? new Date(Number.NaN) : new Date()) } })
    const c = await connectConsole(t.url, t.tokens.dispatcher)
    open.push(c)
    const command = {
      commandId: randomUUID(),
      type: 'report',
      payload: { draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: 't', description: '', address: '', location: { lng: 116.4025, lat: 39.905 } } },
      issuedAt: new Date().toISOString()
    }
    const head = t.hub.store.headSeq()
    broken = true
    const failed = await c.request<{ ok: boolean; error: { code: string } }>('command', command)
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(t.hub.store.headSeq()).toBe(head)
    broken = false
    const retried = await c.request<{ ok: boolean; seq: number }>('command', command)
    expect(retried.ok).toBe(true)
    expect(retried.seq).toBe(head + 1)
  })
})
