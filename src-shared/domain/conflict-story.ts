// Who got there first (issue 16): when the hub holds a command (conflict, illegal transition), the
// person is told who did what and when ("值班调度（模拟） 14:05 已派遣"), read from the case's own
// timeline, and the sensible next step. Pure; the words are the renderer's.
import type { Actor, Command, Incident, IncidentStatus, TimelineEntry } from '../protocol'
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
 * since the version `command` expected, preferring one that changed the case's state, or failing that
 * the same over the whole timeline; and whether `command` still fits.
 */
export function conflictStory(current: Incident, command: Command, ownCommandIds: ReadonlySet<string> = new Set()): ConflictStory {
  const byOthers = (entries: readonly TimelineEntry[]): TimelineEntry | null => {
    const others = entries.filter((e) => e.commandId !== command.commandId && (e.commandId === undefined || !ownCommandIds.has(e.commandId)))
    return [...others].reverse().find(changedState) ?? others.at(-1) ?? null
  }
  // What happened after the version the command was written on: each applied command adds one version
  // and one timeline entry (incident-machine.ts), so those are the last (version − expected) entries.
  // Looking there first keeps an older act, often this seat's own 立案, from being named as the one
  // that got there first when the newer act changed no state (someone's 认领 or 督办).
  const newer = command.expectedVersion !== undefined && current.version > command.expectedVersion ? current.timeline.slice(-(current.version - command.expectedVersion)) : []
  const entry = byOthers(newer) ?? byOthers(current.timeline)
  const fits = isIncidentCommandType(command.type) && isLegalFrom(command.type, current.status)
  return {
    // `to` only for an act that moved the case; otherwise the act itself is the story (认领, not 已立案).
    by: entry === null ? null : { actor: entry.actor, at: entry.at, action: entry.action, to: changedState(entry) ? (entry.to ?? null) : null },
    next: fits ? 'retry' : 'discard'
  }
}

function changedState(e: TimelineEntry): boolean {
  return e.from !== undefined && e.to !== undefined && e.from !== e.to
}
