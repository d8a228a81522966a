// Electron security settings in one place: the webPreferences every window gets, the app's own
// origin, the IPC sender check, and the per-contents and per-session lockdown (navigation,
// window.open, permissions, CSP). Pure where possible so it is tested with electron mocked.
import type { Session, WebContents, WebPreferences } from 'electron'
import { contentSecurityPolicy } from '../web/csp'

/** The renderer is served from this privileged custom scheme (see app-protocol.ts), never file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'console'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false
  }
}

/** Origins whose pages may call the API: ours, and the dev server's while developing. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN]
  if (devServerUrl) {
    try {
      origins.push(new URL(devServerUrl).origin)
    } catch {
      /* a malformed dev URL adds nothing */
    }
  }
  return origins
}

export function isTrustedUrl(url: string, origins: readonly string[]): boolean {
  try {
    const u = new URL(url)
    // A custom scheme's URL.origin is 'null' in Node; compare scheme and host instead.
    return origins.some((o) => {
      const t = new URL(o)
      return u.protocol === t.protocol && u.host === t.host
    })
  } catch {
    return false
  }
}

/** What the sender check needs of a frame (WebFrameMain) — structural, for tests. */
export type FrameLike = { url: string; processId: number; routingId: number; parent: unknown }

/**
 * An IPC message is trusted only from the main frame of a window we made, showing our page:
 * not from a sub-frame, not after a navigation elsewhere, not from an unknown webContents.
 */
export function isTrustedSender(
  senderFrame: FrameLike | null | undefined,
  mainFrame: FrameLike | null | undefined,
  origins: readonly string[]
): boolean {
  if (!senderFrame || !mainFrame) return false
  if (senderFrame.parent) return false
  if (senderFrame.processId !== mainFrame.processId || senderFrame.routingId !== mainFrame.routingId) return false
  return isTrustedUrl(senderFrame.url, origins)
}

/** No navigation, redirect or new window, for any webContents the app ever creates. */
export function lockDownContents(contents: WebContents, log: (msg: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    log(`blocked navigation to ${url}`)
  })
  contents.on('will-redirect', (event, url) => {
    event.preventDefault()
    log(`blocked redirect to ${url}`)
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log('blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked window.open(${url})`)
    return { action: 'deny' }
  })
}

/** Every permission (camera, geolocation, notifications, …) is denied; the console needs none. */
export function lockDownSession(ses: Session, origins: readonly string[], devServer: boolean): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  const csp = contentSecurityPolicy({ devServer })
  ses.webRequest.onHeadersReceived((details, callback) => {
    // Our own responses get the policy; anything else (tiles) keeps its headers.
    if (!isTrustedUrl(details.url, origins)) return callback({})
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
}
