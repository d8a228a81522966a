// Collects what arrives between two frames and hands it over once, just before the next paint.
// At 20 reports/s the web host's socket delivers several deltas per frame; applying each one on
// arrival re-rendered the queue and re-diffed the map per message, keeping the main thread busy so
// the next WebSocket frame (perhaps the urgent case) waited behind work nobody would ever see.
// Applying in requestAnimationFrame also means React commits inside that callback, so the queue
// row is painted in that frame, while the map (which schedules its own frame) follows in the next.

/** Runs `run` once at the next opportunity; returns a cancel. */
export type FrameScheduler = (run: () => void) => () => void

/**
 * requestAnimationFrame, with a timer as a backstop: a hidden or minimised window gets no
 * animation frames, and its store must still follow the hub (the wall behind another window, a
 * print). Null where there is no requestAnimationFrame at all (Node): apply at once then.
 */
export function animationFrameScheduler(backstopMs = 100): FrameScheduler | null {
  if (typeof globalThis.requestAnimationFrame !== 'function') return null
  return (run) => {
    let done = false
    const once = (): void => {
      if (done) return
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(timer)
      run()
    }
    const frame = requestAnimationFrame(once)
    const timer = setTimeout(once, backstopMs)
    return () => {
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }
}

export class FrameBatcher<T> {
  private pending: T[] = []
  private cancelFrame: (() => void) | null = null

  /** With `schedule` null every push is applied at once (no frames to wait for). */
  constructor(
    private readonly apply: (items: T[]) => void,
    private readonly schedule: FrameScheduler | null
  ) {}

  push(item: T): void {
    if (!this.schedule) {
      this.apply([item])
      return
    }
    this.pending.push(item)
    this.cancelFrame ??= this.schedule(() => {
      this.cancelFrame = null
      this.flush()
    })
  }

  /** Applies everything pending now (in arrival order); nothing when empty. */
  flush(): void {
    this.cancelFrame?.()
    this.cancelFrame = null
    const items = this.pending.splice(0)
    if (items.length > 0) this.apply(items)
  }

  /** Hands back what is pending without applying it (a resync reloads the snapshot instead). */
  take(): T[] {
    this.cancelFrame?.()
    this.cancelFrame = null
    return this.pending.splice(0)
  }
}
