// rev 1.5 handover rules on the reference hub: one packet across streets, item snapshots overdue first,
// once per shift (conflict, whatever the commandId), acknowledge needs every street of the packet.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Handover, type Incident } from '../../src-shared/protocol'
import { caseIn } from './support/drive'
import { callerFor, reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../helpers/start-hub'

const SCOPED_LEAD = 'test-scoped-lead-token'
let t: TestHub
// Near the real clock: the test helpers stamp commands with it, and the hub bounds issued times by its own (rev 1.7).
let nowMs = Date.now()

beforeAll(async () => {
  t = await startTestHub({
    hub: { now: () => new Date(nowMs) },
    tokens: [{ token: SCOPED_LEAD, user: { id: 'user-lead3', name: '赵值班长', role: 'lead' }, streets: ['110101001'] }]
  })
})
afterAll(async () => {
  await t.stop()
})

async function submit(token: string, payload: Record<string, unknown>) {
  const { answer } = await t.hub.command(
    { commandId: randomUUID(), type: 'handover.submit', payload, issuedAt: new Date(nowMs).toISOString() },
    callerFor(t.hub, token)
  )
  return answer
}
async function acknowledge(token: string, handoverId: string, payload: Record<string, unknown> = {}) {
  const { answer } = await t.hub.command(
    { commandId: randomUUID(), type: 'handover.acknowledge', handoverId, payload, issuedAt: new Date(nowMs).toISOString() },
    callerFor(t.hub, token)
  )
  return answer
}
const street = (i: Incident) => i.gridCode.slice(0, 9)

describe('handover rev 1.5', () => {
  it('files cases of several streets as one packet, items snapshotted and overdue first', async () => {
    // Dispatched cases have a running clock; 25 days on it has run out (within the 30 days an issued time may be old, rev 1.7). Fresh reports (several streets) have none yet.
    const old: Incident[] = []
    for (let i = 0; i < 6; i++) old.push(await caseIn(t.hub, 'dispatched'))
    nowMs += 25 * 24 * 3600_000
    const fresh = await reportIncidents(t.hub, 6, { urgency: 'urgent' })
    const streets = new Set([...old, ...fresh].map(street))
    expect(streets.size).toBeGreaterThan(1)
    const items = [...fresh, ...old].map((i) => ({ incidentId: i.id, note: `注 ${i.code}` }))
    const answer = await submit(TEST_TOKENS.lead, { shiftId: '2026-12-04-S1', summary: '夜班交接', items })
    if (!answer.ok) throw new Error(JSON.stringify(answer))
    const h = Handover.parse(answer.entity)
    expect(h.streetCodes).toEqual([...streets].sort())
    expect(h.streetCode).toBe(h.streetCodes?.[0])
    expect(h.items).toHaveLength(12)
    // The overdue ones (reported 25 days ago) come first.
    expect(h.items.slice(0, 6).map((i) => i.overdue)).toEqual([true, true, true, true, true, true])
    expect(h.items.slice(6).map((i) => i.overdue)).toEqual([false, false, false, false, false, false])
    expect(new Set(h.items.slice(0, 6).map((i) => i.incidentId))).toEqual(new Set(old.map((i) => i.id)))
    const first = h.items[0]
    const source = old.find((i) => i.id === first?.incidentId)
    expect(source?.deadlineAt).not.toBeNull()
    expect(first).toMatchObject({ urgency: source?.urgency, deadlineAt: source?.deadlineAt, streetCode: source && street(source), note: `注 ${source?.code}` })
    expect(h.items[6]).toMatchObject({ urgency: 'urgent', overdue: false })
  })

  it('refuses a second handover of the same shift with conflict and the stored one, even with a new commandId', async () => {
    const [c] = await reportIncidents(t.hub, 1)
    if (!c) throw new Error('report failed')
    const one = await submit(TEST_TOKENS.lead, { shiftId: '2026-12-04-S2', summary: '早班', items: [{ incidentId: c.id, note: '' }] })
    if (!one.ok) throw new Error(JSON.stringify(one))
    const again = await submit(TEST_TOKENS.lead, { shiftId: '2026-12-04-S2', summary: '早班（重复）', items: [] })
    if (again.ok) throw new Error('expected conflict')
    expect(again.error.code).toBe('conflict')
    expect(again.error.message).toMatch(/2026-12-04-S2 was already handed over by 王值班长/)
    expect(Handover.parse(again.error.current).id).toBe(Handover.parse(one.entity).id)
    // Another lead with the same streets is refused too; a lead of other streets hands over their own.
    const byLead2 = await submit(TEST_TOKENS.lead2, { shiftId: '2026-12-04-S2', summary: '早班', items: [] })
    expect(byLead2.ok ? 'ok' : byLead2.error.code).toBe('conflict')
    const scoped = await submit(SCOPED_LEAD, { shiftId: '2026-12-04-S2', summary: '早班', items: [] })
    expect(scoped.ok ? 'ok' : scoped.error.code).toBe('ok')
    // The next shift is a new handover.
    const next = await submit(TEST_TOKENS.lead, { shiftId: '2026-12-04-S3', summary: '中班', items: [] })
    expect(next.ok ? 'ok' : next.error.code).toBe('ok')
  })

  it('acknowledges once as a whole or per item; a lead missing one of its streets is forbidden', async () => {
    const cases = await reportIncidents(t.hub, 6)
    const answer = await submit(TEST_TOKENS.lead, { shiftId: '2026-12-05-S1', summary: '交接', items: cases.map((i) => ({ incidentId: i.id, note: '' })) })
    if (!answer.ok) throw new Error(JSON.stringify(answer))
    const h = Handover.parse(answer.entity)
    expect((h.streetCodes ?? []).length).toBeGreaterThan(1)
    const scoped = await acknowledge(SCOPED_LEAD, h.id)
    if (scoped.ok) throw new Error('expected forbidden')
    expect(scoped.error.code).toBe('forbidden')
    const one = await acknowledge(TEST_TOKENS.lead2, h.id, { itemIds: [h.items[0]?.id] })
    if (!one.ok) throw new Error(JSON.stringify(one))
    expect(Handover.parse(one.entity).state).toBe('submitted')
    const all = await acknowledge(TEST_TOKENS.lead2, h.id)
    if (!all.ok) throw new Error(JSON.stringify(all))
    const done = Handover.parse(all.entity)
    expect(done).toMatchObject({ state: 'acknowledged', to: { userId: 'user-lead2' } })
    expect(done.items.every((i) => i.acknowledged)).toBe(true)
  })
})
