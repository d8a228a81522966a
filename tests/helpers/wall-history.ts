// A hall's worth of history for the wall's browser tests (issue 16, k16c): made through the hub's own
// command pipeline on a hub whose clock the test shifts back (startTestHub's `hub.now`), so cases are
// overdue by the real clock without waiting. Leaves: 6 overdue (4 by ten days, 2 urgent gas leaks by
// ten minutes), 1 urgent 待受理, and today in 景山街道 one case closed on time (100%) while 东华门街道
// has the two late gas leaks due (0%).
import { randomUUID } from 'node:crypto'
import type { Hub } from '../../src-hub/hub'
import type { CommandType, Incident } from '../../src-shared/protocol'
import { callerFor, reportIncidents, TEST_TOKENS } from './start-hub'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** The offset the hub's clock runs at; pass `now: hubClock.now` to startTestHub's `hub` options. */
export function shiftedClock(): { shiftMs: number; now(): Date } {
  const clock = { shiftMs: 0, now: () => new Date(Date.now() + clock.shiftMs) }
  return clock
}

async function run(hub: Hub, clock: { shiftMs: number }, token: string, type: CommandType, incident: Incident, payload: Record<string, unknown>): Promise<Incident> {
  const current = await hub.store.getIncident(incident.id)
  if (!current) throw new Error(`no incident ${incident.id}`)
  const { answer } = await hub.command(
    { commandId: randomUUID(), type, incidentId: current.id, expectedVersion: current.version, payload, issuedAt: new Date(Date.now() + clock.shiftMs).toISOString() },
    callerFor(hub, token)
  )
  if (!answer.ok) throw new Error(`${type} refused: ${JSON.stringify(answer)}`)
  return (await hub.store.getIncident(incident.id)) as Incident
}

export async function seedWallHistory(hub: Hub, clock: { shiftMs: number }): Promise<void> {
  /** Accepted and dispatched to the street's sanitation team: the deadline runs from dispatch. */
  const dispatch = async (i: Incident, deadlineAt?: string): Promise<void> => {
    await run(hub, clock, TEST_TOKENS.dispatcher, 'accept', i, {})
    const unitIds = [`u-san-${i.gridCode.slice(0, 9)}`]
    await run(hub, clock, TEST_TOKENS.dispatcher, 'dispatch', i, deadlineAt ? { unitIds, deadlineAt } : { unitIds })
  }
  try {
    // Ten days ago: four cases dispatched (a 4-working-hour limit); one urgent never accepted.
    clock.shiftMs = -10 * DAY
    for (const i of await reportIncidents(hub, 4)) await dispatch(i)
    await reportIncidents(hub, 1, { urgency: 'urgent' })
    // 40 minutes ago: two urgent gas leaks (30-minute limit) dispatched: overdue by ten minutes, due today.
    clock.shiftMs = -40 * MINUTE
    for (const i of await reportIncidents(hub, 2, { categoryCode: '0403', urgency: 'urgent' })) await dispatch(i)
    // Now: a case in 景山街道 (the third grid) closed well before its deadline.
    clock.shiftMs = 0
    const [, , onTime] = await reportIncidents(hub, 3)
    if (!onTime) throw new Error('no case')
    const unitId = `u-san-${onTime.gridCode.slice(0, 9)}`
    await dispatch(onTime, new Date(Date.now() + 120 * MINUTE).toISOString())
    await run(hub, clock, TEST_TOKENS.unit, 'sign', onTime, { unitId })
    await run(hub, clock, TEST_TOKENS.unit, 'feedback', onTime, { unitId, note: '已清运' })
    await run(hub, clock, TEST_TOKENS.dispatcher, 'verify', onTime, { passed: true })
  } finally {
    clock.shiftMs = 0
  }
}
