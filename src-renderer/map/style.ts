// The schematic basemap and the live layers, as a MapLibre style built in code: no style, tile
// or glyph server. Labels render from local fonts (localIdeographFontFamily on the Map).
import type { AddLayerObject, FilterSpecification, Map as MaplibreMap, MapOptions } from 'maplibre-gl'
import { isWallTheme, PALETTES, symbolColors, type IncidentColors, type MapTheme } from './palette'
import type { SchematicData } from './reference-features'
import type { FeatureCollection } from './geo-types'
import { gridTypeLayer } from './grid-type-layer'
import { FG_SOURCE, functionalGridLayers } from './functional-grid-layer'

export type StyleSpec = Exclude<MapOptions['style'], string | undefined>
export type SourceSpec = Parameters<MaplibreMap['addSource']>[1]
export type LayerSpec = AddLayerObject

/** Source ids, also used by the controller. */
export const SRC = {
  streets: 'streets',
  communities: 'communities',
  grids: 'grids',
  outline: 'outline',
  labels: 'labels',
  /** Every shown case as of its last load; changed cases are hidden here (split-sources.ts). */
  incidents: 'incidents',
  /** Cases changed since the base was loaded: small, so diffs stay cheap. */
  recent: 'incidents-recent',
  /** The same cases, clustered, kept in sync only while the map is zoomed out. */
  clusters: 'incident-clusters',
  /** The same cases in one source for the heat view (a heatmap cannot span two), fed only while it shows. */
  heat: 'incident-heat',
  units: 'units',
  selected: 'selected'
} as const

/** Layer ids the controller toggles, queries, or inserts operator basemaps beneath. */
export const LAYER = {
  background: 'background',
  streetFill: 'street-fill',
  gridFill: 'grid-fill',
  heat: 'incident-heat',
  clusters: 'incident-clusters',
  clusterCount: 'incident-cluster-count',
  clusterSingles: 'incident-cluster-singles',
  points: 'incident-points',
  marks: 'incident-marks',
  recentPoints: 'incident-recent-points',
  recentMarks: 'incident-recent-marks',
  units: 'unit-squares',
  selected: 'incident-selected'
} as const

/**
 * Incidents cluster up to this zoom; above it every case is its own dot. The whole district fits
 * a screen at about z11.8, and there single dots (with grid shading) say more than blobs do.
 */
export const CLUSTER_MAX_ZOOM = 10
export const GRID_LABEL_MIN_ZOOM = 15
export const UNIT_ICON = 'unit-square'

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] }

const isClosed = ['==', ['get', 'closed'], 1]
/** A base dot whose case moved to the recent source (or left the map) is hidden by feature-state. */
const isGone = ['boolean', ['feature-state', 'gone'], false]
/** Only open cases: for layers that mean work to do (category marks, heat, clusters). */
const OPEN_ONLY_FILTER: FilterSpecification = ['==', ['get', 'closed'], 0]

function urgencyColor(c: IncidentColors): unknown[] {
  return [
    'match',
    ['get', 'status'],
    'closed',
    c.closed,
    'escalated',
    c.escalated,
    'suspended',
    c.suspended,
    'resolved',
    c.resolved,
    ['match', ['get', 'urgency'], 'urgent', c.urgent, 'important', c.important, c.normal]
  ]
}

/** Base dot radius by urgency, scaled with zoom: urgent cases are the largest. */
function radius(scale: number): unknown[] {
  return ['*', scale, ['case', isClosed, 4, ['match', ['get', 'urgency'], 'urgent', 9, 'important', 7, 6]]]
}

/** Every shown case as a dot; updated by updateData diffs (promoteId 'id'). */
export function incidentSource(data: FeatureCollection = EMPTY): SourceSpec {
  return { type: 'geojson', data, promoteId: 'id' }
}

/**
 * The clustered copy for low zoom. Clustering re-indexes every point on each change, so the
 * controller feeds this source only while the map is zoomed out to where clusters show.
 */
export function clusterSource(data: FeatureCollection = EMPTY): SourceSpec {
  return {
    type: 'geojson',
    data,
    promoteId: 'id',
    // Clusters count the work to do; closed-today cases show only as single faint dots.
    filter: OPEN_ONLY_FILTER,
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 42,
    // Clusters know how many urgent and overdue cases they hold, for their ring colour.
    clusterProperties: { urgent: ['+', ['get', 'urgent']], overdue: ['+', ['get', 'overdue']] }
  }
}

/**
 * A case as a dot: colour by urgency/status, size by urgency, yellow ring when overdue; closed
 * today small and faint. `hideable`: the base source's dots, hidden by feature-state.
 */
