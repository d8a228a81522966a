// Browser side of the map benchmark: the real MapController and style with N synthetic cases,
// exposing measurements on window.__mapBench for run-map-bench.ts (and a plain view for screenshots).
import type { GeoJSONSource } from 'maplibre-gl'
import type { IncidentSummary } from '../../src-shared/api'
import { ReferenceData } from '../../src-shared/protocol'
import { makeProjector } from '../../src-renderer/map/coords'
import { IncidentSourceState } from '../../src-renderer/map/incident-diff'
import { MapController } from '../../src-renderer/map/map-controller'
import { SRC } from '../../src-renderer/map/style'
import referenceJson from '../../resources/reference/reference.json'
import { synthesizer } from './synthetic'

/** Per repetition: until the source has the data, until the map is idle again (tiles redrawn), and the synchronous part. */
export type CompareResult = {
  updateMs: number[]
  setMs: number[]
  updateIdleMs: number[]
  setIdleMs: number[]
  updateBlockMs: number[]
  setBlockMs: number[]
}
export type StreamResult = { frameMs: number[]; applied: number }
export type MapBench = {
  count: number
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
const theme = params.get('theme') === 'console' ? 'console' : 'wall'
const NOW = Date.now()

async function main(): Promise<void> {
  const reference = ReferenceData.parse(referenceJson)
  const synth = synthesizer(reference)
  const store = new Map<string, IncidentSummary>()
  for (let i = 0; i < count; i++) {
    const incident = synth.make(i, NOW)
    store.set(incident.id, incident)
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
  const source = map.getSource<GeoJSONSource>(SRC.incidents)
  if (!source) throw new Error('incidents source missing')

  // A separate diff state mirrors the source for the direct comparison (same data as the controller's).
  const state = new IncidentSourceState(makeProjector('wgs84'))
  state.reset(store.values(), NOW)
  let version = 2
  let cursor = 0
  const changeBatch = (n: number): IncidentSummary[] => {
    const out: IncidentSummary[] = []
    for (let k = 0; k < n; k++) {
      const id = `bench-${(cursor++ * 7919) % count}`
      const held = store.get(id)
      if (!held) continue
      const next: IncidentSummary = {
        ...held,
        version: version++,
        status: held.status === 'dispatched' ? 'in_progress' : 'dispatched',
        location: { lng: held.location.lng + 0.00005, lat: held.location.lat }
      }
      store.set(id, next)
      out.push(next)
    }
    return out
  }

  const idle = (): Promise<void> => new Promise<void>((resolve) => map.once('idle', () => resolve()))
  /** [until the data is in the source, until the map is idle again, synchronous part]. */
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
    async compare(changes, reps) {
      const result: CompareResult = { updateMs: [], setMs: [], updateIdleMs: [], setIdleMs: [], updateBlockMs: [], setBlockMs: [] }
      // Each operation starts on an idle map and is timed until the map is idle again, so neither
      // waits behind the other's tile work in the worker.
      for (let r = 0; r < reps; r++) {
        const [u, ui, ub] = await timed(async () => {
          const change = state.apply({ upserted: changeBatch(changes), removed: [] }, Date.now(), () => store.values())
          if (change?.kind === 'diff') await source.updateData(change.diff)
        })
        result.updateMs.push(u)
        result.updateIdleMs.push(ui)
        result.updateBlockMs.push(ub)
        const [s, si, sb] = await timed(async () => {
          state.apply({ upserted: changeBatch(changes), removed: [] }, Date.now(), () => store.values())
          // The naive way: rebuild the whole collection from the store and replace it.
          const full = new IncidentSourceState(makeProjector('wgs84')).reset(store.values(), Date.now())
          if (full.kind === 'reset') await source.setData(full.data)
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
          last = t
          if (t < end) requestAnimationFrame(frame)
          else resolve()
        }
        requestAnimationFrame(frame)
      })
      clearInterval(feeder)
      return { frameMs, applied }
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
