// The settings the wall's colours follow (issue 16 item 5, k16c): the figure thresholds of
// src-shared/domain/figure-thresholds.ts as a schema, so a settings file or an update with a red
// limit that is not past the amber one is refused with a clear message instead of half applied.
import { z } from 'zod'
import { thresholdProblem, type FigureThresholds } from '../domain/figure-thresholds'

const Percent = z.number().min(0).max(100)
const Limit = z.number().int().min(0).max(1_000_000).nullable()

export const WallThresholds = z
  .object({
    onTimeRate: z.object({ amberBelow: Percent, redBelow: Percent }),
    overdue: z.object({ amberAbove: Limit, redAbove: Limit }),
    urgent: z.object({ amberAbove: Limit, redAbove: Limit })
  })
  .partial()
  .superRefine((t, ctx) => {
    const problem = thresholdProblem(t)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
export type WallThresholds = z.infer<typeof WallThresholds>

// The schema and the domain's type must describe the same thing.
const _same: Partial<FigureThresholds> = {} as WallThresholds
void _same
