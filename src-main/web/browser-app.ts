// Browser mode as one function (the CLI and the end-to-end tests call it): the app session on the
// data folder (settings file, first run, the core once a hub is chosen) behind the local web host.
// The web host comes up at once, so the first-run screen can be shown before any hub is known.
import { AppSession, type AppSessionOptions, type ConfigOverrides } from '../core/app-session'
import { openConsole } from '../core/console-service'
import type { Log } from '../core/log'
import { loadViewerToken, randomToken, saveViewerToken } from './viewer-token'
import { startWebHost, type WebHost } from './web-host'
import { loadOrCreateCertificate } from './tls-cert'

export type BrowserAppOptions = {
  dataDir: string
  overrides: ConfigOverrides
  host?: string
  port?: number
  rendererDir: string
  operatorToken?: string | null
  viewerToken?: string | null
  /** Serve HTTPS/WSS with the data folder's self-signed certificate (made on first run). */
  tls?: boolean
  startDemo: AppSessionOptions['startDemo']
  log: Log
  /** Each token in play, for the log scrubber. */
  onSecret?(secret: string): void
  versions?: Record<string, string>
}

export type BrowserApp = {
  session: AppSession
  web: WebHost
  /** The certificate's SHA-256 fingerprint when serving TLS, to print and to pin. */
  tlsFingerprint: string | null
  close(): Promise<void>
}

export async function startBrowserApp(opts: BrowserAppOptions): Promise<BrowserApp> {
  const session = await AppSession.open({
    settingsDir: opts.dataDir,
    overrides: opts.overrides,
    startDemo: opts.startDemo,
    openCore: (o) => openConsole({ ...o, log: opts.log }),
    log: opts.log,
    onSecret: opts.onSecret,
    versions: opts.versions
  })
  let web: WebHost
  let tlsFingerprint: string | null = null
  try {
    const tls = opts.tls ? await loadOrCreateCertificate(opts.dataDir) : null
    if (tls) {
      tlsFingerprint = tls.fingerprint
      opts.log('info', tls.created ? 'made a self-signed TLS certificate for the web host' : 'web host TLS certificate reused', { fingerprint: tls.fingerprint })
    }
    const viewerToken = opts.viewerToken ?? (await loadViewerToken(opts.dataDir))
    const operatorToken = opts.operatorToken ?? randomToken()
    opts.onSecret?.(viewerToken)
    opts.onSecret?.(operatorToken)
    web = await startWebHost({
      api: session.api,
      host: opts.host,
      port: opts.port,
      rendererDir: opts.rendererDir,
      operatorToken,
      viewerToken,
      ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
      // A token given at start (environment, token file) is not the data folder's to replace.
      saveViewerToken: opts.viewerToken
        ? undefined
        : async (token) => {
            opts.onSecret?.(token)
            await saveViewerToken(opts.dataDir, token)
          },
      log: opts.log
    })
  } catch (err) {
    await session.close()
    throw err
  }
  return {
    session,
    web,
    tlsFingerprint,
    close: async () => {
      // The web host first (no new calls), then the core and the demo hub.
      await web.close()
      await session.close()
    }
  }
}
