// CPU time per thread group from a Chromium trace (CDP Tracing, every process), summed over
// windows the bench page marks with performance.mark: the page's main thread, its dedicated
// workers (MapLibre's GeoJSON/tile workers), the GPU process (where SwiftShader rasterizes the
// WebGL redraw on a box with no GPU) and the renderer's other threads.
import type { CDPSession } from '@playwright/test'

export type TraceEvent = {
  ph: string
  name: string
  cat?: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string; data?: unknown }
}

export type Group = 'main' | 'worker' | 'gpu' | 'other'
/** Milliseconds of thread CPU time per group; `frames`: main-thread time inside animation-frame callbacks (MapLibre renders there). */
export type CpuSplit = Record<Group, number> & { frames: number }

const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata', 'devtools.timeline']

/** Start a browser-wide trace on a browser-level CDP session; returns a function that stops it and yields the events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = []
  // CDP types the events as loose objects; these are Chromium's trace event format.
  const onData = (e: { value: object[] }): void => {
    for (const ev of e.value) events.push(ev as TraceEvent)
  }
  cdp.on('Tracing.dataCollected', onData)
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' })
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.end')
    await complete
    cdp.off('Tracing.dataCollected', onData)
    return events
  }
}

/** A task's CPU: its thread time where Chromium recorded one, else its wall time. */
type Task = { start: number; end: number; cpu: number }

type Threads = { byThread: Map<string, Task[]>; group: Map<string, Group>; frames: Task[]; marks: Map<string, number> }

/**
 * Outermost top-level tasks per thread (a toplevel event may nest another: a worker's RunTask
 * holds a SimpleWatcher task), so no time is counted twice.
 */
function outermost(events: TraceEvent[]): Task[] {
  const sorted = events.filter((e) => e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const out: { task: Task; threadTime: boolean; innerEnd: number }[] = []
  let current: { task: Task; threadTime: boolean; innerEnd: number } | null = null
  for (const e of sorted) {
    const end = e.ts + (e.dur ?? 0)
    if (current && e.ts < current.task.end) {
      // Nested. An outer task with no thread time takes its outermost inner tasks' thread time.
      if (!current.threadTime && e.tdur !== undefined && e.ts >= current.innerEnd) {
        current.task.cpu += e.tdur
        current.innerEnd = end
      }
      continue
    }
    current = { task: { start: e.ts, end, cpu: e.tdur ?? 0 }, threadTime: e.tdur !== undefined, innerEnd: -Infinity }
    out.push(current)
  }
  // An outer task with no thread time and none inside: its wall time is all there is.
  return out.map((o) => (o.threadTime || o.innerEnd > -Infinity ? o.task : { ...o.task, cpu: o.task.end - o.task.start }))
}

/** Index a trace: its marks, and thread groups for the renderer process that emitted the `markPrefix` marks. */
export function indexTrace(events: TraceEvent[], markPrefix: string): Threads {
  const threadName = new Map<string, string>()
  const processName = new Map<number, string>()
  for (const e of events) {
    if (e.ph !== 'M') continue
    if (e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '')
  }
  const marks = new Map<string, number>()
  let pagePid = -1
  for (const e of events) {
    if (!e.cat?.includes('blink.user_timing') || e.ph === 'R') continue
    marks.set(e.name, e.ts)
    if (e.name.startsWith(markPrefix)) pagePid = e.pid
  }
  if (pagePid < 0) throw new Error(`no "${markPrefix}" marks in the trace`)
  const group = new Map<string, Group>()
  const tasks = new Map<string, TraceEvent[]>()
  const frameEvents: TraceEvent[] = []
  for (const e of events) {
    if (e.ph !== 'X') continue
    const key = `${e.pid}:${e.tid}`
    const name = threadName.get(key) ?? ''
    let g: Group | null = null
    if (e.pid === pagePid) g = name === 'CrRendererMain' ? 'main' : name.startsWith('DedicatedWorker') ? 'worker' : 'other'
    else if (processName.get(e.pid) === 'GPU Process') g = 'gpu'
    if (g === null) continue
    group.set(key, g)
    // Appended in place: copying the list per event (as this once did) is quadratic, and a 60 s
    // stream's trace holds hundreds of thousands of tasks — the map bench sat in here for minutes.
    if (e.cat?.split(',').includes('toplevel')) {
      const list = tasks.get(key)
      if (list) list.push(e)
      else tasks.set(key, [e])
    }
    if (g === 'main' && e.name === 'FireAnimationFrame') frameEvents.push(e)
  }
  const byThread = new Map<string, Task[]>()
  for (const [key, list] of tasks) byThread.set(key, outermost(list))
  return { byThread, group, frames: outermost(frameEvents), marks }
}

/** CPU of the tasks in [from, to] (µs trace clock); a task crossing an edge counts by the share of its wall time inside. */
function sumIn(tasks: readonly Task[], from: number, to: number): number {
  let total = 0
  for (const t of tasks) {
    if (t.end <= from || t.start >= to) continue
    const wall = t.end - t.start
    const inside = Math.min(t.end, to) - Math.max(t.start, from)
    total += wall > 0 ? t.cpu * (inside / wall) : t.cpu
  }
  return total
}

/** CPU per group (ms) between two marks. */
export function cpuBetween(trace: Threads, fromMark: string, toMark: string): CpuSplit {
  const from = trace.marks.get(fromMark)
  const to = trace.marks.get(toMark)
  if (from === undefined || to === undefined) throw new Error(`trace lacks mark ${from === undefined ? fromMark : toMark}`)
  const out: CpuSplit = { main: 0, worker: 0, gpu: 0, other: 0, frames: 0 }
  for (const [key, tasks] of trace.byThread) {
    const g = trace.group.get(key)
    if (g) out[g] += sumIn(tasks, from, to) / 1000
  }
  out.frames = sumIn(trace.frames, from, to) / 1000
  return out
}
