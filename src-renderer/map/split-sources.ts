// Bookkeeping for the two incident sources. The base source holds every shown case as of its
// last load and is left alone between loads; a case that changes moves to the small "recent"
// source and its dot in the base is hidden by feature-state. MapLibre's worker re-walks a whole
// source and rebuilds every tile a diff touches, so diffs only ever reach the small source.
// Now and then the base is reloaded with everything ("fold") and the recent source empties.
import type { IncidentFeature } from './incident-features'
import type { IncidentSourceDiff } from './incident-diff'

export type Routed = {
  /** The diff for the recent source. */
  recent: IncidentSourceDiff
  /** Base ids to hide (feature-state gone = true). */
  hide: string[]
}

/** A fold under way: the base is loading `ids`; cases routed since then stay in the recent source. */
type Fold = { recentBefore: Set<string>; hiddenBefore: Set<string>; touched: Set<string> }

export type Settled = {
  /** Leave the recent source: the reloaded base draws them as they are. */
  recentRemove: string[]
  /** Show again in the base (remove their feature-state). */
  unhide: string[]
}

export class SplitRouter {
  private base = new Set<string>()
  private hidden = new Set<string>()
  private recent = new Set<string>()
  private fold: Fold | null = null

  get recentSize(): number {
    return this.recent.size
  }

  get folding(): boolean {
    return this.fold !== null
  }

  /** A full load: the base holds `ids`, nothing is hidden, the recent source is emptied. */
  reset(ids: Iterable<string>): void {
    this.base = new Set(ids)
    this.hidden = new Set()
    this.recent = new Set()
    this.fold = null
  }

  /** Split one diff of the shown set; `current` gives a case's full feature as it now stands. */
  route(diff: IncidentSourceDiff, current: (id: string) => IncidentFeature | null): Routed {
    const out: Routed = { recent: { add: [], update: [], remove: [] }, hide: [] }
    const hideInBase = (id: string): void => {
      if (this.base.has(id) && !this.hidden.has(id)) {
        this.hidden.add(id)
        out.hide.push(id)
      }
    }
    for (const f of diff.add) {
      const id = f.properties.id
      this.fold?.touched.add(id)
      out.recent.add.push(f)
      this.recent.add(id)
      hideInBase(id)
    }
    for (const u of diff.update) {
      this.fold?.touched.add(u.id)
      if (this.recent.has(u.id)) {
        out.recent.update.push(u)
        continue
      }
      const f = current(u.id)
      if (!f) continue
      // First change since the base was loaded: the whole case moves to the recent source.
      out.recent.add.push(f)
      this.recent.add(u.id)
      hideInBase(u.id)
    }
    for (const id of diff.remove) {
      this.fold?.touched.add(id)
      if (this.recent.delete(id)) out.recent.remove.push(id)
      hideInBase(id)
    }
    return out
  }

  /** Start a fold: the base is being reloaded with `ids` (every shown case as it stands now). */
  startFold(ids: Iterable<string>): void {
    this.fold = { recentBefore: new Set(this.recent), hiddenBefore: new Set(this.hidden), touched: new Set() }
    this.base = new Set(ids)
    // Cases in the recent source stay hidden in the new base until the fold settles.
    this.hidden = new Set([...this.hidden].filter((id) => this.base.has(id)))
  }

  /**
   * The reloaded base is drawn: cases that sat in the recent source and did not change since the
   * fold began now show from the base, and leave the recent source.
   */
  settleFold(): Settled {
    const fold = this.fold
    this.fold = null
    if (!fold) return { recentRemove: [], unhide: [] }
    const recentRemove: string[] = []
    const unhide: string[] = []
    for (const id of fold.recentBefore) {
      if (fold.touched.has(id) || !this.recent.has(id)) continue
      this.recent.delete(id)
      recentRemove.push(id)
    }
    for (const id of fold.hiddenBefore) {
      if (fold.touched.has(id)) continue
      this.hidden.delete(id)
      unhide.push(id)
    }
    return { recentRemove, unhide }
  }
}
