// `npm run report`: the figures or the cases of a console's data folder, with no hub and no window —
// the same code the metrics view and its export run (figures-report.ts, case-exports.ts). Flags are
// parsed with zod; any bad input is a clear message and exit code 2, and no file is written.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { DIMENSIONS, periodOf, periodOfDays, type CaseFacts, type Period } from '../../../src-shared/domain'
import type { Incident } from '../../../src-shared/protocol'
import { CacheReadError, CacheReader } from './cache-reader'
import { casesCsv, casesJson, casesReceivedIn, open311Requests, open311Services } from './case-exports'
import { dailyReportHtml } from './daily-report'
import { buildFigures, figuresCsv, figuresJson, figuresText, namesOf, offsetOf } from './figures-report'
import { OutputError, writeAtomic } from './write-atomic'

export const REPORT_USAGE = `usage:
  npm run report -- --data DIR [--from YYYY-MM-DD --to YYYY-MM-DD] [--by street|community|grid|unit|category|shift]
                    [--format table|csv|json|html] [--out FILE]
  npm run report -- --data DIR --cases [--from … --to …] [--format csv|json|open311] [--out FILE]
  npm run report -- --data DIR --services [--out FILE]        (Open311 services list)
Days are local days of the hall's calendar; without --from/--to the period is today.`

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')

const Flags = z
  .object({
    data: z.string({ error: '--data DIR is required (the console data folder)' }).min(1),
    from: Day.optional(),
    to: Day.optional(),
    by: z.enum(DIMENSIONS, { error: `--by must be one of ${DIMENSIONS.join(', ')}` }).default('street'),
    format: z.enum(['table', 'csv', 'json', 'html', 'open311']).optional(),
    out: z.string().min(1).optional(),
    cases: z.boolean().default(false),
    services: z.boolean().default(false),
    now: z.iso.datetime({ offset: true, error: '--now must be an ISO date-time' }).optional()
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.to < f.from) ctx.addIssue({ code: 'custom', path: ['to'], message: `--to ${f.to} is before --from ${f.from}` })
    if (f.cases && f.format && !['csv', 'json', 'open311'].includes(f.format))
      ctx.addIssue({ code: 'custom', path: ['format'], message: '--cases takes --format csv, json or open311' })
    if (!f.cases && f.format === 'open311') ctx.addIssue({ code: 'custom', path: ['format'], message: 'open311 is a format of --cases' })
    if (f.cases && f.services) ctx.addIssue({ code: 'custom', path: ['services'], message: '--cases and --services are separate exports' })
  })
export type ReportFlags = z.infer<typeof Flags>

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReportInputError'
  }
}

export function parseReportArgs(argv: readonly string[]): ReportFlags {
  let values: Record<string, unknown>
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        cases: { type: 'boolean' },
        services: { type: 'boolean' },
        now: { type: 'string' }
      }
    }).values
  } catch (err) {
    throw new ReportInputError(`${(err as Error).message}\n${REPORT_USAGE}`)
  }
  const parsed = Flags.safeParse(values)
  if (!parsed.success) throw new ReportInputError(`${z.prettifyError(parsed.error)}\n${REPORT_USAGE}`)
  return parsed.data
}

function periodFrom(flags: ReportFlags, nowMs: number, offset: number): Period {
  if (!flags.from && !flags.to) return periodOf('today', nowMs, offset)
  const from = flags.from ?? flags.to ?? ''
  return periodOfDays(from, flags.to ?? from, offset)
}

/** Runs the report; returns what it wrote (to --out, or the text for stdout). Throws the errors above. */
export async function runReport(argv: readonly string[], clock: () => number = Date.now): Promise<{ text: string; out: string | null }> {
  const flags = parseReportArgs(argv)
  const reader = await CacheReader.open(flags.data)
  try {
    const nowMs = flags.now ? Date.parse(flags.now) : clock()
    const reference = await reader.reference()
    const offset = offsetOf({ reference })
    const period = periodFrom(flags, nowMs, offset)
    // The figures and the CSV/JSON cases need only the cases' facts (case-facts.ts); the daily report and
    // Open311 (titles, addresses, locations) read the full rows.
    const full = flags.format === 'html' || flags.format === 'open311'
    const { incidents } = full ? await reader.incidentsFor(period.from.getTime(), period.to.getTime()) : { incidents: [] }
    const facts: readonly (Incident | CaseFacts)[] = full ? incidents : (await reader.caseFactsFor(period.from.getTime(), period.to.getTime())).incidents
    const units = await reader.units()
    const data = { incidents, units, reference }
    let text: string
    if (flags.services) {
      text = JSON.stringify(open311Services(reference), null, 2) + '\n'
    } else if (flags.cases) {
      const format = flags.format ?? 'csv'
      const received = <T extends Parameters<typeof casesReceivedIn>[0][number]>(xs: readonly T[]): T[] => casesReceivedIn(xs, period.from.getTime(), period.to.getTime())
      if (format === 'csv') text = casesCsv(received(facts), offset)
      else if (format === 'json') text = JSON.stringify(casesJson(received(facts), offset), null, 2) + '\n'
      else text = JSON.stringify(open311Requests(received(incidents), { reference, unitName: (id) => namesOf(data)('unit', id) }, offset), null, 2) + '\n'
    } else {
      const format = flags.format ?? 'table'
      if (format === 'html') text = dailyReportHtml(data, period, nowMs)
      else {
        const table = buildFigures({ ...data, incidents: facts }, period, flags.by, nowMs)
        if (format === 'csv') text = figuresCsv(table)
        else if (format === 'json') text = JSON.stringify(figuresJson(table, offset), null, 2) + '\n'
        else text = figuresText(table, offset)
      }
    }
    if (flags.out) writeAtomic(flags.out, text)
    return { text, out: flags.out ?? null }
  } finally {
    await reader.close().catch(() => undefined)
  }
}

/** Exit code 2 and one clear message for bad input; 1 for anything unexpected. */
export function reportErrorCode(err: unknown): number {
  return err instanceof ReportInputError || err instanceof CacheReadError || err instanceof OutputError || err instanceof RangeError ? 2 : 1
}
