// The queue behind both schedulers (real time and simulated time): a binary min-heap of timed
// tasks, earliest first, ties in the order they were set. Cancelled tasks stay until popped.

export interface Task {
  id: number
  at: number
  run: () => void
}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id)
}

export class TaskHeap {
  private items: Task[] = []

  /** The earliest task, or undefined when empty. */
  get first(): Task | undefined {
    return this.items[0]
  }

  clear(): void {
    this.items = []
  }

  push(task: Task): void {
    const h = this.items
    h.push(task)
    let i = h.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(task, h[parent] as Task)) break
      h[i] = h[parent] as Task
      i = parent
    }
    h[i] = task
  }

  /** Removes the earliest task. */
  pop(): void {
    const h = this.items
    const last = h.pop()
    if (last === undefined || h.length === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      let best = last
      if (l < h.length && before(h[l] as Task, best)) {
        m = l
        best = h[l] as Task
      }
      if (r < h.length && before(h[r] as Task, best)) m = r
      if (m === i) break
      h[i] = h[m] as Task
      i = m
    }
    h[i] = last
  }
}
