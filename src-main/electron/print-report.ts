// Issue 10: the Electron side of ConsoleApi.printReport, for the 交接班记录 and the 日报 alike. The
// calling window prints itself: printToPDF (A4 portrait, backgrounds) into a file the user picks, or
// print() through the system dialog. Electron is injected (dialog, webContents, file writing) so this
// runs under Node in tests; main.ts passes the real ones.
import {
  defaultReportFileName,
  type PrintReportOutcome,
  type PrintReportRequest
} from '../../src-shared/api'

/** What printing needs of a WebContents. */
export type PrintableContents = {
  printToPDF(options: { pageSize: 'A4'; landscape: false; printBackground: true; preferCSSPageSize: true }): Promise<Uint8Array>
  print(options: { silent: false; printBackground: true }, callback: (success: boolean, failureReason: string) => void): void
}

export type SaveDialogResult = { canceled: boolean; filePath?: string }

export type ReportPrinterDeps = {
  /** dialog.showSaveDialog on the calling window. */
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<SaveDialogResult>
  /** Writes the whole file or nothing (a temporary file renamed over the target). */
  writeFile(path: string, data: Uint8Array): Promise<void>
  /** The folder the save dialog opens in (the user's Documents). */
  defaultDir: string
  /** Today in the centre's calendar (YYYY-MM-DD), when the renderer names no day. */
  today(): string
  join(dir: string, name: string): string
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** Prints the calling window's report: never throws, every outcome is typed. */
export async function printReport(contents: PrintableContents, request: PrintReportRequest, deps: ReportPrinterDeps): Promise<PrintReportOutcome> {
  if (request.action === 'print') {
    return new Promise((resolve) => {
      try {
        contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
          if (success) resolve({ status: 'printed' })
          // Electron says 'cancelled' when the user closes the system dialog.
          else if (/cancel/i.test(failureReason)) resolve({ status: 'canceled' })
          else resolve({ status: 'failed', message: `the report could not be printed: ${failureReason || 'unknown reason'}` })
        })
      } catch (err) {
        resolve({ status: 'failed', message: `the report could not be printed: ${message(err)}` })
      }
    })
  }
  const name = defaultReportFileName(request.kind, request.day ?? deps.today())
  let chosen: SaveDialogResult
  try {
    chosen = await deps.showSaveDialog({
      title: name,
      defaultPath: deps.join(deps.defaultDir, name),
      filters: [{ name: 'PDF', extensions: ['pdf'] }]
    })
  } catch (err) {
    return { status: 'failed', message: `the save dialog could not be opened: ${message(err)}` }
  }
  if (chosen.canceled || !chosen.filePath) return { status: 'canceled' }
  const path = chosen.filePath
  let pdf: Uint8Array
  try {
    // preferCSSPageSize: the print stylesheet's @page (A4 portrait, its margins) decides the layout.
    pdf = await contents.printToPDF({ pageSize: 'A4', landscape: false, printBackground: true, preferCSSPageSize: true })
  } catch (err) {
    return { status: 'failed', message: `the PDF could not be made: ${message(err)}` }
  }
  try {
    await deps.writeFile(path, pdf)
  } catch (err) {
    return { status: 'failed', message: `the PDF could not be saved to ${path}: ${message(err)}` }
  }
  return { status: 'saved', path, bytes: pdf.byteLength }
}
