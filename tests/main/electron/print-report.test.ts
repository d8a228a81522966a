// The Electron side of printReport with a fake webContents, save dialog and file system: the PDF
// lands at the chosen path (A4 portrait, backgrounds), a cancel writes nothing, a failing write or
// print is a clear typed error, and the system print dialog's answers map to printed/canceled/failed.
import { describe, expect, it } from 'vitest'
import { printReport, type PrintableContents, type ReportPrinterDeps, type SaveDialogResult } from '../../../src-main/electron/print-report'

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])

function fakes(opts: { dialog?: SaveDialogResult; writeFails?: Error; printAnswer?: [boolean, string] } = {}) {
  const written = new Map<string, Uint8Array>()
  const pdfOptions: unknown[] = []
  const dialogs: { defaultPath: string }[] = []
  const contents: PrintableContents = {
    printToPDF: (o) => {
      pdfOptions.push(o)
      return Promise.resolve(PDF)
    },
    print: (_o, callback) => {
      const [ok, reason] = opts.printAnswer ?? [true, '']
      setTimeout(() => callback(ok, reason), 0)
    }
  }
  const deps: ReportPrinterDeps = {
    showSaveDialog: (o) => {
      dialogs.push(o)
      return Promise.resolve(opts.dialog ?? { canceled: false, filePath: '/home/lead/日报.pdf' })
    },
    writeFile: (file, data) => {
      if (opts.writeFails) return Promise.reject(opts.writeFails)
      written.set(file, data)
      return Promise.resolve()
    },
    defaultDir: '/home/lead/Documents',
    today: () => '2026-12-04',
    join: (dir, name) => `${dir}/${name}`
  }
  return { contents, deps, written, pdfOptions, dialogs }
}

describe('printReport (Electron)', () => {
  it('saves the PDF to the path the user picks, offering a dated default name', async () => {
    const f = fakes()
    const outcome = await printReport(f.contents, { kind: 'daily', action: 'pdf', day: '2026-12-05' }, f.deps)
    expect(outcome).toEqual({ status: 'saved', path: '/home/lead/日报.pdf', bytes: PDF.byteLength })
    expect(f.written.get('/home/lead/日报.pdf')).toEqual(PDF)
    expect(f.dialogs[0]?.defaultPath).toBe('/home/lead/Documents/日报-2026-12-05.pdf')
    expect(f.pdfOptions[0]).toMatchObject({ pageSize: 'A4', landscape: false, printBackground: true })
  })

  it('names the shift report 交接班记录 and uses today when no day is given', async () => {
    const f = fakes()
    await printReport(f.contents, { kind: 'shift', action: 'pdf' }, f.deps)
    expect(f.dialogs[0]?.defaultPath).toBe('/home/lead/Documents/交接班记录-2026-12-04.pdf')
  })

  it('writes nothing and makes no PDF when the save dialog is cancelled', async () => {
    const f = fakes({ dialog: { canceled: true } })
    expect(await printReport(f.contents, { kind: 'daily', action: 'pdf' }, f.deps)).toEqual({ status: 'canceled' })
    expect(f.written.size).toBe(0)
    expect(f.pdfOptions).toHaveLength(0)
  })

  it('reports a write failure with the path and the reason', async () => {
    const f = fakes({ writeFails: new Error('cannot write /ro/日报.pdf: EACCES'), dialog: { canceled: false, filePath: '/ro/日报.pdf' } })
    const outcome = await printReport(f.contents, { kind: 'daily', action: 'pdf' }, f.deps)
    expect(outcome.status).toBe('failed')
    expect(outcome.status === 'failed' && outcome.message).toMatch(/could not be saved to \/ro\/日报\.pdf.*EACCES/)
    expect(f.written.size).toBe(0)
  })

  it('maps the system print dialog: printed, cancelled, failed', async () => {
    expect(await printReport(fakes().contents, { kind: 'shift', action: 'print' }, fakes().deps)).toEqual({ status: 'printed' })
    const cancel = fakes({ printAnswer: [false, 'cancelled'] })
    expect(await printReport(cancel.contents, { kind: 'shift', action: 'print' }, cancel.deps)).toEqual({ status: 'canceled' })
    const broken = fakes({ printAnswer: [false, 'failed'] })
    const outcome = await printReport(broken.contents, { kind: 'daily', action: 'print' }, broken.deps)
    expect(outcome).toEqual({ status: 'failed', message: 'the report could not be printed: failed' })
  })
})