function pointLayer(c: IncidentColors, large: number, hideable = false): Record<string, unknown> {
  const opacity = ['case', isClosed, 0.5, 1]
  return {
    type: 'circle',
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': urgencyColor(c),
      'circle-opacity': hideable ? ['case', isGone, 0, opacity] : opacity,
      ...(hideable ? { 'circle-stroke-opacity': ['case', isGone, 0, 1] } : {}),
      // Small at district zoom (hundreds of cases on one screen), full size from street level.
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, radius(0.65 * large), 14, radius(1.0 * large), 16, radius(1.5 * large)],
      'circle-stroke-color': ['case', ['==', ['get', 'overdue'], 1], c.overdueRing, c.ring],
      // Yellow ring: overdue. Thick white ring: 待受理, new work nobody has accepted yet.
      'circle-stroke-width': [
        'interpolate',
        ['linear'],
        ['zoom'],
        11,
        ['case', isClosed, 0, ['==', ['get', 'overdue'], 1], 2, ['==', ['get', 'status'], 'reported'], 1.6, 0.6],
        15,
        ['case', isClosed, 0, ['==', ['get', 'overdue'], 1], 3.5, ['==', ['get', 'status'], 'reported'], 3, 1.2]
      ]
    }
  }
}

/** The major-category code on each open dot, from street level. */
function markLayer(id: string, source: string, large: number, hideable: boolean): Record<string, unknown> {
  return {
    id,
    type: 'symbol',
    source,
    filter: OPEN_ONLY_FILTER,
    minzoom: 14,
    layout: {
      'text-field': ['get', 'major'],
      'text-size': 10 * large,
      'text-allow-overlap': true,
      'text-ignore-placement': true
    },
    paint: {
      'text-color': '#ffffff',
      'text-halo-color': 'rgba(0,0,0,0.6)',
      'text-halo-width': 1,
      ...(hideable ? { 'text-opacity': ['case', isGone, 0, 1] } : {})
    }
  }
}

/** The wall's symbols and map text grow with the screen, as its CSS does in vh (docs/wall.md):
 *  1 at 1080 px high, 2 on a 4K wall; read once at load (a wall does not change screens). */
function wallScale(): number {
  const h = typeof window === 'undefined' ? 1080 : window.innerHeight
  return Math.max(1, h / 1080)
}

