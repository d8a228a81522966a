// Browser side of the map benchmark: the real MapController and style with N synthetic cases
// (a share of them open), exposing measurements on window.__mapBench for run-map-bench.ts (and a
// plain view for screenshots). Deltas follow the hub's life: open cases move on, some close, new
// ones come in; the map shows open cases only.
import type { IncidentSummary } from '../../src-shared/api'
import { ReferenceData, isOpenStatus } from '../../src-shared/protocol'
import { MapController } from '../../src-renderer/map/map-controller'
import referenceJson from '../../resources/reference/reference.json'
import { prng, synthesizer } from './synthetic'

/** Per repetition: until the sources have the data, until the map is idle again (tiles redrawn), and the synchronous part. */
export type CompareResult = {
  updateMs: number[]
  setMs: number[]
  updateIdleMs: number[]
  setIdleMs: number[]
  updateBlockMs: number[]
  setBlockMs: number[]
}
/** recentMax: the most cases the small recent source held (it folds back into the base past a threshold). */
export type StreamResult = { frameMs: number[]; applied: number; recentMax: number }
export type MapBench = {
  count: number
  /** Cases the map draws (the open ones). */
  shown: number
  compare: (changes: number, reps: number) => Promise<CompareResult>
  stream: (seconds: number, changesPerSecond: number) => Promise<StreamResult>
  /** Move the view and wait until the map has drawn it. */
  jump: (lng: number, lat: number, zoom: number) => Promise<void>
}
declare global {
  interface Window {
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

  const idle = (): Promise<void> => new Promise<void>((resolve) => map.once('idle', () => resolve()))
  /** [until the data is in the sources, until the map is idle again, synchronous part]. */
  const timed = async (run: () => Promise<void>): Promise<[number, number, number]> => {
    const settled = idle()
    const t0 = performance.now()
    const pending = run()
    const blocked = performance.now() - t0
    await pending
    const data = performance.now() - t0
    await settled
    return [data, performance.now() - t0, blocked]
  }

  window.__mapBench = {
    count,
    shown: Number(container.dataset.incidents ?? 0),
    async compare(changes, reps) {
      const result: CompareResult = { updateMs: [], setMs: [], updateIdleMs: [], setIdleMs: [], updateBlockMs: [], setBlockMs: [] }
      // Each operation starts on an idle map and is timed until the map is idle again, so neither
      // waits behind the other's tile work in the worker.
      for (let r = 0; r < reps; r++) {
        // The controller's own path for one coalesced delta.
        const [u, ui, ub] = await timed(() => controller.applyDelta({ upserted: changeBatch(changes), removed: [] }))
        result.updateMs.push(u)
        result.updateIdleMs.push(ui)
        result.updateBlockMs.push(ub)
        const [s, si, sb] = await timed(async () => {
          changeBatch(changes)
          // The naive way: rebuild every shown case from the store and replace the sources' data.
          await controller.reloadIncidents()
        })
        result.setMs.push(s)
        result.setIdleMs.push(si)
        result.setBlockMs.push(sb)
      }
      return result
    },
    async stream(seconds, changesPerSecond) {
      const frameMs: number[] = []
      let applied = 0
      let recentMax = 0
      // Deliver what is due by the clock, so a late timer (busy main thread) does not lower the rate.
      const start = performance.now()
      const feeder = setInterval(() => {
        const due = Math.floor(((performance.now() - start) / 1000) * changesPerSecond) - applied
        if (due <= 0) return
        const upserted = changeBatch(due)
        applied += upserted.length
        controller.pushDelta({ upserted, removed: [] })
      }, 100)
      await new Promise<void>((resolve) => {
        let last = performance.now()
        const end = last + seconds * 1000
        const frame = (t: number): void => {
          frameMs.push(t - last)
          recentMax = Math.max(recentMax, controller.recentCases)
          last = t
          if (t < end) requestAnimationFrame(frame)
          else resolve()
        }
        requestAnimationFrame(frame)
      })
      clearInterval(feeder)
      return { frameMs, applied, recentMax }
    },
    async jump(lng, lat, zoom) {
      map.jumpTo({ center: [lng, lat], zoom })
      await new Promise<void>((resolve) => map.once('idle', () => resolve()))
    }
  }
}

main().catch((err: unknown) => {
  window.__mapBenchError = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)
})
