// Logging of repeated refusals, sampled: the first of a kind in a window is written in full, the rest
// are counted and summed up in one line when the window closes. An attack sending thousands of bad
// packets costs a handful of log lines, never one per packet.

interface Window {
  started: number
  suppressed: number
}

export const SAMPLE_WINDOW_MS = 10_000

export class SampledLog {
  private readonly windows = new Map<string, Window>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly log: (msg: string) => void,
    private readonly windowMs: number = SAMPLE_WINDOW_MS,
    private readonly now: () => number = Date.now
  ) {
    this.timer = setInterval(() => this.flush(false), windowMs)
    this.timer.unref()
  }

  /** Writes `line` unless a line of the same `kind` was written in this window; then only counts it. */
  note(kind: string, line: string): void {
    const w = this.windows.get(kind)
    const t = this.now()
    if (w && t - w.started < this.windowMs) {
      w.suppressed++
      return
    }
    if (w && w.suppressed > 0) this.summary(kind, w)
    // Kinds are few by construction (event × reason), but cap them anyway: a key per attacker IP must not grow forever.
    if (!w && this.windows.size >= 1000) this.flush(true)
    this.windows.set(kind, { started: t, suppressed: 0 })
    this.log(line)
  }

  /** Writes the summaries of closed windows (all windows when `all`). */
  flush(all: boolean): void {
    const t = this.now()
    for (const [kind, w] of this.windows) {
      if (!all && t - w.started < this.windowMs) continue
      if (w.suppressed > 0) this.summary(kind, w)
      this.windows.delete(kind)
    }
  }

  stop(): void {
    clearInterval(this.timer)
    this.flush(true)
  }

  private summary(kind: string, w: Window): void {
    this.log(`${w.suppressed} more like "${kind}" in the last ${Math.round((this.now() - w.started) / 1000)} s (not logged one by one)`)
  }
}
