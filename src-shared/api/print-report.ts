// Issue 10: printing the 交接班记录 and the 日报 — one path for both. Electron answers with printToPDF
// (a file the user picks) or the system print dialog; a host that cannot print (browser mode) answers
// `unsupported` and the renderer falls back to the browser's own print.
import { z } from 'zod'

export const PrintReportRequest = z.object({
  kind: z.enum(['shift', 'daily']),
  action: z.enum(['pdf', 'print']),
  /** The report's day in the centre's calendar (YYYY-MM-DD), for the default file name. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
})
export type PrintReportRequest = z.infer<typeof PrintReportRequest>

export const PrintReportOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string().max(4000), bytes: z.number().int().nonnegative() }),
  z.object({ status: z.literal('printed') }),
  /** The user closed the save or print dialog: nothing written, nothing printed. */
  z.object({ status: z.literal('canceled') }),
  /** This host cannot print (browser mode): use window.print(). */
  z.object({ status: z.literal('unsupported'), message: z.string().max(500) }),
  z.object({ status: z.literal('failed'), message: z.string().max(4000) })
])
export type PrintReportOutcome = z.infer<typeof PrintReportOutcome>

/** The default file name offered in the save dialog: 日报-2026-12-05.pdf, 交接班记录-2026-12-05.pdf. */
export function defaultReportFileName(kind: PrintReportRequest['kind'], day: string): string {
  return `${kind === 'daily' ? '日报' : '交接班记录'}-${day}.pdf`
}
