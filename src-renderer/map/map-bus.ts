// Requests from the rest of the UI to the map (centre on a case), decoupled from MapLibre:
// the queue calls requestCenter; the map view subscribes while it is mounted.
import type { LngLat } from '../../src-shared/protocol'

export type CenterRequest = { location: LngLat; zoom?: number; incidentId?: string }
type Listener = (request: CenterRequest) => void

const listeners = new Set<Listener>()

export function requestCenter(request: CenterRequest): void {
  for (const listener of listeners) listener(request)
}

export function onCenterRequest(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The map's own views, toggled by the seat's keys (h, b; y: grid types, rev 1.6) through the command registry. */
export type MapView = 'heat' | 'basemap' | 'gridTypes'
const viewListeners = new Set<(view: MapView) => void>()

export function requestMapView(view: MapView): void {
  for (const listener of viewListeners) listener(view)
}

export function onMapViewRequest(listener: (view: MapView) => void): () => void {
  viewListeners.add(listener)
  return () => viewListeners.delete(listener)
}
