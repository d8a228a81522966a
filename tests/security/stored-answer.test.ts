// Attack: fetch someone else's stored command answer by resending their commandId (timelines show
// command ids). Authorization comes before idempotency: another user — of any role, on any token —
// gets `forbidden`; only the issuer gets the stored answer again.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { connectConsole, type TestConsole } from '../hub/support/client'

let t: TestHub | null = null
const open: TestConsole[] = []
afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t?.stop()
  t = null
})

describe('a stored answer fetched by another user', () => {
  it('is forbidden to everyone but the issuer, who gets the very same answer', async () => {
    t = await startTestHub()
    const issuer = await connectConsole(t.url, t.tokens.dispatcher)
    const command = {
      commandId: randomUUID(),
      type: 'report',
      payload: {
        draft: { categoryCode: '0102', urgency: 'normal', source: 'hotline', title: '井盖缺失', description: '报告人 王女士 13800000000', address: '东四北大街', location: { lng: 116.4025, lat: 39.905 } }
      },
      issuedAt: new Date().toISOString()
    }
    const first = await issuer.request<{ ok: boolean; entity: Record<string, unknown> }>('command', command)
    expect(first.ok).toBe(true)
    expect(first).not.toHaveProperty('by')

    for (const token of [t.tokens.lead, t.tokens.lead2, t.tokens.viewer, t.tokens.district]) {
      const thief = await connectConsole(t.url, token)
      open.push(thief)
      const stolen = await thief.request<{ ok: boolean; error?: { code: string } }>('command', command)
      expect(stolen).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect(JSON.stringify(stolen)).not.toContain('13800000000')
    }
    // The issuer on another seat (same token, new connection) still gets the stored answer, unchanged.
    issuer.close()
    const again = await connectConsole(t.url, t.tokens.dispatcher)
    open.push(again)
    expect(await again.request('command', command)).toEqual(first)
  })
})
