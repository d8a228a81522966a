// Attack: consoleId spoofing. A holder of the viewer token, and a second dispatcher, connect with the
// victim dispatcher's consoleId. The hub binds identity to the token (protocol rev 1.4): the
// attacker's flood does not rate-limit the victim, a claim made under the victim's consoleId is
// recorded under the real caller, the victim keeps its own claims, and presence never shows the
// consoleId an attacker would need.
import { afterEach, describe, expect, it } from 'vitest'
import { claimIsMine } from '../../src-shared/domain/claim-identity'
import { startTestHub, type TestHub } from '../helpers/start-hub'
import { caseIn } from '../hub/support/drive'
import { connectConsole, type TestConsole } from '../hub/support/client'

const VICTIM_CONSOLE = 'c-victim-dispatcher'
let t: TestHub
const open: TestConsole[] = []

afterEach(async () => {
  for (const c of open.splice(0)) c.close()
  await t.stop()
})

describe('consoleId spoofing', () => {
  it("leaves the victim's commands unaffected and records a claim under the real caller", async () => {
    const rival = { token: 'rival-dispatcher-token-0123', user: { id: 'user-rival', name: '赵调度', role: 'dispatcher' as const }, streets: '*' as const }
    t = await startTestHub({ tokens: [rival], hub: { rateLimit: { capacity: 30, refillPerSecond: 2 } } })
    const victim = await connectConsole(t.url, t.tokens.dispatcher, { consoleId: VICTIM_CONSOLE })
    const viewer = await connectConsole(t.url, t.tokens.viewer, { consoleId: VICTIM_CONSOLE })
    const other = await connectConsole(t.url, rival.token, { consoleId: VICTIM_CONSOLE })
    open.push(victim, viewer, other)

    // The viewer token, posing as the victim's console, exhausts its own budget.
    const flood = await Promise.all(Array.from({ length: 60 }, () => viewer.command('claim', { incidentId: 'i-none' })))
    expect(flood.some((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true)

    // The victim's next 20 commands are not rate limited (the attack once refused 15 of 20).
    const cases = await Promise.all(Array.from({ length: 10 }, () => caseIn(t.hub, 'reported')))
    const answers = []
    for (const c of cases) {
      answers.push(await victim.command('claim', { incidentId: c.id }))
      answers.push(await victim.command('release', { incidentId: c.id }))
    }
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual([])

    // Victim claims one case; the rival, using the victim's consoleId, claims another.
    const [mine, theirs] = [cases[0]!, cases[1]!]
    const v = await victim.command('claim', { incidentId: mine.id })
    const r = await other.command('claim', { incidentId: theirs.id })
    if (!v.ok || !r.ok) throw new Error(`claims refused: ${JSON.stringify([v, r])}`)
    expect(r.entity.claimedBy).toMatchObject({ userId: 'user-rival', consoleId: `user-rival:${VICTIM_CONSOLE}` })
    expect(v.entity.claimedBy).toMatchObject({ userId: 'user-dispatcher', consoleId: `user-dispatcher:${VICTIM_CONSOLE}` })
    // The victim's console does not take the rival's claim for its own, and keeps its own.
    expect(claimIsMine(r.entity.claimedBy, VICTIM_CONSOLE, 'user-dispatcher')).toBe(false)
    expect(claimIsMine(v.entity.claimedBy, VICTIM_CONSOLE, 'user-dispatcher')).toBe(true)
    expect(victim.welcome.consoleId).toBe(`user-dispatcher:${VICTIM_CONSOLE}`)

    // Presence shows people and sessions, never the consoleId or another's bound id.
    await expect.poll(() => victim.presences.length).toBeGreaterThan(0)
    const seen = JSON.stringify(victim.presences.at(-1))
    expect(seen).toContain('张调度')
    expect(seen).not.toContain(VICTIM_CONSOLE)
  })
})
