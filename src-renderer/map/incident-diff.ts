// Turns store deltas into GeoJSONSource.updateData diffs for the incidents source (promoteId
// 'id'): adds for cases new to the map, property/geometry updates for changed ones, removes for
// cases that left it (closed or deleted). Only a first load, a very large delta, a change of what
// is shown (the closed-today toggle) or a new day with that toggle on is a full reset.
import type { FeatureCollection, Point } from './geo-types'
import type { IncidentSummary } from '../../src-shared/api'
import type { Projector } from './coords'
import type { IncidentDelta } from './delta-buffer'
import {
  incidentFeature,
  isShownOnMap,
  startOfLocalDay,
  type IncidentFeature,
  type IncidentProps,
  type MapFilter
} from './incident-features'
import { runningDeadlineMs } from './overdue'

export type PropertyUpdate = { key: string; value: string | number }
export type FeatureUpdate = { id: string; newGeometry?: Point; addOrUpdateProperties?: PropertyUpdate[] }
export type IncidentSourceDiff = { add: IncidentFeature[]; update: FeatureUpdate[]; remove: string[] }

export type GeoJSONCollection = FeatureCollection<Point, IncidentProps>
export type SourceChange =
  | { kind: 'reset'; data: GeoJSONCollection }
  | { kind: 'diff'; diff: IncidentSourceDiff }

/** `deadline` is set only while the case's clock runs: the moment its overdue mark turns on. */
type Shown = { props: IncidentProps; coords: [number, number]; deadline: number | null }

/** Above this share of the shown set, one setData is cheaper than a diff. */
const RESET_SHARE = 0.5
const RESET_MIN = 2000

const PROP_KEYS: readonly (keyof IncidentProps)[] = ['urgency', 'status', 'major', 'overdue', 'urgent', 'closed']

export class IncidentSourceState {
  private shown = new Map<string, Shown>()
  /** Whether cases closed today are drawn too (faint), besides the open ones. */
  private closedToday = false
  private filter: MapFilter = { closedSinceMs: null }

  constructor(private project: Projector) {}

  get showsClosedToday(): boolean {
    return this.closedToday
  }

  /** Switch the closed-today cases on or off; the caller resets with the full store afterwards. */
  setClosedToday(on: boolean, nowMs: number): void {
    this.closedToday = on
    this.filter = this.filterAt(nowMs)
  }

  private filterAt(nowMs: number): MapFilter {
    return { closedSinceMs: this.closedToday ? startOfLocalDay(nowMs) : null }
  }

  get size(): number {
    return this.shown.size
  }

  has(id: string): boolean {
    return this.shown.has(id)
  }

  /** Forget the shown set and build the whole collection (first load, CRS change, large delta). */
  reset(all: Iterable<IncidentSummary>, nowMs: number, project: Projector = this.project): SourceChange {
    this.project = project
    this.shown = new Map()
    this.filter = this.filterAt(nowMs)
    const features: IncidentFeature[] = []
    for (const incident of all) {
      if (!isShownOnMap(incident, this.filter)) continue
      const feature = incidentFeature(incident, nowMs, this.project)
      this.remember(incident, feature)
      features.push(feature)
    }
    return { kind: 'reset', data: { type: 'FeatureCollection', features } }
  }

  /**
   * The change for one (coalesced) delta, or null when nothing the map draws changed.
   * `all` is the store's full set, used only when the delta is large enough to reset.
   */
  apply(delta: IncidentDelta, nowMs: number, all: () => Iterable<IncidentSummary>): SourceChange | null {
    const changes = delta.upserted.length + delta.removed.length
    if (changes >= RESET_MIN && changes > this.shown.size * RESET_SHARE) return this.reset(all(), nowMs)
    const diff: IncidentSourceDiff = { add: [], update: [], remove: [] }
    for (const id of delta.removed) {
      if (this.shown.delete(id)) diff.remove.push(id)
    }
    for (const incident of delta.upserted) {
      const held = this.shown.get(incident.id)
      if (!isShownOnMap(incident, this.filter)) {
        if (held) {
          this.shown.delete(incident.id)
          diff.remove.push(incident.id)
        }
        continue
      }
      const feature = incidentFeature(incident, nowMs, this.project)
      if (!held) {
        diff.add.push(feature)
      } else {
        const update = featureUpdate(incident.id, held, feature)
        if (update) diff.update.push(update)
      }
      this.remember(incident, feature)
    }
    return isEmpty(diff) ? null : { kind: 'diff', diff }
  }

  /** The shown set as one collection (to fill a second source, e.g. the low-zoom clusters). */
  collection(): GeoJSONCollection {
    const features: IncidentFeature[] = []
    for (const entry of this.shown.values()) features.push(asFeature(entry))
    return { type: 'FeatureCollection', features }
  }

  /** One shown case as it stands, or null when the map does not show it. */
  feature(id: string): IncidentFeature | null {
    const entry = this.shown.get(id)
    return entry ? asFeature(entry) : null
  }

  /**
   * Cases whose deadline passed since the last look: their overdue ring turns on. With the
   * closed-today cases shown, a new day starts from the full store (`all`): yesterday's go.
   */
  tick(nowMs: number, all?: () => Iterable<IncidentSummary>): SourceChange | null {
    if (all && this.filter.closedSinceMs !== null && startOfLocalDay(nowMs) !== this.filter.closedSinceMs) {
      return this.reset(all(), nowMs)
    }
    const update: FeatureUpdate[] = []
    for (const [id, entry] of this.shown) {
      if (entry.deadline === null) continue
      const overdue = nowMs > entry.deadline ? 1 : 0
      if (overdue === entry.props.overdue) continue
      entry.props = { ...entry.props, overdue }
      update.push({ id, addOrUpdateProperties: [{ key: 'overdue', value: overdue }] })
    }
    return update.length === 0 ? null : { kind: 'diff', diff: { add: [], update, remove: [] } }
  }

  private remember(incident: IncidentSummary, feature: IncidentFeature): void {
    this.shown.set(incident.id, {
      props: feature.properties,
      coords: feature.geometry.coordinates as [number, number],
      deadline: runningDeadlineMs(incident)
    })
  }
}

function asFeature(entry: Shown): IncidentFeature {
  return { type: 'Feature', id: entry.props.id, geometry: { type: 'Point', coordinates: entry.coords }, properties: entry.props }
}

function featureUpdate(id: string, held: Shown, next: IncidentFeature): FeatureUpdate | null {
  const update: FeatureUpdate = { id }
  const [x, y] = next.geometry.coordinates
  if (x !== held.coords[0] || y !== held.coords[1]) update.newGeometry = next.geometry
  const props: PropertyUpdate[] = []
  for (const key of PROP_KEYS) {
    const value = next.properties[key]
    if (value !== held.props[key]) props.push({ key, value })
  }
  if (props.length > 0) update.addOrUpdateProperties = props
  return update.newGeometry || update.addOrUpdateProperties ? update : null
}

function isEmpty(diff: IncidentSourceDiff): boolean {
  return diff.add.length === 0 && diff.update.length === 0 && diff.remove.length === 0
}
