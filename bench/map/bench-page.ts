// Browser side of the map benchmark: the real MapController and style with N synthetic cases
// (a share of them open), exposing measurements on window.__mapBench for run-map-bench.ts (and a
// plain view for screenshots). Deltas follow the hub's life: open cases move on, some close, new
// ones come in; the map shows open cases only.
import 'maplibre-gl/dist/maplibre-gl.css'
import type { IncidentSummary } from '../../src-shared/api'
import { ReferenceData, isOpenStatus } from '../../src-shared/protocol'
import { MapController } from '../../src-renderer/map/map-controller'
import referenceJson from '../../resources/reference/reference.json'
import { benchFunctionalGrids, prng, synthesizer } from './synthetic'

/** Per repetition: until the sources have the data, until the map is idle again (tiles redrawn), and the synchronous part. */
export type CompareResult = {
  updateMs: number[]
  setMs: number[]
  updateIdleMs: number[]
  setIdleMs: number[]
  updateBlockMs: number[]
  setBlockMs: number[]
}
/** recentMax: the most cases the small recent source held (it folds back into the base past a threshold); renders: map redraws. */
export type StreamResult = { frameMs: number[]; applied: number; recentMax: number; renders: number }
/** While `pulsing` new urgent cases pulse: map redraws over `seconds`, and animation-frame intervals over its last part. */
export type PulseResult = { pulsing: number; renders: number; frameMs: number[]; seconds: number }
export type MapBench = {
  count: number
  /** Cases the map draws (the open ones). */
  shown: number
  /** Marks each operation `${tag}:update|set:${rep}:start|data|idle` for a trace (and process-CPU snapshots when on). */
  compare: (changes: number, reps: number, tag?: string) => Promise<CompareResult>
  /** Marks `${tag}:start` and `${tag}:end`. */
  stream: (seconds: number, changesPerSecond: number, tag?: string) => Promise<StreamResult>
  /** `seconds` at rest, then `count` new urgent cases and `seconds` of their pulse; marks `${tag}:rest:start|end` and `${tag}:start|end`. */
  pulse: (count: number, seconds: number, tag?: string) => Promise<PulseResult>
  /** Move the view and wait until the map has drawn it. */
  jump: (lng: number, lat: number, zoom: number) => Promise<void>
  /** Wall ms of each of `reps` forced redraws of the current view, from the request until the map is idle. */
  redraw: (reps: number) => Promise<number[]>
}
declare global {
  interface Window {
    /** Set by run-map-bench.ts: snapshot every Chromium process's CPU time under a label (CDP SystemInfo). */
    __procCpu?: (label: string) => Promise<void>
    /** Whether to take those snapshots (only in the traced pass, so the wall-time pass has no extra round trips). */
    __procCpuOn?: boolean
    __mapBench?: MapBench
    __mapBenchError?: string
  }
}

const params = new URLSearchParams(location.search)
const count = Number(params.get('n') ?? 50_000)
const openShare = Number(params.get('open') ?? 1)
const theme = params.get('theme') === 'console' ? 'console' : 'wall'
const NOW = Date.now()

