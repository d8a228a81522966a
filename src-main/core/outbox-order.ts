// Which outbox commands may go to the hub now: queue order, a bounded window in flight, and never
// two in flight for the same case or handover, so each case's commands reach the hub as typed.
import { type Command } from '../../src-shared/protocol'

/**
 * The entities a command writes, as keys. A `report` names none (the hub makes the case), so it
 * never waits for another command; a `merge` also writes the case it merges into.
 */
export function entityKeys(command: Command): string[] {
  const keys: string[] = []
  if (command.incidentId !== undefined) keys.push(`incident:${command.incidentId}`)
  if (command.type === 'merge') {
    const into: unknown = (command.payload as { intoIncidentId?: unknown }).intoIncidentId
    if (typeof into === 'string') keys.push(`incident:${into}`)
  }
  if (command.handoverId !== undefined) keys.push(`handover:${command.handoverId}`)
  // Rev 1.8: functionalGrid.end names its grid; a create names none yet (like a report).
  if (command.functionalGridId !== undefined) keys.push(`functionalGrid:${command.functionalGridId}`)
  return keys
}

type Candidate = { command: Command; state: string }

/**
 * Up to `room` entries to send now, in queue order. An entry still waiting for the hub (queued, or
 * in flight) blocks every later one that shares an entity key with it; held entries (a final
 * error) block nothing, as before.
 */
export function pickSendable<E extends Candidate>(entries: readonly E[], inFlight: ReadonlySet<string>, room: number): E[] {
  const picked: E[] = []
  if (room <= 0) return picked
  const busy = new Set<string>()
  for (const entry of entries) {
    if (entry.state !== 'queued' && entry.state !== 'sending') continue
    const keys = entityKeys(entry.command)
    const free = keys.every((k) => !busy.has(k))
    for (const k of keys) busy.add(k)
    if (!free || inFlight.has(entry.command.commandId)) continue
    picked.push(entry)
    if (picked.length >= room) break
  }
  return picked
}
