// Who got there first (issue 16): when the hub holds a command (conflict, illegal transition), the
// person is told who did what and when ("值班调度（模拟） 14:05 已派遣"), read from the case's own
// timeline, and the sensible next step. Pure; the words are the renderer's.
import type { Actor, Command, Incident, IncidentStatus } from '../protocol'
import { isLegalFrom, isIncidentCommandType } from './transitions'

export type ConflictStory = {
  /** The other party's act that moved the case, or null when the timeline does not show one. */
  by: { actor: Actor; at: string; action: string; to: IncidentStatus | null } | null
  /**
   * retry: the command still fits the case as it is now (send it again on the current version);
   * discard: the case has moved past it (someone did it, or something else), so drop it.
   */
  next: 'retry' | 'discard'
}

/**
 * The latest timeline entry made by someone else's command (not `command`, not one of `ownCommandIds`)
 * that changed the case's state, or failing that any such entry, and whether `command` still fits.
 */
export function conflictStory(current: Incident, command: Command, ownCommandIds: ReadonlySet<string> = new Set()): ConflictStory {
  const others = current.timeline.filter(
    (e) => e.commandId !== command.commandId && (e.commandId === undefined || !ownCommandIds.has(e.commandId))
  )
  const moved = [...others].reverse().find((e) => e.from !== undefined && e.to !== undefined && e.from !== e.to)
  const entry = moved ?? others.at(-1) ?? null
  const fits = isIncidentCommandType(command.type) && isLegalFrom(command.type, current.status)
  return {
    by: entry === null ? null : { actor: entry.actor, at: entry.at, action: entry.action, to: entry.to ?? null },
    next: fits ? 'retry' : 'discard'
  }
}
