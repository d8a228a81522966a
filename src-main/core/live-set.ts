// The renderer's live set, followed in the core: every open case, plus finished ones inside the
// retention window (live-window.ts). Cache deltas are narrowed to it, and a cheap timer removes
// finished cases as the window passes them, so a wall running for days holds a bounded set.
import {
  type Delta,
  type FinishedRetention,
  type IncidentSummary,
  finishedAtMs,
  retentionStart
} from '../../src-shared/api'
import type { LiveIncidentTime } from './store'

export type LiveSetTiming = {
  /** Removals due close together are sent together: the sweep waits at least this long. */
  liveSweepMinMs: number
  /** The sweep looks again at least this often (clock corrections, a new calendar). */
  liveSweepMaxMs: number
}

export const DEFAULT_LIVE_SET_TIMING: LiveSetTiming = { liveSweepMinMs: 1000, liveSweepMaxMs: 60_000 }

/** A step back of the hub clock beyond this grows the window back (checkClock); smaller ones are noise. */
export const CLOCK_STEP_BACK_MS = 60_000

export type LiveSetChange = { upserted: IncidentSummary[]; removed: string[] }

export type LiveSetDeps = {
  retention: FinishedRetention
  /** Hub time now (the console clock corrected by the sync client's skew). */
  hubNow: () => number
  /** Finished cases in the cache that finished at or after `sinceMs`, for a window that grew. */
  loadFinishedSince: (sinceMs: number) => Promise<IncidentSummary[]>
  /** Hands a change of the live set (not caused by a cache delta) to the renderer. */
  emit: (change: LiveSetChange) => void
  onError?: (err: unknown) => void
  timing?: Partial<LiveSetTiming>
}

export class LiveSet {
  private readonly open = new Set<string>()
  /** Finished cases in the set: id → finishing time (hub ms). */
  private readonly finished = new Map<string, number>()
  private offset: number | null
  /** The window's start only moves forward, except when the calendar changes (see setUtcOffset). */
  private start = -Infinity
  private timer: NodeJS.Timeout | null = null
  private timerAt = Infinity
  private closed = false
  private readonly timing: LiveSetTiming

  constructor(
    private readonly deps: LiveSetDeps,
    utcOffsetMinutes: number | null
  ) {
    this.offset = utcOffsetMinutes
    this.timing = { ...DEFAULT_LIVE_SET_TIMING, ...deps.timing }
  }

  /** The earliest finishing time a finished case may have to be handed over now. */
  windowStart(): number {
    const computed = retentionStart(this.deps.retention, this.deps.hubNow(), this.offset)
    // A clock correction that steps back must not bring back cases already removed.
    if (computed > this.start) this.start = computed
    return this.start
  }

  /** Starts following from the cache's live set (as store.listLiveIncidentTimes reads it). */
  init(cases: readonly LiveIncidentTime[]): void {
    this.open.clear()
    this.finished.clear()
    for (const c of cases) this.note(c.id, finishedAtMs(c))
    this.arm(null)
  }

  get size(): number {
    return this.open.size + this.finished.size
  }

  has(id: string): boolean {
    return this.open.has(id) || this.finished.has(id)
  }

  /**
   * A cache delta as the renderer should see it: cases outside the window left out, or removed when the
   * renderer holds them (a case that finished long ago, seen late); removals of cases it never held dropped.
   */
  narrow(delta: Delta): Delta {
    const start = this.windowStart()
    const incidents: IncidentSummary[] = []
    const removed: string[] = []
    let earliestDue: number | null = null
    for (const id of delta.removedIncidentIds) if (this.forget(id)) removed.push(id)
    for (const incident of delta.incidents) {
      let finished = finishedAtMs(incident)
      if (finished !== null && Number.isNaN(finished)) finished = this.deps.hubNow()
      if (finished === null || finished >= start) {
        this.note(incident.id, finished)
        incidents.push(incident)
        if (finished !== null) earliestDue = Math.min(earliestDue ?? Infinity, this.dueAt(finished))
      } else if (this.forget(incident.id)) {
        removed.push(incident.id)
      }
    }
    if (earliestDue !== null) this.arm(earliestDue)
    if (incidents.length === delta.incidents.length && removed.length === delta.removedIncidentIds.length) return delta
    return { ...delta, incidents, removedIncidentIds: removed }
  }

