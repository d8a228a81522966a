// Shift handover (交接班): a lead submits the open cases of their streets with notes, once per shift
// (rev 1.5: one packet across streets, items snapshotted overdue first); another lead acknowledges them.
import { createHash } from 'node:crypto'
import { caseClock } from '../src-shared/domain/time-state'
import { CommandPayloads, type Command, type Handover, type Incident } from '../src-shared/protocol'
import { refuse, type Caller, type CommandResult } from './answers'
import { inScope } from './entity-kinds'
import type { HubReference } from './reference'
import type { Tx } from './store'
import type { TokenTable } from './tokens'

export interface HandoverEnv {
  reference: HubReference
  tokens: TokenTable
  now: () => Date
}

/** The caller's streets, sorted ('*' → every street the hub knows). */
function callerStreets(caller: Caller, env: HandoverEnv): string[] {
  return caller.scope === '*' ? [...env.reference.streetCodes].sort() : [...caller.scope].sort()
}

/**
 * rev 1.5: one handover per shift and street scope. The id is derived from both, so a second handover
 * of the same shift by a lead of the same streets lands on the stored one and is refused `conflict`,
 * whatever its commandId.
 */
export function handoverIdFor(shiftId: string, caller: Caller): string {
  const scopeKey = caller.scope === '*' ? '*' : [...caller.scope].sort().join(',')
  return `ho-${createHash('sha256').update(`${shiftId}\n${scopeKey}`).digest('hex').slice(0, 32)}`
}

type Snapshot = { incident: Incident; note: string; leftMs: number | null; overdue: boolean }

/** Overdue first, then the least time left (cases without a running clock last), then by code. */
function byUrgencyOfTime(a: Snapshot, b: Snapshot): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    (a.leftMs ?? Infinity) - (b.leftMs ?? Infinity) ||
    (a.incident.code < b.incident.code ? -1 : a.incident.code > b.incident.code ? 1 : 0)
  )
}

export async function runHandoverSubmit(tx: Tx, command: Command, caller: Caller, env: HandoverEnv): Promise<CommandResult> {
  const payload = CommandPayloads['handover.submit'].parse(command.payload)
  if (new Set(payload.items.map((i) => i.incidentId)).size !== payload.items.length) {
    return refuse('invalid', 'a case is listed twice in the handover')
  }
  const nowMs = env.now().getTime()
  const snapshots: Snapshot[] = []
  for (const item of payload.items) {
    const incident = await tx.get('incident', item.incidentId)
    if (incident === null) return refuse('not_found', `incident ${item.incidentId} does not exist`)
    if (!inScope(caller.scope, incident.gridCode.slice(0, 9))) {
      return refuse('forbidden', `incident ${incident.code} lies outside your streets`)
    }
    const clock = caseClock(incident, nowMs)
    snapshots.push({ incident, note: item.note, leftMs: clock.leftMs, overdue: clock.state === 'overdue' })
  }
  let to: Handover['to'] = null
  if (payload.toUserId !== undefined) {
    const user = env.tokens.user(payload.toUserId)
    if (user === null) return refuse('not_found', `user ${payload.toUserId} is not known to this hub`)
    if (user.id === caller.token.user.id) return refuse('invalid', 'a lead cannot hand over to themself')
    to = { userId: user.id, name: user.name }
  }
  const caseStreets = [...new Set(snapshots.map((s) => s.incident.gridCode.slice(0, 9)))].sort()
  const streetCodes = caseStreets.length > 0 ? caseStreets : callerStreets(caller, env).slice(0, 1)
  const [street] = streetCodes
  if (street === undefined) return refuse('invalid', 'no street to file the handover under')
  const id = handoverIdFor(payload.shiftId, caller)
  const earlier = await tx.get('handover', id)
  if (earlier !== null) {
    return refuse(
      'conflict',
      `shift ${payload.shiftId} was already handed over by ${earlier.from.name} at ${earlier.submittedAt}`,
      { current: earlier }
    )
  }
  snapshots.sort(byUrgencyOfTime)
  const handover: Handover = {
    id,
    version: 1,
    seq: 0,
    shiftId: payload.shiftId,
    streetCode: street,
    streetCodes,
    from: { userId: caller.token.user.id, name: caller.token.user.name },
    to,
    state: 'submitted',
    submittedAt: env.now().toISOString(),
    acknowledgedAt: null,
    summary: payload.summary,
    items: snapshots.map((s, index) => ({
      id: `${id}-${index + 1}`,
      incidentId: s.incident.id,
      statusAtHandover: s.incident.status,
      note: s.note,
      acknowledged: false,
      urgency: s.incident.urgency,
      deadlineAt: s.incident.deadlineAt,
      streetCode: s.incident.gridCode.slice(0, 9),
      overdue: s.overdue
    }))
  }
  const stored = await tx.put('handover', handover)
  return { ok: true, seq: stored.seq, entity: stored }
}

export async function runHandoverAcknowledge(tx: Tx, command: Command, caller: Caller, env: HandoverEnv): Promise<CommandResult> {
  const payload = CommandPayloads['handover.acknowledge'].parse(command.payload)
  const id = command.handoverId
  if (id === undefined) return refuse('invalid', 'handover.acknowledge needs handoverId')
  const current = await tx.get('handover', id)
  if (current === null) return refuse('not_found', `handover ${id} does not exist`)
  const streets = current.streetCodes ?? [current.streetCode]
  if (!streets.every((s) => inScope(caller.scope, s))) return refuse('forbidden', 'this handover lies outside your streets')
  if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
    return refuse('conflict', `handover is at version ${current.version}, not ${command.expectedVersion}`, { current })
  }
  if (current.state === 'acknowledged') return refuse('illegal_transition', 'this handover is already acknowledged')
  const me = caller.token.user
  if (current.from.userId === me.id) return refuse('forbidden', 'the lead who submitted a handover cannot acknowledge it')
  if (current.to !== null && current.to.userId !== me.id) {
    return refuse('forbidden', `this handover is addressed to ${current.to.name}`)
  }
  const wanted = payload.itemIds === undefined ? null : new Set(payload.itemIds)
  if (wanted !== null) {
    const known = new Set(current.items.map((i) => i.id))
    const unknown = [...wanted].filter((i) => !known.has(i))
    if (unknown.length > 0) return refuse('invalid', `unknown handover items: ${unknown.slice(0, 10).join(', ')}`)
  }
  const items = current.items.map((item) => (wanted === null || wanted.has(item.id) ? { ...item, acknowledged: true } : item))
  const done = items.every((i) => i.acknowledged)
  const now = env.now().toISOString()
  const next: Handover = {
    ...current,
    items,
    to: current.to ?? { userId: me.id, name: me.name },
    state: done ? 'acknowledged' : 'submitted',
    acknowledgedAt: done ? now : null
  }
  const stored = await tx.put('handover', next)
  return { ok: true, seq: stored.seq, entity: stored }
}
