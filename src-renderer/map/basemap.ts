// Operator basemaps beneath the schematic: a local PMTiles archive or an intranet raster XYZ
// service. Each is checked before use (archive header, one probe tile); on failure the caller
// gets a reason code and the schematic basemap stays as it was.
import { addProtocol, type Map as MaplibreMap } from 'maplibre-gl'
import { FetchSource, FileSource, PMTiles, Protocol, TileType, type Source } from 'pmtiles'
import { LAYER } from './style'
import type { LayerSpec } from './style'

export type BasemapError = 'not_pmtiles' | 'unreachable' | 'bad_url' | 'file_needed'
export type BasemapResult = { ok: true } | { ok: false; error: BasemapError; detail: string }

const SOURCE_ID = 'operator-basemap'
const PROBE_TIMEOUT_MS = 5000
const DIMMED_FILL_OPACITY = 0.18

let protocol: Protocol | null = null
function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol()
    const p = protocol
    addProtocol('pmtiles', (params, abort) => p.tile(params, abort))
  }
  return protocol
}

/** The XYZ tile under a point, for the probe request. */
export function tileAt(lng: number, lat: number, z: number): { x: number; y: number; z: number } {
  const n = 2 ** z
  const x = Math.floor(((lng + 180) / 360) * n)
  const r = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  return { x, y, z }
}

/** A usable raster XYZ template: http(s) with {z}, {x} and {y}. */
export function checkXyzTemplate(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false
  return ['{z}', '{x}', '{y}'].every((token) => url.includes(token))
}

export function fillTemplate(url: string, tile: { x: number; y: number; z: number }): string {
  return url.replace('{z}', String(tile.z)).replace('{x}', String(tile.x)).replace('{y}', String(tile.y))
}

const failure = (error: BasemapError, detail: string): BasemapResult => ({ ok: false, error, detail })

export class OperatorBasemap {
  private layerIds: string[] = []
  private tileLoaded = false

  constructor(
    private map: MaplibreMap,
    /** Tile errors after the basemap was accepted (service went away before any tile loaded). */
    private onLateError: (error: BasemapError, detail: string) => void
  ) {
    map.on('sourcedata', (e) => {
      if (e.sourceId === SOURCE_ID && e.tile) this.tileLoaded = true
    })
    map.on('error', (e) => {
      // Errors of a source carry its id; others (not ours) are left to MapLibre's own logging.
      const sourceId = 'sourceId' in e ? e.sourceId : undefined
      if (sourceId !== SOURCE_ID || this.tileLoaded) return
      this.clear()
      this.onLateError('unreachable', e.error?.message ?? 'tile error')
    })
  }

  get active(): boolean {
    return this.layerIds.length > 0
  }

  async useXyz(url: string, probeAt: [number, number], attribution?: string): Promise<BasemapResult> {
    if (!checkXyzTemplate(url)) return failure('bad_url', url)
    const probe = fillTemplate(url, tileAt(probeAt[0], probeAt[1], 13))
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), PROBE_TIMEOUT_MS)
    try {
      const response = await fetch(probe, { signal: abort.signal })
      if (!response.ok) return failure('unreachable', `HTTP ${response.status} ${probe}`)
      await response.arrayBuffer()
    } catch (err) {
      return failure('unreachable', `${err instanceof Error ? err.message : String(err)} ${probe}`)
    } finally {
      clearTimeout(timer)
    }
    this.install({ type: 'raster', tiles: [url], tileSize: 256, ...(attribution ? { attribution } : {}) }, [
      { id: SOURCE_ID, type: 'raster', source: SOURCE_ID }
    ])
    return { ok: true }
  }

  /** A PMTiles archive chosen in the browser (file input). */
  usePmtilesFile(file: File): Promise<BasemapResult> {
    return this.usePmtiles(new FileSource(file))
  }

  /** A PMTiles archive by URL (http(s), or a file the host serves on the app's own origin). */
  usePmtilesUrl(url: string): Promise<BasemapResult> {
    if (!/^(https?|file|app):\/\//i.test(url)) return Promise.resolve(failure('file_needed', url))
    return this.usePmtiles(new FetchSource(url))
  }

  private async usePmtiles(source: Source): Promise<BasemapResult> {
    const archive = new PMTiles(source)
    let tileType: TileType
    let vectorLayers: string[] = []
    try {
      const header = await archive.getHeader()
      tileType = header.tileType
      if (tileType === TileType.Mvt) vectorLayers = vectorLayerIds(await archive.getMetadata())
    } catch (err) {
      return failure('not_pmtiles', err instanceof Error ? err.message : String(err))
    }
    pmtilesProtocol().add(archive)
    const url = `pmtiles://${source.getKey()}`
    if (tileType === TileType.Mvt) {
      this.install({ type: 'vector', url }, vectorLayers.flatMap(genericVectorLayers))
    } else if (tileType === TileType.Mlt || tileType === TileType.Unknown) {
      return failure('not_pmtiles', `unsupported tile type ${tileType}`)
    } else {
      this.install({ type: 'raster', url, tileSize: 256 }, [{ id: SOURCE_ID, type: 'raster', source: SOURCE_ID }])
    }
    return { ok: true }
  }

  /** Remove the operator basemap; the schematic fills return to full strength. */
  clear(): void {
    for (const id of this.layerIds) if (this.map.getLayer(id)) this.map.removeLayer(id)
    this.layerIds = []
    if (this.map.getSource(SOURCE_ID)) this.map.removeSource(SOURCE_ID)
    if (this.map.getLayer(LAYER.streetFill)) this.map.setPaintProperty(LAYER.streetFill, 'fill-opacity', 1)
  }

  private install(source: Parameters<MaplibreMap['addSource']>[1], layers: LayerSpec[]): void {
    this.clear()
    this.tileLoaded = false
    this.map.addSource(SOURCE_ID, source)
    for (const layer of layers) this.map.addLayer(layer, LAYER.streetFill)
    this.layerIds = layers.map((l) => l.id)
    // Let the operator's map show through the schematic sub-district fills.
    this.map.setPaintProperty(LAYER.streetFill, 'fill-opacity', DIMMED_FILL_OPACITY)
  }
}

function vectorLayerIds(metadata: unknown): string[] {
  if (typeof metadata !== 'object' || metadata === null || !('vector_layers' in metadata)) return []
  const layers = (metadata as { vector_layers: unknown }).vector_layers
  if (!Array.isArray(layers)) return []
  return layers.flatMap((l: unknown) =>
    typeof l === 'object' && l !== null && 'id' in l && typeof l.id === 'string' ? [l.id] : []
  )
}

/** A plain look for any vector archive: we cannot know its schema, so draw its shapes quietly. */
function genericVectorLayers(layer: string): LayerSpec[] {
  const base = { source: SOURCE_ID, 'source-layer': layer }
  return [
    {
      ...base,
      id: `${SOURCE_ID}-${layer}-fill`,
      type: 'fill',
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#2c3a50', 'fill-opacity': 0.7 }
    },
    {
      ...base,
      id: `${SOURCE_ID}-${layer}-line`,
      type: 'line',
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#6a7d99', 'line-width': 1 }
    },
    {
      ...base,
      id: `${SOURCE_ID}-${layer}-point`,
      type: 'circle',
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': '#6a7d99', 'circle-radius': 2 }
    }
  ]
}
