// Paces the map's data updates (issue 13). The queue follows the store every animation frame; the
// map need not: under software GL each MapLibre frame holds the renderer's main thread for 100–500 ms
// (the compositor reads the WebGL canvas back), and at 20 reports/s a map redrawn per frame kept the
// main thread busy, so the WebSocket message with the next urgent case waited behind frames nobody
// needed. Deltas pile up in the controller's buffer meanwhile and are applied in one go, exact.
// A new urgent case is not held back: it goes on the map in the next frame (after the queue's).

/** Runs `run` at the next animation frame; returns a cancel. */
export type FrameRequest = (run: () => void) => () => void

export type MapCadenceOptions = {
  /** At least this long between two ordinary updates (ms). */
  intervalMs: number
  now: () => number
  frame: FrameRequest
  setTimer: (run: () => void, ms: number) => () => void
}

export const MAP_UPDATE_INTERVAL_MS = 1000

export class MapCadence {
  private lastRun = -Infinity
  /** Cancels whatever is scheduled (a timer, then a frame), or null when nothing is. */
  private cancelPending: (() => void) | null = null
  /** Whether what is scheduled is the next frame (not a timer that leads to one). */
  private atNextFrame = false

  constructor(
    private readonly run: () => void,
    private readonly options: MapCadenceOptions
  ) {}

  /** Something is waiting to go on the map; `urgent` (a new urgent case) skips the wait. */
  request(urgent = false): void {
    if (this.cancelPending && (this.atNextFrame || !urgent)) return
    this.cancel()
    const wait = this.lastRun + this.options.intervalMs - this.options.now()
    if (urgent || wait <= 0) this.inNextFrame()
    else this.cancelPending = this.options.setTimer(() => this.inNextFrame(), wait)
  }

  /** Apply now, in this frame (the caller is in one), and restart the interval. */
  runNow(): void {
    this.cancel()
    this.lastRun = this.options.now()
    this.run()
  }

  cancel(): void {
    this.cancelPending?.()
    this.cancelPending = null
    this.atNextFrame = false
  }

  private inNextFrame(): void {
    this.atNextFrame = true
    this.cancelPending = this.options.frame(() => {
      this.cancelPending = null
      this.atNextFrame = false
      this.runNow()
    })
  }
}

/** The browser's frames and timers. */
export function browserCadence(run: () => void, intervalMs = MAP_UPDATE_INTERVAL_MS): MapCadence {
  return new MapCadence(run, {
    intervalMs,
    now: () => performance.now(),
    frame: (cb) => {
      const id = requestAnimationFrame(() => cb())
      return () => cancelAnimationFrame(id)
    },
    setTimer: (cb, ms) => {
      const id = setTimeout(cb, ms)
      return () => clearTimeout(id)
    }
  })
}
