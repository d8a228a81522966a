// One timer for many future actions: a heap of tasks keyed by real time (task-heap.ts).
// Cheap at thousands of pending actions, and stop() clears everything at once.
import { TaskHeap } from './task-heap'

/** What the field and the hall need of a clock with timers: the real Scheduler or a VirtualScheduler. */
export interface TaskScheduler {
  at(at: number, run: () => void): number
  after(delayMs: number, run: () => void): number
  cancel(id: number): void
}

/** Node refuses setTimeout delays above 2^31−1 ms (~24.8 days); longer waits re-arm. */
const MAX_DELAY = 2_147_483_647

export class Scheduler implements TaskScheduler {
  private readonly heap = new TaskHeap()
  private live = new Set<number>()
  private nextId = 1
  private timer: ReturnType<typeof setTimeout> | null = null
  private armedFor = Infinity
  private stopped = false

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onError: (err: unknown) => void = () => {}
  ) {}

  get size(): number {
    return this.live.size
  }

  /** Runs `run` at real time `at` (or soon, if that is past). Returns an id for cancel(). */
  at(at: number, run: () => void): number {
    if (this.stopped) return 0
    const task = { id: this.nextId++, at, run }
    this.live.add(task.id)
    this.heap.push(task)
    if (at < this.armedFor) this.arm()
    return task.id
  }

  after(delayMs: number, run: () => void): number {
    return this.at(this.now() + Math.max(0, delayMs), run)
  }

  cancel(id: number): void {
    // Lazy: the task stays in the heap and is skipped when it comes up.
    this.live.delete(id)
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.heap.clear()
    this.live.clear()
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = Infinity
    const first = this.heap.first
    if (first === undefined || this.stopped) return
    this.armedFor = first.at
    const delay = Math.min(MAX_DELAY, Math.max(0, first.at - this.now()))
    this.timer = setTimeout(() => this.fire(), delay)
  }

  private fire(): void {
    this.timer = null
    this.armedFor = Infinity
    const now = this.now()
    // Bounded batch per tick so a flood of due tasks cannot starve socket I/O.
    for (let n = 0; n < 2000; n++) {
      const first = this.heap.first
      if (first === undefined || first.at > now || this.stopped) break
      this.heap.pop()
      if (!this.live.delete(first.id)) continue
      try {
        first.run()
      } catch (err) {
        this.onError(err)
      }
    }
    this.arm()
  }
}
