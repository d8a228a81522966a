// Appending to an incident's timeline within the protocol bound (≤ 500 entries).
import type { TimelineEntry } from '../protocol'
import { MAX_TIMELINE } from '../protocol'

/**
 * Returns a new timeline with `entry` appended. When that would exceed the bound, the first entry (the
 * report: who raised the case, when) is kept and the oldest entries after it are dropped; the newest
 * history matters most for handling and the full log lives in the hub's own store.
 */
export function appendTimeline(timeline: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const next = [...timeline, entry]
  if (next.length <= MAX_TIMELINE) return next
  const first = next[0]
  const rest = next.slice(next.length - (MAX_TIMELINE - 1))
  return first ? [first, ...rest] : rest
}
