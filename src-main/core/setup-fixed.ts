// The setup methods of a console core opened directly with a fixed hub (tests, scripts, the
// benchmarks): nothing to save, no first run; testHub still makes a real handshake. The app
// (app-session.ts) answers these methods itself from the settings file.
import path from 'node:path'
import { type ConsoleApi, type SetupState } from '../../src-shared/api'
import { probeHub } from './hub-probe'
import type { Log } from './log'

export type SetupMethods = Pick<
  ConsoleApi,
  'getSetup' | 'testHub' | 'saveSetup' | 'openLogFolder' | 'reportError' | 'writeDiagnostics' | 'rotateViewerToken' | 'printReport'
>

export function fixedSetupMethods(opts: { hubUrl: string; demo: boolean; dataDir: string; log?: Log }): SetupMethods {
  const state: SetupState = {
    firstRun: false,
    hub: opts.demo ? { kind: 'demo' } : { kind: 'hub', url: opts.hubUrl, tokenStored: true },
    seatName: '',
    settingsFile: '',
    dataDir: opts.dataDir,
    logDir: path.join(opts.dataDir, 'logs'),
    tokenStorage: 'file',
    overrides: [{ field: 'hub', source: 'openConsole' }],
    settingsNotice: null,
    restartNeeded: false,
    startError: null
  }
  return {
    getSetup: () => Promise.resolve(state),
    testHub: (url, token) => probeHub(url, token),
    saveSetup: () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'not_ready' as const, message: 'this console was started with a fixed hub; there is no settings file to save' }
      }),
    openLogFolder: () => Promise.resolve({ path: state.logDir, opened: false }),
    writeDiagnostics: () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'not_ready' as const, message: 'diagnostics are written by the app, not by a bare console core' }
      }),
    // Issue 15: only browser mode's web host has wall links; it answers this call before it gets here.
    rotateViewerToken: () =>
      Promise.resolve({
        ok: false as const,
        error: { code: 'not_ready' as const, message: 'this console serves no wall links (browser mode does): there is no wall token to rotate' }
      }),
    // Issue 10: only the Electron window can print itself (its IPC answers this call before it gets
    // here); browser mode and bare cores say so, and the renderer uses the browser's print.
    printReport: () =>
      Promise.resolve({ status: 'unsupported' as const, message: 'printing to PDF is done by the desktop app; use the browser print dialog here' }),
    reportError: (error) => {
      opts.log?.('error', 'renderer error', { renderer: error })
      return Promise.resolve(null)
    }
  }
}
