// Owns one MapLibre map and keeps its sources in step with the store: incidents by updateData
// diffs on a small source of recently changed cases (paced by map-cadence.ts, see
// incident-sources.ts), grid shading by feature-state on the grids that changed, units, the
// selection, heat view, pulses and fly-to for new urgent cases. The cases go in as soon as the style
// is there, not after the whole map's first draw, so they are drawn with the first tiles.
import { GRID_TYPE_LAYER } from './grid-type-layer'
import { FunctionalGridOverlay } from './functional-grid-layer'
import { Map as MaplibreMap, setWorkerUrl, type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { IncidentSummary } from '../../src-shared/api'
import type { FunctionalGrid, ReferenceData, Unit } from '../../src-shared/protocol'
import { makeProjector, type DisplayCrs, type Projector } from './coords'
import { OperatorBasemap, type BasemapError } from './basemap'
import { DeltaBuffer, type IncidentDelta } from './delta-buffer'
import { GridAggregator, type GridCounts } from './grid-aggregate'
import { IncidentSourceState, type SourceChange } from './incident-diff'
import { IncidentSources } from './incident-sources'
import { PulseMarkers } from './pulse-markers'
import { LOCAL_IDEOGRAPH_FONTS, symbolColors, type MapTheme } from './palette'
import { referenceBounds, schematicData } from './reference-features'
import { buildStyle, CLUSTER_MAX_ZOOM, LAYER, SRC, UNIT_ICON } from './style'
import { squareIcon, unitFeatures } from './unit-features'
import { browserCadence, type MapCadence } from './map-cadence'
import { whenSourceDrawn } from './first-draw'
import type { FeatureCollection } from './geo-types'

setWorkerUrl(workerUrl)

export type MapControllerOptions = {
  container: HTMLElement
  theme: MapTheme
  reference: ReferenceData
  crs: DisplayCrs
  /** The operator basemap failed after it was accepted (its tiles stopped loading). */
  onBasemapError?: (error: BasemapError, detail: string) => void
  /** Hub time in ms (Date.now() + clock skew): overdue is judged on the hub's clock. */
  now: () => number
  /** Current full set of cases, read only for a reset. */
  allIncidents: () => Iterable<IncidentSummary>
  /** True once the store holds its first snapshot: the map loads everything at once then. */
  isReady: () => boolean
  onSelect: (id: string) => void
  /** Whether to fly to each new urgent case (settings.flyToUrgent), read when one arrives. */
  flyToUrgent: () => boolean
  /** The wall: after flying to a case, return to the whole district after this long untouched. */
  returnToOverviewMs?: number
  /** At least this long between two map updates but for new urgent cases (map-cadence.ts; default 1 s). */
  mapUpdateMs?: number
}

const TICK_MS = 30_000
const PULSE_MS = 15_000
/** Widest pulse ring in CSS px: console seat, wall (either theme). */
const PULSE_PX: Record<MapTheme, number> = { console: 72, wall: 96, 'wall-light': 96 }
const FLY_ZOOM = 15.5
/** A burst of urgent cases should not swing the map about: one flight per this long, pulses for all. */
const FLY_COOLDOWN_MS = 20_000

/** Every layer a click on a case can hit. */
const CASE_LAYERS: string[] = [LAYER.recentPoints, LAYER.points, LAYER.clusterSingles, LAYER.clusters]

export class MapController {
  readonly map: MaplibreMap
  private project: Projector
  private readonly bounds: [number, number, number, number]
  private readonly state: IncidentSourceState
  private readonly grids = new GridAggregator()
  private readonly buffer = new DeltaBuffer()
  private loaded = false
  private primed = false
  private readonly cadence: MapCadence
  private readonly pulses: PulseMarkers
  private tickTimer: ReturnType<typeof setInterval>
  private selectedId: string | null = null
  private pendingUnits: Iterable<Unit> | null = null
  private destroyed = false
  private lastFlyAt = -Infinity
  private overviewTimer: ReturnType<typeof setTimeout> | null = null
  /** Whether the clustered copy is being kept in step (only while zoomed out to cluster zooms). */
  private clustersLive = false
  /** Whether the heat view's single-source copy is being kept in step (only while it shows). */
  private heatLive = false
  private readonly incidents: IncidentSources
  /** Rev 1.8: the active functional grids' outlines, off the incident path. */
  private readonly functionalGrids: FunctionalGridOverlay
  /** Operator basemap beneath the schematic; set once the style has loaded. */
  basemap: OperatorBasemap | null = null
  private resolveLoaded: () => void = () => {}
  /** Resolves when the style is loaded and sources can be changed. */
  readonly loadedPromise = new Promise<void>((resolve) => (this.resolveLoaded = resolve))

  constructor(private readonly options: MapControllerOptions) {
    this.project = makeProjector(options.crs)
    this.state = new IncidentSourceState(this.project)
    const bounds = referenceBounds(options.reference, this.project)
    this.bounds = bounds
    this.map = new MaplibreMap({
      container: options.container,
      style: buildStyle(options.theme, schematicData(options.reference, this.project)),
      bounds,
      fitBoundsOptions: { padding: 24 },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
      attributionControl: { compact: true },
      maxZoom: 19,
      minZoom: 9,
      // Built in code and checked by its tests: validating it again cost ~0.3 s of every start.
      validateStyle: false,
      // No label fade: it redrew the map for 300 ms after every update (each frame 0.1–0.3 s under software GL).
      fadeDuration: 0
    })
    this.cadence = browserCadence(() => this.flush(), options.mapUpdateMs)
    this.incidents = new IncidentSources(this.map, this.state)
    this.pulses = new PulseMarkers(this.map, PULSE_PX[options.theme], symbolColors(options.theme).incident.urgent)
    this.functionalGrids = new FunctionalGridOverlay(this.map, options.reference, this.project, options.now, options.container)
    this.map.once('style.load', () => this.onStyleLoad())
    // The whole map drawn once (every background layer too): e2e tests wait for this.
    this.map.once('load', () => (options.container.dataset.loaded = '1'))
    this.map.on('moveend', () => this.publishView())
    this.map.on('zoomend', () => this.syncClusters())
    this.map.on('click', (e) => this.onClick(e.point))
    // A person moving the map cancels the wall's automatic return to the overview.
    this.map.on('dragstart', () => this.cancelOverview())
    this.map.on('wheel', () => this.cancelOverview())
    for (const layer of CASE_LAYERS) {
      this.map.on('mouseenter', layer, () => (this.map.getCanvas().style.cursor = 'pointer'))
      this.map.on('mouseleave', layer, () => (this.map.getCanvas().style.cursor = ''))
    }
    this.tickTimer = setInterval(() => this.tick(), TICK_MS)
  }

  /** Queue a store delta; applied with any others at the map's next update (map-cadence.ts). */
  pushDelta(delta: IncidentDelta): void {
    this.buffer.push(delta)
    // A new urgent case goes on the map at once; the rest waits for the cadence.
    this.schedule(this.primed && delta.upserted.some((i) => i.urgency === 'urgent' && !this.state.has(i.id)))
  }

  /** Rev 1.8: every functional grid held (any state); the overlay draws the active ones and follows the clock. */
  setFunctionalGrids(all: readonly FunctionalGrid[]): void {
    this.functionalGrids.set(all)
  }

  setUnits(units: Iterable<Unit>): void {
    this.pendingUnits = units
    this.schedule()
  }

  setSelected(incident: IncidentSummary | null): void {
    this.selectedId = incident?.id ?? null
    if (!this.loaded) return
    const data: FeatureCollection = {
      type: 'FeatureCollection',
      features: incident
        ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: this.project(incident.location.lng, incident.location.lat) } }]
        : []
    }
    this.source(SRC.selected)?.setData(data)
  }

  /** Cases in the small recent source (diagnostics and the benchmark). */
  get recentCases(): number {
    return this.incidents.recentSize
  }

  /** Cases pulsing now (diagnostics and the benchmark). */
  get pulsingCases(): number {
    return this.pulses.count
  }

  get isDestroyed(): boolean {
    return this.destroyed
  }

  get selected(): string | null {
    return this.selectedId
  }

  /** Draw cases closed today too (faint), or only the open ones. */
  setClosedToday(on: boolean): void {
    if (on === this.state.showsClosedToday) return
    const now = this.options.now()
    this.state.setClosedToday(on, now)
    this.options.container.dataset.closedToday = on ? '1' : '0'
    if (!this.loaded || !this.primed) return
    void this.applyChange(this.state.reset(this.options.allIncidents(), now))
    this.options.container.dataset.incidents = String(this.state.size)
  }

  /**
   * Apply one coalesced delta now (the frame loop does this; the benchmark times it). Resolves
   * when the incident sources have the data.
   */
  applyDelta(delta: IncidentDelta): Promise<void> {
    const now = this.options.now()
    const change = this.state.apply(delta, now, this.options.allIncidents)
    const done = change ? this.applyChange(change) : Promise.resolve()
    this.applyGridCounts(this.grids.apply(delta.upserted, delta.removed, now))
    if (change?.kind === 'diff') this.announceUrgent(change)
    this.options.container.dataset.incidents = String(this.state.size)
    return done
  }

  /** Rebuild every incident source from the full store (the naive path; the benchmark's baseline). */
  reloadIncidents(): Promise<void> {
    return this.applyChange(this.state.reset(this.options.allIncidents(), this.options.now()))
  }

  setHeat(on: boolean): void {
    const set = (layer: string, visible: boolean): void => {
      this.map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none')
    }
    set(LAYER.heat, on)
    for (const layer of [LAYER.clusters, LAYER.clusterCount, LAYER.clusterSingles, LAYER.points, LAYER.marks, LAYER.recentPoints, LAYER.recentMarks]) {
      set(layer, !on)
    }
    if (on !== this.heatLive) {
      this.heatLive = on
      void this.source(SRC.heat)?.setData(on ? this.state.collection() : { type: 'FeatureCollection', features: [] })
    }
    this.options.container.dataset.heat = on ? '1' : '0'
  }

  /** Key y (rev 1.6): shade unit grids by their type. */
  setGridTypes(on: boolean): void {
    this.map.setLayoutProperty(GRID_TYPE_LAYER, 'visibility', on ? 'visible' : 'none')
    this.options.container.dataset.gridTypes = on ? '1' : '0'
  }

  centerOn(lng: number, lat: number, zoom?: number): void {
    this.map.flyTo({ center: this.project(lng, lat), zoom: Math.max(zoom ?? FLY_ZOOM, this.map.getZoom()), speed: 1.6 })
  }

  /** Where to probe a tile service: the middle of the district as the map first showed it. */
  probePoint(): [number, number] {
    const [w, s, e, n] = this.bounds
    return [(w + e) / 2, (s + n) / 2]
  }

  /** A WGS-84 point as displayed (GCJ-02 shifted when the basemap asks for it). */
  projectPoint(lng: number, lat: number): [number, number] {
    return this.project(lng, lat)
  }

  destroy(): void {
    this.destroyed = true
    clearInterval(this.tickTimer)
    this.functionalGrids.destroy()
    this.cancelOverview()
    this.cadence.cancel()
    this.pulses.clear()
    this.map.remove()
  }

  private cancelOverview(): void {
    if (this.overviewTimer !== null) clearTimeout(this.overviewTimer)
    this.overviewTimer = null
  }

  private onStyleLoad(): void {
    this.map.addImage(UNIT_ICON, squareIcon(14), { sdf: true })
    this.basemap = new OperatorBasemap(this.map, (error, detail) => this.options.onBasemapError?.(error, detail))
    this.loaded = true
    this.publishView()
    this.syncClusters()
    this.functionalGrids.start()
    this.resolveLoaded()
    // The first data goes in now, in this task: its tiles are cut alongside the background's.
    if (this.options.isReady()) this.cadence.runNow()
    else this.schedule(true)
  }

  private schedule(urgent = false): void {
    if (!this.loaded || this.destroyed) return
    // Until the first load, whatever comes is the first data: no reason to wait for it.
    this.cadence.request(urgent || !this.primed)
  }

  private flush(): void {
    const now = this.options.now()
    if (!this.primed) {
      if (!this.options.isReady()) return
      // First data: one full load, no pulses or flights for cases that were already there.
      this.buffer.take()
      this.primed = true
      // The cached cases are on screen once a frame has drawn the base source's tiles (the start-up bench waits for this).
      const container = this.options.container
      whenSourceDrawn(this.map, SRC.incidents, this.resetIncidents(now), () => (container.dataset.drawn = '1'))
    } else {
      const delta = this.buffer.take()
      if (delta) void this.applyDelta(delta)
    }
    if (this.pendingUnits) {
      this.source(SRC.units)?.setData(unitFeatures(this.pendingUnits, this.project))
      this.pendingUnits = null
    }
    this.options.container.dataset.incidents = String(this.state.size)
  }

  private resetIncidents(now: number): Promise<void> {
    const all = [...this.options.allIncidents()]
    const done = this.applyChange(this.state.reset(all, now, this.project))
    this.map.removeFeatureState({ source: SRC.grids })
    this.grids.clear()
    this.applyGridCounts(this.grids.apply(all, [], now))
    return done
  }

  private applyChange(change: SourceChange): Promise<void> {
    // The single-source copies, only while they show (clustering re-indexes every point on a change).
    const copies = [...(this.clustersLive ? [SRC.clusters] : []), ...(this.heatLive ? [SRC.heat] : [])]
    for (const id of copies) {
      const source = this.source(id)
      if (change.kind === 'reset') void source?.setData(change.data)
      else void source?.updateData(change.diff)
    }
    return this.incidents.apply(change)
  }

  /** Start feeding the clustered copy when zoomed out to where it shows; stop (and empty it) when not. */
  private syncClusters(): void {
    if (!this.loaded) return
    const low = this.map.getZoom() < CLUSTER_MAX_ZOOM + 1
    if (low === this.clustersLive) return
    this.clustersLive = low
    void this.source(SRC.clusters)?.setData(low ? this.state.collection() : { type: 'FeatureCollection', features: [] })
  }

  private applyGridCounts(changed: Map<string, GridCounts>): void {
    for (const [code, counts] of changed) this.map.setFeatureState({ source: SRC.grids, id: code }, counts)
  }

  private announceUrgent(change: Extract<SourceChange, { kind: 'diff' }>): void {
    // A pulsing case that left the map stops pulsing; one that moved takes its ring along.
    for (const id of change.diff.remove) this.pulses.remove(id)
    for (const u of change.diff.update) if (u.newGeometry) this.pulses.move(u.id, u.newGeometry.coordinates as [number, number])
    const fresh = change.diff.add.filter((f) => f.properties.urgent === 1)
    if (fresh.length === 0) return
    for (const f of fresh) this.pulses.add(f.properties.id, f.geometry.coordinates as [number, number], PULSE_MS)
    const last = fresh[fresh.length - 1]
    const now = performance.now()
    if (last && this.options.flyToUrgent() && now - this.lastFlyAt >= FLY_COOLDOWN_MS) {
      this.lastFlyAt = now
      const [lng = 0, lat = 0] = last.geometry.coordinates
      this.map.flyTo({ center: [lng, lat], zoom: Math.max(FLY_ZOOM, this.map.getZoom()), speed: 1.4 })
      this.scheduleOverview()
    }
  }

  /** On the wall, go back to the whole district a while after a flight, unless someone took the map. */
  private scheduleOverview(): void {
    const after = this.options.returnToOverviewMs
    if (after === undefined) return
    if (this.overviewTimer !== null) clearTimeout(this.overviewTimer)
    this.overviewTimer = setTimeout(() => {
      this.overviewTimer = null
      if (!this.destroyed) this.map.fitBounds(this.bounds, { padding: 24, duration: 2500 })
    }, after)
  }

  private tick(): void {
    if (!this.loaded || !this.primed) return
    const now = this.options.now()
    const change = this.state.tick(now, this.options.allIncidents)
    if (change) void this.applyChange(change)
    this.applyGridCounts(this.grids.tick(now))
    this.functionalGrids.refresh()
  }

  private onClick(point: { x: number; y: number }): void {
    const box: [[number, number], [number, number]] = [
      [point.x - 6, point.y - 6],
      [point.x + 6, point.y + 6]
    ]
    const hits: MapGeoJSONFeature[] = this.map.queryRenderedFeatures(box, { layers: CASE_LAYERS })
    // A hidden base dot (its case moved to the recent source or left the map) is not a hit.
    const hit = hits.find((h) => h.state.gone !== true)
    if (!hit) return
    const props = hit.properties as Record<string, unknown>
    if (typeof props.cluster_id === 'number' && hit.geometry.type === 'Point') {
      const center = hit.geometry.coordinates as [number, number]
      void this.source(SRC.clusters)
        ?.getClusterExpansionZoom(props.cluster_id)
        .then((zoom) => this.map.easeTo({ center, zoom: zoom + 0.5 }))
      return
    }
    if (typeof props.id === 'string') this.options.onSelect(props.id)
  }

  private publishView(): void {
    const c = this.map.getCenter()
    const ds = this.options.container.dataset
    ds.center = `${c.lng.toFixed(6)},${c.lat.toFixed(6)}`
    ds.zoom = this.map.getZoom().toFixed(4)
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id)
  }
}
