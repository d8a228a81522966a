// The functional-grid overlay (功能性网格, protocol rev 1.8): each ACTIVE functional grid drawn as the
// outer outline of its unit grids with its name. Its own small source, rebuilt only when the set of
// active functional grids changes (a new one, an early end, or a start/end time passing — a timer set
// for the next such time, so it ends on the map by itself); incident deltas never touch it. Which ones
// are active is the domain's functionalGridState on the hub's clock.
import type { Map as MaplibreMap, GeoJSONSource } from 'maplibre-gl'
import { activeFunctionalGrids, functionalGridStopMs } from '../../src-shared/domain'
import type { FunctionalGrid, ReferenceData } from '../../src-shared/protocol'
import type { Projector } from './coords'
import type { Feature, FeatureCollection, Position } from './geo-types'
import { labelPoint, outlineOf } from './reference-features'
import type { LayerSpec } from './style'

export const FG_SOURCE = 'functional-grids'
export const FG_LINE_LAYER = 'functional-grid-line'
export const FG_LABEL_LAYER = 'functional-grid-label'
/** Magenta: apart from the grid-type hues and from red/orange/yellow, which mean urgent and overdue. */
export const FG_COLOR = '#e040fb'

type Area = ReferenceData['grids']['features'][number]['geometry']

/** The overlay's layers: a dark casing under a bright line, and the name (large on the wall). */
export function functionalGridLayers(large: number): LayerSpec[] {
  const width = (w: number): unknown[] => ['interpolate', ['linear'], ['zoom'], 11, w * large, 16, w * 2 * large]
  return [
    {
      id: `${FG_LINE_LAYER}-casing`,
      type: 'line',
      source: FG_SOURCE,
      filter: ['==', ['get', 'kind'], 'outline'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#1a0020', 'line-opacity': 0.7, 'line-width': width(4.5) }
    },
    {
      id: FG_LINE_LAYER,
      type: 'line',
      source: FG_SOURCE,
      filter: ['==', ['get', 'kind'], 'outline'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': FG_COLOR, 'line-width': width(2.5) }
    },
    {
      id: FG_LABEL_LAYER,
      type: 'symbol',
      source: FG_SOURCE,
      filter: ['==', ['get', 'kind'], 'label'],
      layout: { 'text-field': ['get', 'name'], 'text-size': 14 * large, 'text-allow-overlap': true, 'text-ignore-placement': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#7b1fa2', 'text-halo-width': 2.5 }
    }
  ] as unknown as LayerSpec[]
}

/**
 * One outline (the edges of its unit grids that no two of them share) and one label per functional
 * grid. The label sits at the grid's own label point nearest the middle of the area, so it is always
 * inside it, even for an L-shaped or split area.
 */
export function functionalGridFeatures(active: readonly FunctionalGrid[], gridArea: (code: string) => Area | undefined, project: Projector): FeatureCollection {
  const features: Feature[] = []
  for (const fg of active) {
    const areas = fg.gridCodes.map(gridArea).filter((a): a is Area => a !== undefined)
    if (areas.length === 0) continue
    const segments = outlineOf(areas).map((seg) => seg.map((p: Position) => project(p[0] ?? 0, p[1] ?? 0)))
    // Filtered by `kind`, not geometry-type: tiling may hand a MultiLineString's pieces over as LineStrings.
    features.push({ type: 'Feature', properties: { id: fg.id, name: fg.name, kind: 'outline' }, geometry: { type: 'MultiLineString', coordinates: segments } })
    const points = areas.map(labelPoint)
    const mx = points.reduce((s, p) => s + p[0], 0) / points.length
    const my = points.reduce((s, p) => s + p[1], 0) / points.length
    let best = points[0] as [number, number]
    for (const p of points) if ((p[0] - mx) ** 2 + (p[1] - my) ** 2 < (best[0] - mx) ** 2 + (best[1] - my) ** 2) best = p
    features.push({ type: 'Feature', properties: { id: fg.id, name: fg.name, kind: 'label' }, geometry: { type: 'Point', coordinates: project(best[0], best[1]) } })
  }
  return { type: 'FeatureCollection', features }
}

/** The next time the active set can change: the soonest future start or stop, or null. */
export function nextTransition(all: readonly FunctionalGrid[], nowMs: number): number | null {
  let next: number | null = null
  for (const fg of all) {
    for (const at of [Date.parse(fg.fromAt), functionalGridStopMs(fg)]) if (at > nowMs && (next === null || at < next)) next = at
  }
  return next
}

/** Longest single wait (setTimeout's limit is ~24.8 days); a later transition is reached in steps. */
const MAX_WAIT_MS = 24 * 3600 * 1000

/** Keeps the overlay's source in step with the functional grids and the clock, for one map. */
export class FunctionalGridOverlay {
  private all: readonly FunctionalGrid[] = []
  /** Never a real key: the first refresh always writes the source and the container's data attributes. */
  private shownKey = '\u0000'
  private timer: ReturnType<typeof setTimeout> | null = null
  private ready = false
  private areas: Map<string, Area> | null = null

  constructor(
    private readonly map: MaplibreMap,
    private readonly reference: ReferenceData,
    private readonly project: Projector,
    private readonly now: () => number,
    private readonly container: HTMLElement
  ) {}

  /** The map's style is loaded: draw what was set before. */
  start(): void {
    this.ready = true
    this.refresh()
  }

  set(all: readonly FunctionalGrid[]): void {
    this.all = all
    this.refresh()
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.ready = false
  }

  /** Ask the clock again (also on the map's own tick: a PC that slept may have missed the timer). */
  refresh(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    if (!this.ready) return
    const now = this.now()
    const active = activeFunctionalGrids(this.all, now)
    const key = active.map((fg) => `${fg.id}:${fg.version}`).join(',')
    if (key !== this.shownKey) {
      this.shownKey = key
      this.areas ??= new Map(this.reference.grids.features.map((g) => [g.properties.code, g.geometry]))
      const areas = this.areas
      const data = functionalGridFeatures(active, (code) => areas.get(code), this.project)
      void this.map.getSource<GeoJSONSource>(FG_SOURCE)?.setData(data)
      this.container.dataset.functionalGrids = String(active.length)
      this.container.dataset.functionalGridNames = active.map((fg) => fg.name).join('|')
      // What the map really drew (outlines in view), once it has settled: for tests and diagnostics.
      this.map.once('idle', () => {
        if (!this.ready) return
        const drawn = new Set(this.map.queryRenderedFeatures({ layers: [FG_LINE_LAYER] }).map((f) => String(f.properties?.id)))
        this.container.dataset.functionalGridsDrawn = String(drawn.size)
      })
    }
    const next = nextTransition(this.all, now)
    // A little past the instant, so the domain already calls it by its new state when asked.
    if (next !== null) this.timer = setTimeout(() => this.refresh(), Math.min(MAX_WAIT_MS, next - now + 50))
  }
}