async function main(): Promise<void> {
  const reference = ReferenceData.parse(referenceJson)
  const synth = synthesizer(reference, 7, openShare)
  const store = new Map<string, IncidentSummary>()
  const openIds: string[] = []
  for (let i = 0; i < count; i++) {
    const incident = synth.make(i, NOW)
    store.set(incident.id, incident)
    if (isOpenStatus(incident.status)) openIds.push(incident.id)
  }
  const container = document.getElementById('map') as HTMLElement
  const controller = new MapController({
    container,
    theme,
    reference,
    crs: 'wgs84',
    now: () => Date.now(),
    allIncidents: () => store.values(),
    isReady: () => true,
    onSelect: () => {},
    flyToUrgent: () => false
  })
  await controller.loadedPromise
  controller.pushDelta({ upserted: [], removed: [] })
  // Issue 14: ?gridTypes=1 measures with the grid-type shading on (MAP_BENCH_GRID_TYPES=1 in run-map-bench).
  if (params.get('gridTypes') === '1') controller.setGridTypes(true)
  // Issue 14 item 2 (rev 1.8): ?fg=N lays N active functional grids over the first N communities
  // (overlay-compare.ts measures the data path with them and the type shading against without).
  const fgCount = Number(params.get('fg') ?? 0)
  if (fgCount > 0) controller.setFunctionalGrids(benchFunctionalGrids(reference, fgCount, NOW))
  const map = controller.map
  const view = params.get('view')?.split(',').map(Number)
  if (view && view.length === 3) map.jumpTo({ center: [view[0] ?? 0, view[1] ?? 0], zoom: view[2] ?? 12 })
  await new Promise<void>((resolve) => map.once('idle', () => resolve()))
  const rand = prng(99)
  let version = 2
  let fresh = 0
  /** n changes as the hub makes them: 80% an open case moves on, 10% one closes, 10% a new case. */
  const changeBatch = (n: number): IncidentSummary[] => {
    const out: IncidentSummary[] = []
    for (let k = 0; k < n; k++) {
      const roll = rand()
      if (roll < 0.1 || openIds.length === 0) {
        const made = synth.make(count + fresh++, Date.now())
        const incident: IncidentSummary = { ...made, id: `bench-new-${fresh}`, status: 'reported', deadlineAt: null, pausedAt: null, mergedInto: null }
        store.set(incident.id, incident)
        openIds.push(incident.id)
        out.push(incident)
        continue
      }
      const at = Math.floor(rand() * openIds.length)
      const id = openIds[at] ?? ''
      const held = store.get(id)
      if (!held) continue
      const closing = roll < 0.2
      if (closing) {
        openIds[at] = openIds[openIds.length - 1] ?? id
        openIds.pop()
      }
      const next: IncidentSummary = {
        ...held,
        version: version++,
        status: closing ? 'closed' : held.status === 'dispatched' ? 'in_progress' : 'dispatched',
        location: { lng: held.location.lng + 0.00005, lat: held.location.lat },
        updatedAt: new Date().toISOString()
      }
      store.set(id, next)
      out.push(next)
    }
    return out
  }

  /** A trace mark and a process-CPU snapshot under the same name. */
  const mark = async (name: string): Promise<void> => {
    performance.mark(name)
    if (window.__procCpuOn) await window.__procCpu?.(name)
  }
  const idle = (): Promise<void> => new Promise<void>((resolve) => map.once('idle', () => resolve()))
  let renders = 0
  map.on('render', () => renders++)
  /** [until the data is in the sources, until the map is idle again, synchronous part]. */
  const timed = async (run: () => Promise<void>, name: string): Promise<[number, number, number]> => {
    const settled = idle()
    await mark(`${name}:start`)
    const t0 = performance.now()
    const pending = run()
    const blocked = performance.now() - t0
    await pending
    const data = performance.now() - t0
    await mark(`${name}:data`)
    await settled
    const all = performance.now() - t0
    await mark(`${name}:idle`)
    return [data, all, blocked]
  }
  /** rAF intervals for `seconds`, calling `each` every frame. */
  const frames = (seconds: number, each: () => void = () => {}): Promise<number[]> =>
    new Promise<number[]>((resolve) => {
      const out: number[] = []
      let last = performance.now()
      const end = last + seconds * 1000
      const frame = (t: number): void => {
        out.push(t - last)
        each()
        last = t
        if (t < end) requestAnimationFrame(frame)
        else resolve(out)
      }
      requestAnimationFrame(frame)
    })

  window.__mapBench = {
    count,
    shown: Number(container.dataset.incidents ?? 0),
    async compare(changes, reps, tag = 'compare') {
      const result: CompareResult = { updateMs: [], setMs: [], updateIdleMs: [], setIdleMs: [], updateBlockMs: [], setBlockMs: [] }
      // Each operation starts on an idle map and is timed until the map is idle again, so neither
      // waits behind the other's tile work in the worker.
      for (let r = 0; r < reps; r++) {
        // The controller's own path for one coalesced delta.
        const [u, ui, ub] = await timed(() => controller.applyDelta({ upserted: changeBatch(changes), removed: [] }), `${tag}:update:${r}`)
        result.updateMs.push(u)
        result.updateIdleMs.push(ui)
        result.updateBlockMs.push(ub)
        const [s, si, sb] = await timed(async () => {
          changeBatch(changes)
          // The naive way: rebuild every shown case from the store and replace the sources' data.
          await controller.reloadIncidents()
        }, `${tag}:set:${r}`)
        result.setMs.push(s)
        result.setIdleMs.push(si)
        result.setBlockMs.push(sb)
      }
      return result
    },
    async stream(seconds, changesPerSecond, tag = 'stream') {
      let applied = 0
      let recentMax = 0
      const rendersBefore = renders
      await mark(`${tag}:start`)
      // Deliver what is due by the clock, so a late timer (busy main thread) does not lower the rate.
      const start = performance.now()
      const feeder = setInterval(() => {
        const due = Math.floor(((performance.now() - start) / 1000) * changesPerSecond) - applied
        if (due <= 0) return
        const upserted = changeBatch(due)
        applied += upserted.length
        controller.pushDelta({ upserted, removed: [] })
      }, 100)
      const frameMs = await frames(seconds, () => (recentMax = Math.max(recentMax, controller.recentCases)))
      clearInterval(feeder)
      await mark(`${tag}:end`)
      return { frameMs, applied, recentMax, renders: renders - rendersBefore }
    },
    async pulse(howMany, seconds, tag = 'pulse') {
      const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
      // The same window with nothing pulsing and no animation-frame loop: the CPU baseline.
      await mark(`${tag}:rest:start`)
      await sleep(seconds * 1000)
      await mark(`${tag}:rest:end`)
      const urgent: IncidentSummary[] = []
      for (let k = 0; k < howMany; k++) {
        const made = synth.make(count + fresh++, Date.now())
        const incident: IncidentSummary = { ...made, id: `bench-urgent-${fresh}`, urgency: 'urgent', status: 'reported', deadlineAt: null, pausedAt: null, mergedInto: null }
        store.set(incident.id, incident)
        openIds.push(incident.id)
        urgent.push(incident)
      }
      await controller.applyDelta({ upserted: urgent, removed: [] })
      // Let the new dots' own redraw pass; what follows is the pulse alone.
      await sleep(1500)
      const rendersBefore = renders
      // CPU with no animation-frame loop of ours (it would cost main-thread frames itself)…
      await mark(`${tag}:start`)
      await sleep(seconds * 1000)
      await mark(`${tag}:end`)
      // …then how often frames come while it pulses.
      const frameMs = await frames(Math.min(seconds, 3))
      return { pulsing: controller.pulsingCases, renders: renders - rendersBefore, frameMs, seconds: seconds + Math.min(seconds, 3) }
    },
    async jump(lng, lat, zoom) {
      map.jumpTo({ center: [lng, lat], zoom })
      await new Promise<void>((resolve) => map.once('idle', () => resolve()))
    },
    async redraw(reps) {
      const out: number[] = []
      for (let r = 0; r < reps; r++) {
        const settled = idle()
        const t0 = performance.now()
        map.triggerRepaint()
        await settled
        out.push(performance.now() - t0)
      }
      return out
    }
  }
}

main().catch((err: unknown) => {
  window.__mapBenchError = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)
})
