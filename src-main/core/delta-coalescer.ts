// Merges cache deltas that arrive close together into one, so listeners (the renderer, the map)
// get at most one delta per frame (~16 ms) however many batches the hub sends.
// Issue 13: waiting out the frame is only worth it when deltas come in a stream. With `leading`, a
// delta after a quiet frame goes out at once (a lone report is not held 16 ms), and a new urgent case
// (reported, not yet accepted) always goes out at once with whatever is pending: it must never wait
// behind a catch-up page. The renderer coalesces per animation frame again, so an extra emit is cheap.
// The netting itself is delta-merge.ts, shared with the web host's hold for a slow page.
import { type Delta, type IncidentSummary } from '../../src-shared/api'
import { DeltaMerge } from './delta-merge'

export const FRAME_MS = 16

export type CoalescerOptions = {
  /** Send a delta at once when nothing was sent within the last frame (default on). */
  leading?: boolean
  now?: () => number
}

const isNewUrgent = (i: IncidentSummary): boolean => i.urgency === 'urgent' && i.status === 'reported'

export class DeltaCoalescer {
  private readonly merge = new DeltaMerge()
  private timer: NodeJS.Timeout | null = null
  private lastEmitAt = -Infinity
  private readonly leading: boolean
  private readonly now: () => number

  constructor(
    private readonly emit: (delta: Delta) => void,
    private readonly frameMs = FRAME_MS,
    options: CoalescerOptions = {}
  ) {
    this.leading = options.leading ?? true
    this.now = options.now ?? Date.now
  }

  push(delta: Delta): void {
    this.merge.push(delta)
    const quiet = this.leading && this.now() - this.lastEmitAt >= this.frameMs
    if (quiet || delta.incidents.some(isNewUrgent)) return this.flush()
    this.timer ??= setTimeout(() => this.flush(), this.frameMs)
  }

  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    const delta = this.merge.take()
    if (delta === null) return
    this.lastEmitAt = this.now()
    this.emit(delta)
  }

  /** Drops a pending delta without sending it (at close). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.merge.clear()
  }
}
