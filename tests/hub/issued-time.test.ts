// Rev 1.7: the hub records a command's issued time next to the time it applied it, within bounds:
// not more than 5 minutes after its clock, not older than the 30 days it keeps answers. A repeat of a
// stored command is answered from the store whatever its age.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { ISSUED_MAX_AGE_MS, ISSUED_MAX_AHEAD_MS, type Incident } from '../../src-shared/protocol'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from './support/client'

let t: TestHub | null = null
const open: TestConsole[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

const DRAFT = {
  draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: '井盖缺失', description: '', address: 'x', location: { lng: 116.4025, lat: 39.905 } }
}

type Ok = { ok: true; seq: number; entity: Incident }
type Err = { ok: false; error: { code: string; message: string } }

async function setup(): Promise<{ hub: TestHub; c: TestConsole; incident: Incident }> {
  t = await startTestHub()
  const c = await connectConsole(t.url, t.tokens.dispatcher)
  open.push(c)
  const reported = (await c.command('report', {}, DRAFT)) as unknown as Ok
  expect(reported.ok).toBe(true)
  return { hub: t, c, incident: reported.entity }
}

describe('issued vs applied time (rev 1.7)', () => {
  it('records the issued time in the timeline entry next to the applied time', async () => {
    const { c, incident } = await setup()
    const issuedAt = new Date(Date.now() - 90 * 60_000).toISOString()
    const accepted = (await c.command('accept', { incidentId: incident.id, expectedVersion: incident.version, issuedAt })) as unknown as Ok
    expect(accepted.ok).toBe(true)
    const entry = accepted.entity.timeline.at(-1)
    expect(entry?.action).toBe('accept')
    expect(entry?.issuedAt).toBe(issuedAt)
    // Applied now, issued an hour and a half before.
    expect(Date.parse(entry?.at ?? '') - Date.parse(issuedAt)).toBeGreaterThan(89 * 60_000)
    // The report entry carries its own issued time too.
    expect(incident.timeline[0]?.issuedAt).toBeDefined()
  })

  it('refuses an issued time too far ahead of the hub clock, and one older than the answers are kept', async () => {
    const { c, incident } = await setup()
    const ahead = new Date(Date.now() + ISSUED_MAX_AHEAD_MS + 60_000).toISOString()
    const future = (await c.command('accept', { incidentId: incident.id, issuedAt: ahead })) as unknown as Err
    expect(future.ok).toBe(false)
    expect(future.error.code).toBe('invalid')
    expect(future.error.message).toContain("after the hub's clock")
    const old = new Date(Date.now() - ISSUED_MAX_AGE_MS - 60_000).toISOString()
    const stale = (await c.command('accept', { incidentId: incident.id, issuedAt: old })) as unknown as Err
    expect(stale.ok).toBe(false)
    expect(stale.error.code).toBe('invalid')
    expect(stale.error.message).toContain('older than 30 days')
    // Neither was applied: the case is still reported, at its first version.
    const sync = await c.request<{ changes: { id: string; data: Incident }[] }>('sync', { sinceSeq: 0, limit: 100 })
    const now = sync.changes.find((ch) => ch.id === incident.id)?.data
    expect(now?.status).toBe('reported')
    expect(now?.version).toBe(incident.version)
    // Just inside both bounds is applied.
    const inside = (await c.command('accept', { incidentId: incident.id, issuedAt: new Date(Date.now() + ISSUED_MAX_AHEAD_MS - 60_000).toISOString() })) as unknown as Ok
    expect(inside.ok).toBe(true)
  })

  it('answers a repeat of a stored command from the store, whatever its issued time', async () => {
    const { c, incident } = await setup()
    const commandId = randomUUID()
    const issuedAt = new Date().toISOString()
    const first = (await c.command('accept', { commandId, incidentId: incident.id, issuedAt })) as unknown as Ok
    expect(first.ok).toBe(true)
    const again = (await c.command('accept', { commandId, incidentId: incident.id, issuedAt })) as unknown as Ok
    expect(again).toEqual(first)
  })

  it('refuses an issued time that is not a date (schema) and keeps serving', async () => {
    const { c, incident } = await setup()
    const bad = (await c.command('accept', { incidentId: incident.id, issuedAt: 'yesterday' })) as unknown as Err
    expect(bad.error.code).toBe('invalid')
    const fine = (await c.command('accept', { incidentId: incident.id })) as unknown as Ok
    expect(fine.ok).toBe(true)
  })
})
