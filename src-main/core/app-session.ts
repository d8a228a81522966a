// The app around the console core (issue 12): reads the settings file, lets flags and the
// environment override it, shows the first-run screen's methods while no hub is chosen, and opens
// the core (with the demo hub, or on a real hub) once one is. Its `api` is the ConsoleApi both
// carriers serve: setup and display settings are answered here from the file; everything else
// waits for the core and is passed to it, so a page loaded during first run simply waits.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import {
  consoleApiMethods,
  fail,
  ok,
  type ConsoleApi,
  type ConsoleApiMethod,
  type HubProbeResult,
  type SettingOverride,
  type SetupRequest,
  type SetupState
} from '../../src-shared/api'
import { writeDiagnosticsBundle } from './diagnostics'
import type { DemoHubState } from './demo-hub-supervisor'
import { EventHub } from './event-hub'
import { probeHub } from './hub-probe'
import type { Log } from './log'
import { CoreKeeper, type CoreLike } from './core-keeper'
import { mergeSettings } from './settings'
import type { StorageTiming } from './storage-health'
import {
  fileTokenCipher,
  loadSettingsFile,
  saveSettingsFile,
  settingsPath,
  type LoadedSettings,
  type SettingsFile,
  type TokenCipher,
  withoutSecrets
} from './settings-file'

export type LaunchedHub = { url: string; token: string; stop(): Promise<void> }
export type { CoreLike } from './core-keeper'

/** What flags and the environment set, which the file cannot change. */
export type ConfigOverrides = {
  hub: { url: string; token: string } | null
  /** Start the demo hub without asking (`--demo`). */
  demo: boolean
  /** Which flag or variable set what, for the settings screen to say so. */
  sources: SettingOverride[]
}

export type AppSessionOptions = {
  /** The folder of settings.json (Electron userData, or --data in browser mode). */
  settingsDir: string
  overrides: ConfigOverrides
  cipher?: TokenCipher
  /** Starts the (supervised) demo hub; `onState` hears it restart after a crash. */
  startDemo(dataDir: string, onState: (state: DemoHubState) => void): Promise<LaunchedHub>
  openCore(opts: { dataDir: string; hubUrl: string; token: string; demo: boolean }): Promise<CoreLike>
  probe?(url: string, token: string): Promise<HubProbeResult>
  /** Electron: shell.openPath. Absent in browser mode (the path is shown instead). */
  openPath?(folder: string): Promise<boolean>
  log: Log
  now?: () => number
  /** Each token the session learns (from the file, a flag, the demo hub), for the log scrubber. */
  onSecret?(secret: string): void
  /** App, runtime and platform versions for the diagnostics bundle. */
  versions?: Record<string, string>
  /** Retries of a cache that cannot be opened: base doubling to max (default 1 s → 60 s). */
  storageTiming?: Partial<StorageTiming>
}

type Effective = { kind: 'demo' } | { kind: 'hub'; url: string; token: string } | { kind: 'none' }

const SETUP_METHODS = new Set<ConsoleApiMethod>([
  'getSetup',
  'testHub',
  'saveSetup',
  'openLogFolder',
  'getSettings',
  'updateSettings',
  'reportError',
  'writeDiagnostics'
])
/** Renderer errors written per minute at most: a page stuck in an error loop must not fill the disk. */
const RENDERER_ERRORS_PER_MINUTE = 30

export class AppSession {
  readonly api: ConsoleApi
  private file: SettingsFile
  private readonly notice: LoadedSettings['notice']
  private readonly events: EventHub
  private readonly cipher: TokenCipher
  private readonly keeper: CoreKeeper
  private demoHub: LaunchedHub | null = null
  private launching: Promise<void> | null = null
  private startError: string | null = null
  private restartNeeded = false
  private waiters: { resolve(core: CoreLike): void; reject(err: Error): void }[] = []
  private closed = false
  private errorWindow = { start: 0, count: 0 }
  private demoState: DemoHubState | null = null

  private constructor(
    private readonly opts: AppSessionOptions,
    loaded: LoadedSettings
  ) {
    this.file = loaded.value
    this.notice = loaded.notice
    this.events = new EventHub(opts.log)
    this.cipher = opts.cipher ?? fileTokenCipher
    this.api = this.buildApi()
    this.keeper = new CoreKeeper({
      openCore: (target) => opts.openCore(target),
      events: this.events,
      log: opts.log,
      now: opts.now,
      storageTiming: opts.storageTiming,
      installed: (core) => {
        for (const w of this.waiters.splice(0)) w.resolve(core)
      },
      reopenFailed: (err) => {
        this.startError = err.message
        for (const w of this.waiters.splice(0)) w.reject(err)
        this.events.emit('setup', this.state())
      }
    })
  }

  private get core(): CoreLike | null {
    return this.keeper.current
  }

