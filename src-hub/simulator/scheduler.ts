// One timer for many future actions: a min-heap of tasks keyed by real time.
// Cheap at thousands of pending actions, and stop() clears everything at once.

/** What the field and the hall need of a clock with timers: the real Scheduler or a VirtualScheduler. */
export interface TaskScheduler {
  at(at: number, run: () => void): number
  after(delayMs: number, run: () => void): number
  cancel(id: number): void
}

interface Task {
  id: number
  at: number
  run: () => void
}

/** Node refuses setTimeout delays above 2^31−1 ms (~24.8 days); longer waits re-arm. */
const MAX_DELAY = 2_147_483_647

export class Scheduler implements TaskScheduler {
  private heap: Task[] = []
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
    this.push(task)
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
    this.heap = []
    this.live.clear()
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = Infinity
    const first = this.heap[0]
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
      const first = this.heap[0]
      if (first === undefined || first.at > now || this.stopped) break
      this.pop()
      if (!this.live.delete(first.id)) continue
      try {
        first.run()
      } catch (err) {
        this.onError(err)
      }
    }
    this.arm()
  }

  private push(task: Task): void {
    const h = this.heap
    h.push(task)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if ((h[parent] as Task).at <= task.at) break
      h[i] = h[parent] as Task
      i = parent
    }
    h[i] = task
  }

  private pop(): void {
    const h = this.heap
    const last = h.pop()
    if (last === undefined || h.length === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let mAt = last.at
      if (l < h.length && (h[l] as Task).at < mAt) {
        m = l
        mAt = (h[l] as Task).at
      }
      if (r < h.length && (h[r] as Task).at < mAt) m = r
      if (m === i) break
      h[i] = h[m] as Task
      i = m
    }
    h[i] = last
  }
}