  /** Removes the finished cases the window has passed; returns their ids (also emitted). */
  sweep(): string[] {
    const start = this.windowStart()
    const removed: string[] = []
    for (const [id, finished] of this.finished) {
      if (finished < start) {
        this.finished.delete(id)
        removed.push(id)
      }
    }
    if (removed.length > 0) this.deps.emit({ upserted: [], removed })
    this.arm(null)
    return removed
  }

  /**
   * The calendar's offset (reference data) arrived or changed. A day that now starts earlier brings back
   * the cases that finished in the added span (read from the cache); one that starts later is swept.
   */
  async setUtcOffset(minutes: number | null): Promise<void> {
    if (minutes === this.offset) return
    this.offset = minutes
    const computed = retentionStart(this.deps.retention, this.deps.hubNow(), minutes)
    if (computed >= this.start) {
      this.sweep()
      return
    }
    await this.widenTo(computed)
  }

  /**
   * The hub clock moved back a long way (this computer's clock was far ahead until the hub's time was
   * known, or was set back): the window grows back instead of holding a start the hall has not reached.
   * Small steps back are ignored (see windowStart).
   */
  async checkClock(): Promise<void> {
    const computed = retentionStart(this.deps.retention, this.deps.hubNow(), this.offset)
    if (computed < this.start - CLOCK_STEP_BACK_MS) await this.widenTo(computed)
  }

  private async widenTo(computed: number): Promise<void> {
    const before = this.start
    this.start = computed
    const found = await this.deps.loadFinishedSince(computed)
    if (this.closed) return
    const upserted: IncidentSummary[] = []
    for (const incident of found) {
      const finished = finishedAtMs(incident)
      // Only the added span; a case the set holds already came in a delta, newer than this read.
      if (finished === null || finished >= before || this.has(incident.id) || finished < this.windowStart()) continue
      this.note(incident.id, finished)
      upserted.push(incident)
    }
    if (upserted.length > 0) this.deps.emit({ upserted, removed: [] })
    this.arm(null)
  }

  close(): void {
    this.closed = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private note(id: string, finished: number | null): void {
    if (finished === null) {
      this.finished.delete(id)
      this.open.add(id)
    } else {
      this.open.delete(id)
      this.finished.set(id, finished)
    }
  }

  private forget(id: string): boolean {
    return this.open.delete(id) || this.finished.delete(id)
  }

  /** Hub time at which a case that finished at `finished` leaves the window (Infinity: not known yet). */
  private dueAt(finished: number): number {
    const r = this.deps.retention
    if (r.kind === 'ms') return finished + r.ms
    if (this.offset === null) return Infinity
    // The day it finished ends at the next local midnight.
    return retentionStart(r, finished, this.offset) + 86_400_000
  }

  /**
   * Sets the sweep timer for the earliest due removal: `due` when one case was added (the timer only
   * moves earlier), or recomputed over the set (null). Bounded below and above by the timing.
   */
  private arm(due: number | null): void {
    if (this.closed) return
    let next = due
    if (next === null) {
      next = Infinity
      for (const finished of this.finished.values()) next = Math.min(next, this.dueAt(finished))
      if (this.timer !== null) clearTimeout(this.timer)
      this.timer = null
      this.timerAt = Infinity
    }
    const { liveSweepMinMs, liveSweepMaxMs } = this.timing
    const wait = Math.min(liveSweepMaxMs, Math.max(liveSweepMinMs, next - this.deps.hubNow()))
    const at = Date.now() + wait
    if (this.timer !== null && this.timerAt <= at) return
    if (this.timer !== null) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = null
      this.timerAt = Infinity
      try {
        this.sweep()
      } catch (err) {
        this.deps.onError?.(err)
        this.arm(null)
      }
    }, wait)
    this.timer.unref?.()
  }
}
