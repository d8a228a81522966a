// Open and overdue case counts per unit grid, kept incrementally: each case remembers what it
// contributed, so a delta changes only the grids it touches and the map sets feature-state on
// just those grids.
import type { IncidentSummary } from '../../src-shared/api'
import { isOpenStatus } from '../../src-shared/protocol'
import { runningDeadlineMs } from './overdue'

export type GridCounts = { open: number; overdue: number }
/** `deadline` only while the case's clock runs (see runningDeadlineMs). */
type Contribution = { grid: string; open: boolean; deadline: number | null; overdue: boolean }

export class GridAggregator {
  private byIncident = new Map<string, Contribution>()
  private byGrid = new Map<string, GridCounts>()

  /** Counts of one grid (zeros when it has no open case). */
  counts(grid: string): GridCounts {
    return this.byGrid.get(grid) ?? { open: 0, overdue: 0 }
  }

  /** Every grid with at least one open case. */
  entries(): IterableIterator<[string, GridCounts]> {
    return this.byGrid.entries()
  }

  /**
   * Apply upserts and removals; returns the new counts of each grid that changed
   * (a grid back to zero is included, so its shading can be cleared).
   */
  apply(upserted: Iterable<IncidentSummary>, removed: Iterable<string>, nowMs: number): Map<string, GridCounts> {
    const touched = new Map<string, GridCounts>()
    for (const id of removed) this.withdraw(id, touched)
    for (const incident of upserted) {
      this.withdraw(incident.id, touched)
      if (!isOpenStatus(incident.status)) continue
      const deadline = runningDeadlineMs(incident)
      const contribution: Contribution = {
        grid: incident.gridCode,
        open: true,
        deadline,
        overdue: deadline !== null && nowMs > deadline
      }
      this.byIncident.set(incident.id, contribution)
      this.add(contribution, 1, touched)
    }
    return this.changedOnly(touched)
  }

  /** Re-evaluate overdue against the clock; returns grids whose counts changed. */
  tick(nowMs: number): Map<string, GridCounts> {
    const touched = new Map<string, GridCounts>()
    for (const c of this.byIncident.values()) {
      if (c.deadline === null) continue
      const overdue = nowMs > c.deadline
      if (overdue === c.overdue) continue
      this.add(c, -1, touched)
      c.overdue = overdue
      this.add(c, 1, touched)
    }
    return this.changedOnly(touched)
  }

  clear(): void {
    this.byIncident.clear()
    this.byGrid.clear()
  }

  private withdraw(id: string, touched: Map<string, GridCounts>): void {
    const held = this.byIncident.get(id)
    if (!held) return
    this.byIncident.delete(id)
    this.add(held, -1, touched)
  }

  private add(c: Contribution, sign: 1 | -1, touched: Map<string, GridCounts>): void {
    if (!touched.has(c.grid)) touched.set(c.grid, { ...this.counts(c.grid) })
    const counts = this.byGrid.get(c.grid) ?? { open: 0, overdue: 0 }
    counts.open += c.open ? sign : 0
    counts.overdue += c.overdue ? sign : 0
    if (counts.open === 0 && counts.overdue === 0) this.byGrid.delete(c.grid)
    else this.byGrid.set(c.grid, counts)
  }

  /** `touched` holds counts before the change; keep the grids whose counts differ now. */
  private changedOnly(touched: Map<string, GridCounts>): Map<string, GridCounts> {
    const changed = new Map<string, GridCounts>()
    for (const [grid, before] of touched) {
      const now = this.counts(grid)
      if (now.open !== before.open || now.overdue !== before.overdue) changed.set(grid, { ...now })
    }
    return changed
  }
}