  /** Loads the settings and, when a hub is chosen, opens the console on it before returning. */
  static async open(opts: AppSessionOptions): Promise<AppSession> {
    const loaded = await loadSettingsFile(opts.settingsDir, opts.now)
    if (loaded.notice) {
      opts.log('warn', 'the settings file was damaged: moved aside, defaults used', { movedTo: loaded.notice.movedTo })
    }
    const session = new AppSession(opts, loaded)
    if (session.effective().kind !== 'none') await session.launch()
    return session
  }

  /** Where the cache, the demo hub's database and the logs live. */
  get dataDir(): string {
    return this.file.dataDir ?? this.opts.settingsDir
  }

  /** Logs stay in the app's own folder (beside settings.json), wherever the cache is moved. */
  get logDir(): string {
    return path.join(this.opts.settingsDir, 'logs')
  }

  /** The running core, or null during first run. */
  get currentCore(): CoreLike | null {
    return this.core
  }

  get isDemo(): boolean {
    return this.effective().kind === 'demo'
  }

  private storedToken(): string | null {
    if (this.file.hub.kind !== 'hub' || !this.file.hub.token) return null
    try {
      return this.cipher.open(this.file.hub.token)
    } catch (err) {
      this.opts.log('warn', 'the stored hub token cannot be opened on this computer', { error: String(err) })
      return null
    }
  }

  private effective(): Effective {
    const o = this.opts.overrides
    if (o.hub) return { kind: 'hub', url: o.hub.url, token: o.hub.token }
    if (o.demo) return { kind: 'demo' }
    const hub = this.file.hub
    if (hub.kind === 'demo') return { kind: 'demo' }
    if (hub.kind === 'hub') {
      const token = this.storedToken()
      // A hub whose token cannot be opened here needs the person to type it again.
      return token ? { kind: 'hub', url: hub.url, token } : { kind: 'none' }
    }
    return { kind: 'none' }
  }

  state(): SetupState {
    const hub = this.file.hub
    return {
      firstRun: this.effective().kind === 'none' && this.core === null,
      hub: hub.kind === 'hub' ? { kind: 'hub', url: hub.url, tokenStored: this.storedToken() !== null } : hub,
      seatName: this.file.seatName,
      settingsFile: settingsPath(this.opts.settingsDir),
      dataDir: this.dataDir,
      logDir: this.logDir,
      tokenStorage: this.cipher.kind,
      overrides: this.opts.overrides.sources,
      settingsNotice: this.notice,
      restartNeeded: this.restartNeeded,
      startError: this.startError,
      demoHub: this.demoState
    }
  }

  private launch(): Promise<void> {
    this.launching ??= this.doLaunch().finally(() => {
      this.launching = null
    })
    return this.launching
  }

  private async doLaunch(): Promise<void> {
    const target = this.effective()
    if (target.kind === 'none' || this.core) return
    this.startError = null
    try {
      let hub = target.kind === 'hub' ? { url: target.url, token: target.token } : null
      if (hub) this.opts.onSecret?.(hub.token)
      if (!hub) {
        this.demoHub = await this.opts.startDemo(this.dataDir, (state) => {
          this.demoState = state
          this.events.emit('setup', this.state())
        })
        this.demoState = { state: 'running', restarts: 0, lastExit: null }
        this.opts.onSecret?.(this.demoHub.token)
        hub = { url: this.demoHub.url, token: this.demoHub.token }
        this.opts.log('info', 'started the demo hub', { url: hub.url })
      }
      await this.keeper.open({ dataDir: this.dataDir, hubUrl: hub.url, token: hub.token, demo: target.kind === 'demo' })
    } catch (err) {
      this.startError = err instanceof Error ? err.message : String(err)
      this.opts.log('error', 'the console could not start', { error: this.startError })
      await this.demoHub?.stop().catch(() => undefined)
      this.demoHub = null
      for (const w of this.waiters.splice(0)) w.reject(new Error(this.startError))
    }
    this.events.emit('setup', this.state())
  }

