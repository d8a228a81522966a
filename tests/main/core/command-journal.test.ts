// The seat's command journal on a real hub and cache: a command answered ok and one the hub refuses
// are written with the user and the answer, both are still there after a restart (the outbox rows
// are gone), no payload text is kept, and rows older than 90 days are pruned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConsole, type ConsoleCore } from '../../../src-main/core'
import type { Incident } from '../../../src-shared/protocol'
import { reportIncidents, startTestHub, TEST_TOKENS, type TestHub } from '../../helpers/start-hub'
import { makeTempDir } from './temp-dir'

let hub: TestHub
let temp: { dir: string; remove(): void }
beforeAll(async () => {
  hub = await startTestHub()
  temp = makeTempDir('gcc-journal-')
})
afterAll(async () => {
  await hub.stop()
  temp.remove()
})

async function waitFor(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('command journal', () => {
  it('keeps what this seat issued and the answers across a restart, without case text', async () => {
    let now = Date.now()
    const open = (): Promise<ConsoleCore> => openConsole({ dataDir: temp.dir, hubUrl: hub.url, token: TEST_TOKENS.dispatcher, now: () => now })
    let core = await open()
    await waitFor(() => core.debug.status().connection === 'online')
    const [incident] = (await reportIncidents(hub.hub, 1)) as [Incident]
    await waitFor(async () => (await core.api.getIncident(incident.id)) !== null)
    const accepted = await core.api.issueCommand({ type: 'accept', incidentId: incident.id, expectedVersion: incident.version, payload: {} })
    // A note on a case that does not exist: the hub refuses it with a final error.
    const refused = await core.api.issueCommand({ type: 'note', incidentId: 'no-such-case', payload: { text: '秘密备注内容' } })
    if (!accepted.ok || !refused.ok) throw new Error('not queued')
    await waitFor(() => core.debug.outbox.list().every((e) => e.state === 'failed' || e.state === 'conflict'))
    await core.close()

    core = await open()
    const rows = await core.journal.list()
    const byId = new Map(rows.map((r) => [r.commandId, r]))
    expect(byId.get(accepted.value.command.commandId)).toMatchObject({
      type: 'accept',
      incidentId: incident.id,
      outcome: 'ok',
      user: { id: 'user-dispatcher', name: '张调度', role: 'dispatcher' }
    })
    expect(byId.get(accepted.value.command.commandId)?.seq).toBeGreaterThan(0)
    expect(byId.get(refused.value.command.commandId)).toMatchObject({ type: 'note', outcome: 'refused', errorCode: 'not_found' })
    expect(JSON.stringify(rows)).not.toContain('秘密备注内容')
    // Besides those two, only the claim the accept makes for this seat (claim on accept, on by default),
    // when it was issued before the close.
    const others = rows.filter((r) => r.commandId !== accepted.value.command.commandId && r.commandId !== refused.value.command.commandId)
    expect(others.map((r) => `${r.type}:${r.incidentId}`)).toEqual(others.length === 0 ? [] : [`claim:${incident.id}`])

    // 91 days on, the rows go.
    now += 91 * 24 * 60 * 60 * 1000
    expect(await core.journal.prune()).toBe(rows.length)
    expect(await core.journal.list()).toEqual([])
    await core.close()
  })
})
