// A clock that only moves when told: timers on simulated time, run in order, for the pure loop
// model and tests (hours of hall and field work in a second, the same way every time).
import { type TaskScheduler } from './scheduler'
import { TaskHeap } from './task-heap'

/**
 * Lets promise chains started by one task (a command and its in-memory answer, a few hops deep)
 * settle before the next task. Microtasks only, so it stays deterministic and fast; a deeper chain
 * would just finish during a later task's turn, still in the same order every run.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await Promise.resolve()
}

export class VirtualScheduler implements TaskScheduler {
  private t: number
  private readonly heap = new TaskHeap()
  private readonly live = new Set<number>()
  private nextId = 1
  /** Tasks run so far (a measure of the model's work). */
  ran = 0

  constructor(start: number) {
    this.t = start
  }

  readonly now = (): number => this.t

  get size(): number {
    return this.live.size
  }

  at(at: number, run: () => void): number {
    const task = { id: this.nextId++, at: Math.max(at, this.t), run }
    this.live.add(task.id)
    this.heap.push(task)
    return task.id
  }

  after(delayMs: number, run: () => void): number {
    return this.at(this.t + Math.max(0, delayMs), run)
  }

  cancel(id: number): void {
    this.live.delete(id)
  }

  /** Runs every task due up to `until` in time order (ties in the order they were set), then sets the clock there. */
  async runUntil(until: number): Promise<void> {
    for (;;) {
      const first = this.heap.first
      if (first === undefined || first.at > until) break
      this.heap.pop()
      if (!this.live.delete(first.id)) continue
      this.t = first.at
      first.run()
      this.ran++
      await settle()
    }
    this.t = Math.max(this.t, until)
  }
}
