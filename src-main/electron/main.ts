// Electron main: one instance, hardened windows (see hardening.ts), the renderer on app://console,
// ConsoleApi over IPC (operator for the console window, viewer for the wall window), the wall on
// an external display, and the demo hub in a utility process when the demo is chosen.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, Menu, app, crashReporter, dialog, ipcMain, safeStorage, screen, session, shell, utilityProcess, webContents } from 'electron'
import type { Access, ConsoleApi } from '../../src-shared/api'
import { openConsole } from '../core/console-service'
import { startDemoHub } from '../core/demo-hub'
import { superviseDemoHub } from '../core/demo-hub-supervisor'
import { defaultHubEntry, utilityHubSpawner } from '../core/demo-hub-spawner'
import type { Log } from '../core/log'
import { AppSession } from '../core/app-session'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { electronConfig } from './config'
import { chooseWallDisplay } from './displays'
import { APP_ORIGIN, lockDownContents, lockDownSession, secureWebPreferences, trustedOrigins } from './hardening'
import { WindowRegistry, forwardEvents, registerApiHandlers, type IpcMainLike } from './ipc'
import { labelsFor, type MainLabels } from './labels'
import { printReport } from './print-report'
import { writeAtomic } from '../core/report/write-atomic'
import { menuTemplate } from './menu'
import { safeStorageCipher } from './token-cipher'
import { watchRenderer } from './renderer-watch'
import { openFileLog, type FileLog } from '../core/logging/file-log'
import { acquireInstanceLock } from '../core/instance-lock'

const here = path.dirname(fileURLToPath(import.meta.url))
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs')
const RENDERER_DIR = path.join(here, '..', 'renderer')
/** out/main/index.js lives two levels below the project (where tsx and src-hub are), however launched. */
const PROJECT_ROOT = path.resolve(here, '..', '..')
/**
 * Set by `electron-vite dev`. Honoured only in a development build (electron-vite sets
 * import.meta.env.DEV at build time): in a built app the variable could point the window anywhere.
 */
const DEV_URL = import.meta.env.DEV ? process.env.ELECTRON_RENDERER_URL : undefined
const ORIGINS = trustedOrigins(DEV_URL)

const terminal: Log = (level, msg, data) => {
  if (level === 'debug' && !process.env.GCC_DEBUG) return
  process.stderr.write(`[${new Date().toISOString()}] ${level}: ${msg}${data ? ` ${JSON.stringify(data)}` : ''}\n`)
}
/** Issue 12: logs/ in the data folder once it is known; the terminal always (for development). */
let fileLog: FileLog | null = null
const log: Log = (level, msg, data) => {
  fileLog?.log(level, msg, data)
  terminal(level, msg, data)
}
process.on('uncaughtException', (err) => log('error', 'uncaught exception in main', { error: err.stack ?? String(err) }))
process.on('unhandledRejection', (reason) =>
  log('error', 'unhandled rejection in main', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) })
)

const pageUrl = (view: 'console' | 'wall'): string => {
  const base = DEV_URL ?? APP_ORIGIN
  return view === 'wall' ? `${base}/wall` : `${base}/index.html`
}

const registry = new WindowRegistry()
const cleanups: (() => Promise<void> | void)[] = []
let consoleWindow: BrowserWindow | null = null
let wallWindow: BrowserWindow | null = null
let wallDisplayId: number | null = null
let api: ConsoleApi | null = null
let labels: MainLabels = labelsFor('zh-CN')

function createWindow(access: Access, options: Electron.BrowserWindowConstructorOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...options,
    show: false,
    // The hardened set lives in secureWebPreferences (tested there); the three that matter most are
    // repeated here as literals so a static checker (electronegativity, in npm test) can read them.
    // Auxclick off: a middle click cannot even ask for a new window (the open handler denies them anyway).
    webPreferences: {
      ...secureWebPreferences(PRELOAD),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick'
    }
  })
  const contents = win.webContents
  const id = contents.id
  registry.add(id, access, () => (contents.isDestroyed() ? null : contents.mainFrame))
  if (api) forwardEvents(api, contents, access)
  const view = access === 'viewer' ? 'wall' : 'console'
  // A dead or hung renderer is logged and its page loaded again with a banner; the outbox is in main.
  const unwatch = watchRenderer({ contents, view, log, reload: (reason) => void win.loadURL(`${pageUrl(view)}?recovered=${encodeURIComponent(reason)}`) })
  win.on('closed', unwatch)
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => registry.remove(id))
  return win
}

function openConsoleWindow(): void {
  consoleWindow = createWindow('operator', { width: 1600, height: 900, minWidth: 1200, minHeight: 700, title: labels.appMenu })
  consoleWindow.on('closed', () => {
    consoleWindow = null
    // The wall shows nothing an operator can act on; without the console the app is done.
    app.quit()
  })
  void consoleWindow.loadURL(pageUrl('console'))
}

/** interactive: asked from the menu, so say why nothing opened; at start or on a display change, stay quiet. */
async function openWall(force: boolean, interactive: boolean): Promise<void> {
  if (wallWindow) {
    wallWindow.focus()
    return
  }
  const settings = api ? await api.getSettings() : null
  const display = chooseWallDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id, settings?.wallDisplayId ?? null, force)
  if (!display) {
    log('info', 'no external display: the wall window stays closed')
    if (interactive && consoleWindow) void dialog.showMessageBox(consoleWindow, { type: 'info', message: labels.noExternalDisplay })
    return
  }
  wallWindow = createWindow('viewer', { ...display.bounds, fullscreen: true, frame: false, title: labels.openWall })
  wallDisplayId = display.id
  wallWindow.on('closed', () => {
    wallWindow = null
    wallDisplayId = null
  })
  void wallWindow.loadURL(pageUrl('wall'))
}

