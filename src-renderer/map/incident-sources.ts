// Applies incident changes to the map's two incident sources (split-sources.ts): diffs go to the
// small recent source plus feature-state hides in the base; a reset loads the base whole; when
// the recent source has grown, a fold reloads the base in the background and, once its tiles are
// drawn, moves the settled cases back out of the recent source. No frame shows a case twice in
// different states or not at all.
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl'
import type { GeoJSONCollection, IncidentSourceDiff, IncidentSourceState, SourceChange } from './incident-diff'
import { SplitRouter } from './split-sources'
import { SRC } from './style'

/** Fold when the recent source holds this many cases, or this share of the shown ones if more. */
const FOLD_MIN = 1000
const FOLD_SHARE = 0.05
/** A fold gives up waiting for the base's tiles after this long (the map may be hidden) and settles anyway. */
const FOLD_WAIT_MS = 30_000

const EMPTY: GeoJSONCollection = { type: 'FeatureCollection', features: [] }

export class IncidentSources {
  private readonly router = new SplitRouter()
  /** Bumped by each reset and fold, so a fold overtaken by a reset does not settle. */
  private generation = 0

  constructor(
    private readonly map: MaplibreMap,
    private readonly state: IncidentSourceState
  ) {}

  get recentSize(): number {
    return this.router.recentSize
  }

  /** Apply one change; resolves when the sources have the data (tiles redraw after). */
  apply(change: SourceChange): Promise<void> {
    if (change.kind === 'reset') return this.reset(change.data)
    const routed = this.router.route(change.diff, (id) => this.state.feature(id))
    for (const id of routed.hide) this.map.setFeatureState({ source: SRC.incidents, id }, { gone: true })
    const pending = isEmpty(routed.recent) ? Promise.resolve() : (this.source(SRC.recent)?.updateData(routed.recent) ?? Promise.resolve())
    if (!this.router.folding && this.router.recentSize >= Math.max(FOLD_MIN, this.state.size * FOLD_SHARE)) void this.fold()
    return pending
  }

  private async reset(data: GeoJSONCollection): Promise<void> {
    this.generation++
    this.router.reset(data.features.map((f) => f.properties.id))
    this.map.removeFeatureState({ source: SRC.incidents })
    await Promise.all([this.source(SRC.incidents)?.setData(data), this.source(SRC.recent)?.setData(EMPTY)])
  }

  /** Reload the base with every shown case; settle once its tiles are drawn. */
  private async fold(): Promise<void> {
    const generation = ++this.generation
    const data = this.state.collection()
    this.router.startFold(data.features.map((f) => f.properties.id))
    await this.source(SRC.incidents)?.setData(data)
    await this.baseDrawn()
    if (generation !== this.generation || !this.map.getSource(SRC.incidents)) return
    const settled = this.router.settleFold()
    // Show from the base first, then drop from the recent source: for a moment a case may be
    // drawn twice in the same state, never missing.
    for (const id of settled.unhide) this.map.removeFeatureState({ source: SRC.incidents, id }, 'gone')
    if (settled.recentRemove.length > 0) void this.source(SRC.recent)?.updateData({ remove: settled.recentRemove })
  }

  private baseDrawn(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.map.off('sourcedata', check)
        resolve()
      }
      const check = (): void => {
        if (!this.map.getSource(SRC.incidents) || this.map.isSourceLoaded(SRC.incidents)) done()
      }
      const timer = setTimeout(done, FOLD_WAIT_MS)
      this.map.on('sourcedata', check)
      check()
    })
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource<GeoJSONSource>(id)
  }
}

function isEmpty(diff: IncidentSourceDiff): boolean {
  return diff.add.length === 0 && diff.update.length === 0 && diff.remove.length === 0
}
