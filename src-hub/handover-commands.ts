// Shift handover (交接班): a lead submits the open cases with notes; another lead acknowledges them.
import { randomUUID } from 'node:crypto'
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

/** The street a handover belongs to: the one its cases share, else the lead's first street. */
function handoverStreet(caller: Caller, incidents: Incident[], env: HandoverEnv): string | { error: string } {
  const streets = new Set(incidents.map((i) => i.gridCode.slice(0, 9)))
  if (streets.size > 1) return { error: `a handover covers one street; these cases span ${[...streets].sort().join(', ')}` }
  const [only] = streets
  if (only !== undefined) return only
  const first = caller.scope === '*' ? env.reference.streetCodes[0] : [...caller.scope].sort()[0]
  return first ?? { error: 'no street to file the handover under' }
}

export async function runHandoverSubmit(tx: Tx, command: Command, caller: Caller, env: HandoverEnv): Promise<CommandResult> {
  const payload = CommandPayloads['handover.submit'].parse(command.payload)
  const incidents: Incident[] = []
  for (const item of payload.items) {
    const incident = await tx.get('incident', item.incidentId)
    if (incident === null) return refuse('not_found', `incident ${item.incidentId} does not exist`)
    if (!inScope(caller.scope, incident.gridCode.slice(0, 9))) {
      return refuse('forbidden', `incident ${incident.code} lies outside your streets`)
    }
    incidents.push(incident)
  }
  if (new Set(payload.items.map((i) => i.incidentId)).size !== payload.items.length) {
    return refuse('invalid', 'a case is listed twice in the handover')
  }
  let to: Handover['to'] = null
  if (payload.toUserId !== undefined) {
    const user = env.tokens.user(payload.toUserId)
    if (user === null) return refuse('not_found', `user ${payload.toUserId} is not known to this hub`)
    if (user.id === caller.token.user.id) return refuse('invalid', 'a lead cannot hand over to themself')
    to = { userId: user.id, name: user.name }
  }
  const street = handoverStreet(caller, incidents, env)
  if (typeof street !== 'string') return refuse('invalid', street.error)
  const id = `ho-${randomUUID()}`
  const handover: Handover = {
    id,
    version: 1,
    seq: 0,
    shiftId: payload.shiftId,
    streetCode: street,
    from: { userId: caller.token.user.id, name: caller.token.user.name },
    to,
    state: 'submitted',
    submittedAt: env.now().toISOString(),
    acknowledgedAt: null,
    summary: payload.summary,
    items: payload.items.map((item, index) => ({
      id: `${id}-${index + 1}`,
      incidentId: item.incidentId,
      statusAtHandover: incidents[index]?.status ?? 'reported',
      note: item.note,
      acknowledged: false
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
  if (!inScope(caller.scope, current.streetCode)) return refuse('forbidden', 'this handover lies outside your streets')
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