  /** The core, once there is one; a call made during first run waits for it. */
  private whenReady(): Promise<CoreLike> {
    if (this.core) return Promise.resolve(this.core)
    if (this.startError && !this.launching) return Promise.reject(new Error(this.startError))
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }))
  }

  private async saveSetup(request: SetupRequest): Promise<Awaited<ReturnType<ConsoleApi['saveSetup']>>> {
    let hub: SettingsFile['hub']
    if (request.hub.kind === 'hub') {
      const token = request.hub.token ?? (this.file.hub.kind === 'hub' ? this.storedToken() : null)
      if (!token) return fail('invalid', 'a token for this hub is needed')
      this.opts.onSecret?.(token)
      const probe = await (this.opts.probe ?? probeHub)(request.hub.url, token)
      if (!probe.ok) {
        this.opts.log('warn', 'hub test failed; settings not saved', { failure: probe.failure })
        return { ok: false, error: { code: 'invalid', message: `the hub test failed: ${probe.failure}` }, probe }
      }
      hub = { kind: 'hub', url: request.hub.url, token: this.cipher.seal(token) }
    } else {
      hub = { kind: 'demo' }
    }
    const before = JSON.stringify(this.effective())
    const next: SettingsFile = { ...this.file, hub, seatName: request.seatName ?? this.file.seatName }
    try {
      await saveSettingsFile(this.opts.settingsDir, next)
    } catch (err) {
      this.opts.log('error', 'could not save the settings file', { error: String(err) })
      return fail('storage', 'the settings could not be saved on this computer')
    }
    this.file = next
    this.opts.log('info', 'settings saved', { hub: hub.kind })
    if (this.core) {
      // The running core stays on its hub (its cache belongs to it); the new one is used from the next start.
      if (JSON.stringify(this.effective()) !== before || this.opts.overrides.hub) this.restartNeeded = true
    } else {
      await this.launch()
    }
    const state = this.state()
    this.events.emit('setup', state)
    if (state.startError) return fail('internal', state.startError)
    return ok(state)
  }

  private buildApi(): ConsoleApi {
    const own: Partial<ConsoleApi> = {
      getSetup: () => Promise.resolve(this.state()),
      testHub: (url, token) => {
        this.opts.onSecret?.(token)
        return (this.opts.probe ?? probeHub)(url, token)
      },
      writeDiagnostics: async () => {
        try {
          const written = await writeDiagnosticsBundle({
            outDir: path.join(this.opts.settingsDir, 'diagnostics'),
            logDir: this.logDir,
            versions: { node: process.versions.node, platform: `${process.platform} ${process.arch}`, ...this.opts.versions },
            settings: withoutSecrets(this.file),
            setup: this.state(),
            sync: await this.syncState(),
            now: this.opts.now
          })
          this.opts.log('info', 'wrote a diagnostics bundle', written)
          return ok(written)
        } catch (err) {
          this.opts.log('error', 'could not write the diagnostics bundle', { error: String(err) })
          return fail('storage', `the diagnostics bundle could not be written: ${String(err)}`)
        }
      },
      reportError: (error) => {
        const now = (this.opts.now ?? Date.now)()
        if (now - this.errorWindow.start > 60_000) this.errorWindow = { start: now, count: 0 }
        if (++this.errorWindow.count <= RENDERER_ERRORS_PER_MINUTE) this.opts.log('error', 'renderer error', { renderer: error })
        return Promise.resolve(null)
      },
      saveSetup: (request) => this.saveSetup(request),
      openLogFolder: async () => {
        await mkdir(this.logDir, { recursive: true, mode: 0o700 })
        const opened = this.opts.openPath ? await this.opts.openPath(this.logDir) : false
        return { path: this.logDir, opened }
      },
      getSettings: () => Promise.resolve(this.file.display),
      updateSettings: async (update) => {
        const merged = mergeSettings(this.file.display, update)
        if (!merged.ok) return fail('invalid', 'the settings are not valid', merged.issues)
        const next = { ...this.file, display: merged.value }
        try {
          await saveSettingsFile(this.opts.settingsDir, next)
        } catch (err) {
          this.opts.log('error', 'could not save the settings', { error: String(err) })
          return fail('storage', 'the settings could not be saved on this computer')
        }
        this.file = next
        this.events.emit('settings', merged.value)
        return ok(merged.value)
      }
    }
    const api: Record<string, unknown> = { on: this.events.on.bind(this.events) }
    for (const method of Object.keys(consoleApiMethods) as ConsoleApiMethod[]) {
      api[method] = SETUP_METHODS.has(method)
        ? own[method]
        : async (...args: unknown[]) => {
            const core = await this.whenReady()
            return (core.api[method] as (...a: unknown[]) => Promise<unknown>).apply(core.api, args)
          }
    }
    return api as ConsoleApi
  }

  /** Link, sequence and outbox by id and state: what support needs to see, no case text. */
  private async syncState(): Promise<unknown> {
    if (!this.core) return { core: 'not started', startError: this.startError }
    const snap = await this.core.api.getSnapshot()
    return {
      status: { ...snap.status, hubUrl: snap.status.hubUrl.replace(/([?&]token=)[^&]+/g, '$1[redacted]') },
      incidents: snap.incidents.length,
      outbox: snap.outbox.map((e) => ({
        commandId: e.command.commandId,
        type: e.command.type,
        incidentId: e.command.incidentId ?? null,
        state: e.state,
        attempts: e.attempts,
        error: e.error?.code ?? null,
        queuedAt: e.queuedAt
      }))
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.launching?.catch(() => undefined)
    for (const w of this.waiters.splice(0)) w.reject(new Error('the console is shutting down'))
    await this.keeper.close()
    await this.demoHub?.stop()
    this.demoHub = null
    this.events.clear()
  }
}
