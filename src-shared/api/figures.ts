// The figures on the ConsoleApi (issue 10): a period and a dimension in, the figures table of
// src-shared/domain/metrics-table.ts out; and the cases behind one figure for drill-down.
import { z } from 'zod'
import { DIMENSIONS } from '../domain/metrics-table'
import { Id, IsoDate } from '../protocol'

const Count = z.number().int().nonnegative()
const Rate = z.number().min(0).max(100).nullable()

export const FigureCountsSchema = z.object({
  received: Count,
  accepted: Count,
  dispatched: Count,
  closed: Count,
  closedOnTime: Count,
  dueToClose: Count,
  reworked: Count,
  extended: Count,
  urged: Count,
  returns: Count,
  signs: Count,
  meanTimeToSignMs: z.number().nonnegative().nullable(),
  settledWithoutEscalation: Count,
  escalated: Count,
  meanTimeToCloseMs: z.number().nonnegative().nullable(),
  overdueNow: Count
})

export const FigureRowSchema = z.object({
  key: z.string().max(64),
  name: z.string().max(200),
  counts: FigureCountsSchema,
  rates: z.object({
    acceptance: Rate,
    dispatch: Rate,
    closure: Rate,
    onTime: Rate,
    rework: Rate,
    extension: Rate,
    settledWithoutEscalation: Rate
  })
})

export const FiguresTableSchema = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  by: z.enum(DIMENSIONS),
  rowsOverlap: z.boolean(),
  rows: z.array(FigureRowSchema).max(100_000),
  total: FigureRowSchema
})

/** The metrics view's charts (src-shared/domain/metrics-charts.ts figureCharts). */
export const FigureChartsSchema = z.object({
  bucket: z.enum(['hour', 'day']),
  trend: z.array(z.object({ from: IsoDate, received: Count, closed: Count })).max(24 * 32),
  categories: z.array(z.object({ code: z.string().max(10), received: Count, closed: Count })).max(1000)
})

/** A period [from, to) as instants; the renderer picks them with periodOf/periodOfDays. */
export const FiguresQuery = z
  .object({ from: IsoDate, to: IsoDate, by: z.enum(DIMENSIONS) })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
export type FiguresQuery = z.infer<typeof FiguresQuery>

export const FigureCountKey = z.enum([
  'received',
  'accepted',
  'dispatched',
  'closed',
  'closedOnTime',
  'dueToClose',
  'reworked',
  'extended',
  'urged',
  'returns',
  'signs',
  'settledWithoutEscalation',
  'escalated',
  'overdueNow'
])

export const DrillQuery = z.object({ key: z.string().min(1).max(64), figure: FigureCountKey })
export const DrillResult = z.array(Id).max(100_000)