function buildMenu(): void {
  const template = menuTemplate(
    labels,
    {
      openWall: (force) => void openWall(force, true),
      closeWall: () => wallWindow?.close(),
      about: () => {
        if (consoleWindow) void dialog.showMessageBox(consoleWindow, { type: 'info', message: labels.about, detail: labels.aboutDetail })
      }
    },
    { dev: Boolean(DEV_URL) }
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession, ORIGINS, Boolean(DEV_URL))
  // The PMTiles basemap is read from the path in the saved settings, never from the request.
  serveRenderer(RENDERER_DIR, async () => {
    const basemap = api ? (await api.getSettings()).basemap : null
    return basemap?.kind === 'pmtiles' ? basemap.path : null
  })
  const config = electronConfig(process.argv, process.env, app.getPath('userData'))
  // One console per data folder, even across separately installed copies or --data (issue 12).
  const lock = await acquireInstanceLock(path.join(config.dataDir, 'console.lock'))
  cleanups.push(() => lock.release())
  fileLog = await openFileLog({ dir: path.join(config.dataDir, 'logs'), name: 'console', level: process.env.GCC_DEBUG ? 'debug' : 'info' })
  fileLog.addSecret(config.hub?.token)
  log('info', 'console starting', { version: app.getVersion(), electron: process.versions.electron, dataDir: config.dataDir })
  // The settings file decides the hub (flags and env override it); with none chosen the renderer
  // shows the first-run screen and the session opens the core once the person has picked one.
  const appSession = await AppSession.open({
    settingsDir: config.dataDir,
    overrides: { hub: config.hub, demo: config.demo, sources: config.overrides },
    cipher: safeStorageCipher(safeStorage),
    // The hub runs in an Electron utility process (no second runtime), a separate process that
    // talks over the same socket as a real hub; the one supervisor restarts it after a crash.
    startDemo: (dataDir, onState) =>
      superviseDemoHub({
        start: (o) =>
          startDemoHub({
            dataDir,
            projectRoot: PROJECT_ROOT,
            rate: config.demoRate,
            spawner: utilityHubSpawner((m, a, opts) => utilityProcess.fork(m, a, opts), defaultHubEntry(PROJECT_ROOT)),
            log,
            ...o
          }),
        log,
        onState
      }),
    openCore: (o) => openConsole({ ...o, log }),
    openPath: async (folder) => (await shell.openPath(folder)) === '',
    log,
    onSecret: (s) => fileLog?.addSecret(s),
    versions: { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome }
  })
  cleanups.push(() => appSession.close())
  api = appSession.api
  labels = labelsFor((await api.getSettings()).locale)
  api.on('settings', (s) => {
    labels = labelsFor(s.locale)
    buildMenu()
    // A new wall display in settings moves the open wall there.
    if (wallWindow && s.wallDisplayId !== null && s.wallDisplayId !== wallDisplayId) {
      wallWindow.once('closed', () => void openWall(false, false))
      wallWindow.close()
    }
  })
  // Issue 10: printReport prints the window that asks (its sender was checked by the handler).
  const senderMethods = (senderId: number) => ({
    printReport: async (request: Parameters<ConsoleApi['printReport']>[0]) => {
      const contents = webContents.fromId(senderId)
      if (!contents || contents.isDestroyed()) return { status: 'failed' as const, message: 'the window that asked to print is gone' }
      const owner = BrowserWindow.fromWebContents(contents)
      return printReport(contents, request, {
        showSaveDialog: (options) => (owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options)),
        writeFile: (file, data) => Promise.resolve(writeAtomic(file, data)),
        defaultDir: app.getPath('documents'),
        today: () => new Date().toLocaleDateString('sv'),
        join: path.join
      })
    }
  })
  cleanups.push(registerApiHandlers(ipcMain as unknown as IpcMainLike, api, registry, ORIGINS, log, senderMethods))
  buildMenu()
  openConsoleWindow()
  await openWall(false, false)
  screen.on('display-removed', (_event, removed) => {
    // A wall left on a display that is gone would be invisible but still running.
    if (wallWindow && removed.id === wallDisplayId) wallWindow.close()
  })
  screen.on('display-added', () => {
    // Plugging the wall's screen in opens the wall on it (the configured or first external one).
    if (!wallWindow) void openWall(false, false)
  })
}

let quitting = false
async function shutdown(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup()
    } catch (err) {
      log('warn', `shutdown: ${String(err)}`)
    }
  }
  await fileLog?.close()
}

registerAppScheme()
// Crash dumps stay on this PC (issue 12): never uploaded; they go into the bundle with the logs' folder.
crashReporter.start({ uploadToServer: false, compress: true })
app.enableSandbox()
app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (msg) => log('warn', msg)))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!consoleWindow) return
    if (consoleWindow.isMinimized()) consoleWindow.restore()
    consoleWindow.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', (event) => {
    if (quitting) return
    // Close the core and the demo hub before the process goes.
    event.preventDefault()
    quitting = true
    void shutdown().finally(() => app.quit())
  })
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err)
      log('error', `start failed: ${message}`)
      dialog.showErrorBox(labels.startFailedTitle, `${labels.startFailed}${message}`)
      quitting = true
      void shutdown().finally(() => app.exit(1))
    })
}