export function buildStyle(theme: MapTheme, data: SchematicData): StyleSpec {
  const p = PALETTES[theme]
  const { incident: c, unit: u } = symbolColors(theme)
  const large = isWallTheme(theme) ? 1.35 * wallScale() : 1
  const sources: Record<string, SourceSpec> = {
    [SRC.streets]: { type: 'geojson', data: data.streets },
    [SRC.communities]: { type: 'geojson', data: data.communities },
    [SRC.grids]: { type: 'geojson', data: data.grids, promoteId: 'code' },
    [SRC.outline]: { type: 'geojson', data: data.outline },
    [SRC.labels]: { type: 'geojson', data: data.labels },
    [SRC.incidents]: incidentSource(),
    [SRC.recent]: incidentSource(),
    [SRC.clusters]: clusterSource(),
    [SRC.heat]: { type: 'geojson', data: EMPTY, filter: OPEN_ONLY_FILTER },
    [SRC.units]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SRC.selected]: { type: 'geojson', data: EMPTY },
    // Rev 1.8: active functional grids' outlines and names (functional-grid-layer.ts).
    [FG_SOURCE]: { type: 'geojson', data: EMPTY }
  }
  const open = ['coalesce', ['feature-state', 'open'], 0]
  const overdue = ['coalesce', ['feature-state', 'overdue'], 0]
  const zoomScale = (value: number): unknown[] => ['interpolate', ['linear'], ['zoom'], 11, value * 0.75, 16, value * 1.4]
  const layers: unknown[] = [
    { id: LAYER.background, type: 'background', paint: { 'background-color': p.background } },
    {
      id: LAYER.streetFill,
      type: 'fill',
      source: SRC.streets,
      paint: { 'fill-color': ['match', ['get', 'shade'], 1, p.streetFill[1], 2, p.streetFill[2], p.streetFill[0]] }
    },
    {
      id: LAYER.gridFill,
      type: 'fill',
      source: SRC.grids,
      paint: {
        'fill-color': ['case', ['>', overdue, 0], p.gridOverdue, p.gridOpen],
        // Shade by how many cases are open there; overdue grids stand out more.
        'fill-opacity': [
          'case',
          ['>', overdue, 0],
          ['min', 0.85, ['+', 0.55, ['*', 0.1, overdue]]],
          ['>', open, 0],
          ['min', 0.65, ['+', 0.35, ['*', 0.1, open]]],
          0
        ]
      }
    },
    // Rev 1.6 (key y): shading by grid type, under the case shading's lines and dots, hidden until asked.
    gridTypeLayer(SRC.grids),
    {
      id: 'grid-line',
      type: 'line',
      source: SRC.grids,
      minzoom: 14,
      paint: { 'line-color': p.gridLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 14, 0.3, 17, 1] }
    },
    {
      id: 'community-line',
      type: 'line',
      source: SRC.communities,
      minzoom: 12,
      paint: { 'line-color': p.communityLine, 'line-width': 1, 'line-dasharray': [3, 2] }
    },
    {
      id: 'street-line',
      type: 'line',
      source: SRC.streets,
      paint: { 'line-color': p.streetLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 1, 16, 2.5] }
    },
    {
      id: 'district-outline',
      type: 'line',
      source: SRC.outline,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': p.outline, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 5] }
    },
    ...functionalGridLayers(large),
    {
      id: 'grid-labels',
      type: 'symbol',
      source: SRC.labels,
      filter: ['==', ['get', 'kind'], 'grid'],
      minzoom: GRID_LABEL_MIN_ZOOM,
      layout: {
        // Community + cell digits fit a 100 m cell at z15–17; the full 15 digits from z17.
        'text-field': ['step', ['zoom'], ['slice', ['get', 'name'], 9], 17, ['get', 'name']],
        'text-size': 10 * large
      },
      paint: { 'text-color': p.gridLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 1 }
    },
    {
      id: LAYER.heat,
      type: 'heatmap',
      source: SRC.heat,
      layout: { visibility: 'none' },
      paint: {
        'heatmap-weight': ['case', ['==', ['get', 'urgent'], 1], 1, 0.5],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 1, 16, 2.5],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 18, 16, 40],
        'heatmap-opacity': 0.8,
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0,0,0,0)',
          0.2,
          '#2f8cff',
          0.45,
          '#30d158',
          0.65,
          '#ffd60a',
          0.85,
          '#ff9f0a',
          1,
          '#ff3b30'
        ]
      }
    },
    {
      id: LAYER.units,
      type: 'symbol',
      source: SRC.units,
      minzoom: 12.5,
      layout: {
        'icon-image': UNIT_ICON,
        'icon-size': zoomScale(0.8 * large),
        'icon-allow-overlap': true
      },
      paint: {
        'icon-color': ['match', ['get', 'status'], 'available', u.available, 'busy', u.busy, u.off_duty],
        'icon-halo-color': '#000000',
        'icon-halo-width': 1
      }
    },
    {
      id: LAYER.clusters,
      type: 'circle',
      source: SRC.clusters,
      maxzoom: CLUSTER_MAX_ZOOM + 1,
      filter: ['has', 'point_count'],
      paint: {
        // Almost every large cluster holds some urgent or overdue case, so the fill stays neutral
        // and the ring says it: red holds an urgent case, yellow an overdue one.
        'circle-color': c.cluster,
        'circle-opacity': 0.92,
        'circle-radius': ['*', large, ['interpolate', ['linear'], ['get', 'point_count'], 2, 12, 20, 18, 200, 28]],
        'circle-stroke-color': [
          'case',
          ['>', ['get', 'urgent'], 0],
          c.urgent,
          ['>', ['get', 'overdue'], 0],
          c.overdueRing,
          c.ring
        ],
        'circle-stroke-width': ['case', ['>', ['+', ['get', 'urgent'], ['get', 'overdue']], 0], 3.5, 1.5]
      }
    },
    {
      id: LAYER.clusterCount,
      type: 'symbol',
      source: SRC.clusters,
      maxzoom: CLUSTER_MAX_ZOOM + 1,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-size': 13 * large,
        'text-allow-overlap': true,
        'text-ignore-placement': true
      },
      paint: { 'text-color': p.clusterText }
    },
    { ...pointLayer(c, large), id: LAYER.clusterSingles, source: SRC.clusters, maxzoom: CLUSTER_MAX_ZOOM + 1 },
    { ...pointLayer(c, large, true), id: LAYER.points, source: SRC.incidents, minzoom: CLUSTER_MAX_ZOOM + 1 },
    { ...pointLayer(c, large), id: LAYER.recentPoints, source: SRC.recent, minzoom: CLUSTER_MAX_ZOOM + 1 },
    markLayer(LAYER.marks, SRC.incidents, large, true),
    markLayer(LAYER.recentMarks, SRC.recent, large, false),
    {
      id: 'street-labels',
      type: 'symbol',
      source: SRC.labels,
      filter: ['==', ['get', 'kind'], 'street'],
      maxzoom: 15,
      layout: { 'text-field': ['get', 'name'], 'text-size': 15 * large, 'text-allow-overlap': false },
      paint: { 'text-color': p.label, 'text-halo-color': p.labelHalo, 'text-halo-width': 2 }
    },
    {
      id: 'community-labels',
      type: 'symbol',
      source: SRC.labels,
      filter: ['==', ['get', 'kind'], 'community'],
      minzoom: 13.5,
      maxzoom: 17,
      layout: { 'text-field': ['get', 'name'], 'text-size': 12 * large },
      paint: { 'text-color': p.label, 'text-opacity': 0.8, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.5 }
    },
    {
      id: LAYER.selected,
      type: 'circle',
      source: SRC.selected,
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': 16 * large,
        'circle-stroke-color': c.selected,
        'circle-stroke-width': 3
      }
    }
  ]
  return { version: 8, sources, layers } as StyleSpec
}
