// When a source's data is on screen (issue 13): MapLibre's 'load' waits for every source of the map,
// background included, and says nothing of data set later. A source is drawn at the first frame that
// renders after its new data has reached the worker and all of its tiles for the view are loaded.
import type { Map as MaplibreMap } from 'maplibre-gl'

/** Calls `onDrawn` once, at the first frame after `dataSet` that draws every tile of `sourceId`. */
export function whenSourceDrawn(map: MaplibreMap, sourceId: string, dataSet: Promise<unknown>, onDrawn: () => void): void {
  void dataSet.then(() => {
    const check = (): void => {
      // The map was rebuilt or removed meanwhile: nothing will be drawn from this source.
      if (!map.getSource(sourceId)) return void map.off('render', check)
      if (!map.isSourceLoaded(sourceId)) return
      map.off('render', check)
      onDrawn()
    }
    map.on('render', check)
    map.triggerRepaint()
  })
}
