// The 网格 panel's tables (issue 14, rev 1.6), from what the seat already holds: the reference's grids
// and standards, the units (with the hub's open counts) and the live set of cases. The rules and
// figures come from src-shared/domain; this file only picks the inputs and bounds the rows.
import type { IncidentSummary } from '../../src-shared/api'
import {
  casesByGridType,
  hasGridStandards,
  outsideListDispatches,
  workerWorkload,
  type GridTypeLoad,
  type OutsideListLine,
  type WorkerLoad
} from '../../src-shared/domain'
import type { GridProperties, GridStandard, ReferenceData, Unit } from '../../src-shared/protocol'

/** Rows of the workload table shown; the heaviest first, so the ones above the standard lead. */
export const WORKLOAD_ROWS = 200

export type GridsView =
  | { kind: 'older' }
  | {
      kind: 'ready'
      caseCount: number
      byType: (GridTypeLoad & { standard: GridStandard | undefined })[]
      workload: WorkerLoad[]
      workers: number
      over: number
      outside: OutsideListLine[]
    }

export function gridsView(
  reference: ReferenceData | null,
  units: Iterable<Unit>,
  incidents: Iterable<IncidentSummary>
): GridsView {
  if (!reference || !hasGridStandards(reference)) return { kind: 'older' }
  const grids = new Map<string, GridProperties>(reference.grids.features.map((f) => [f.properties.code, f.properties]))
  const cases = [...incidents]
  const standards = reference.gridStandards ?? []
  // A summary carries no timeline: a worker's cases are those it is assigned now.
  const workload = workerWorkload(units, grids, standards, cases.map((c) => ({ assignees: c.assignees, timeline: [] })))
  return {
    kind: 'ready',
    caseCount: cases.length,
    byType: casesByGridType(grids.values(), cases).map((row) => ({ ...row, standard: standards.find((s) => s.gridType === row.gridType) })),
    workload: workload.slice(0, WORKLOAD_ROWS),
    workers: workload.length,
    over: workload.filter((w) => w.overStandard).length,
    outside: outsideListDispatches(cases, -Infinity, Infinity)
  }
}
