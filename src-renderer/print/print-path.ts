// Issue 10: the one printing path of the 交接班记录 and the 日报. The host prints the window (Electron:
// a PDF the user picks, or the system dialog); a host that cannot (browser mode) says `unsupported`
// and the browser's own print dialog is used instead — it can save a PDF too.
import type { ConsoleApi, PrintReportOutcome, PrintReportRequest } from '../../src-shared/api'

export async function printReportVia(api: Pick<ConsoleApi, 'printReport'>, request: PrintReportRequest): Promise<PrintReportOutcome> {
  let outcome: PrintReportOutcome
  try {
    outcome = await api.printReport(request)
  } catch (err) {
    // A carrier that does not know the method (an older host) is a host that cannot print.
    outcome = { status: 'unsupported', message: err instanceof Error ? err.message : String(err) }
  }
  if (outcome.status === 'unsupported') window.print()
  return outcome
}
