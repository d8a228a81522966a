// Electron hardening with electron mocked: window preferences, the sender check, navigation and
// window.open denied, permissions denied, CSP on our responses only.
import { describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import {
  APP_ORIGIN,
  isTrustedSender,
  isTrustedUrl,
  lockDownContents,
  lockDownSession,
  secureWebPreferences,
  trustedOrigins,
  type FrameLike
} from '../../../src-main/electron/hardening'

vi.mock('electron', () => ({}))

const ORIGINS = trustedOrigins(undefined)
const main: FrameLike = { url: `${APP_ORIGIN}/index.html`, processId: 4, routingId: 1, parent: null }

describe('secureWebPreferences', () => {
  it('turns on sandbox, isolation and web security and turns off node everywhere', () => {
    const p = secureWebPreferences('/app/out/preload/index.cjs')
    expect(p).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })
})

describe('sender check', () => {
  it('trusts only the main frame of a known window showing our page', () => {
    expect(isTrustedSender({ ...main }, main, ORIGINS)).toBe(true)
    expect(isTrustedSender({ ...main, url: `${APP_ORIGIN}/wall` }, main, ORIGINS)).toBe(true)
    expect(isTrustedSender(null, main, ORIGINS)).toBe(false)
    expect(isTrustedSender(main, null, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, routingId: 2 }, main, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, processId: 5 }, main, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, parent: {} }, main, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, url: 'https://evil.example/' }, main, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, url: 'file:///etc/passwd' }, main, ORIGINS)).toBe(false)
    expect(isTrustedSender({ ...main, url: 'app://consolex/index.html' }, main, ORIGINS)).toBe(false)
  })

  it('adds the dev server origin only when one is set', () => {
    expect(trustedOrigins('http://localhost:5173/')).toEqual([APP_ORIGIN, 'http://localhost:5173'])
    expect(isTrustedUrl('http://localhost:5173/wall', trustedOrigins('http://localhost:5173'))).toBe(true)
    expect(isTrustedUrl('http://localhost:5173/wall', ORIGINS)).toBe(false)
    expect(trustedOrigins('not a url')).toEqual([APP_ORIGIN])
    expect(isTrustedUrl('::::', ORIGINS)).toBe(false)
  })
})

describe('lockDownContents', () => {
  it('prevents navigation, redirects and webviews, and denies window.open', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>()
    const got: { openHandler?: (d: { url: string }) => { action: string } } = {}
    const contents = {
      on: (name: string, h: (event: { preventDefault(): void }, url?: string) => void) => handlers.set(name, h),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (got.openHandler = h)
    }
    const log = vi.fn()
    lockDownContents(contents as unknown as WebContents, log)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      handlers.get(name)?.(event, 'https://evil.example/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    expect(got.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'))
  })
})

describe('lockDownSession', () => {
  it('denies every permission and puts the CSP on our responses only', () => {
    type HeadersCb = (r: { responseHeaders?: Record<string, string[]> }) => void
    const got: {
      request?: (c: unknown, p: string, cb: (ok: boolean) => void) => void
      check?: () => boolean
      device?: () => boolean
      headers?: (d: { url: string; responseHeaders?: Record<string, string[]> }, cb: HeadersCb) => void
    } = {}
    const ses = {
      setPermissionRequestHandler: (h: typeof got.request) => (got.request = h),
      setPermissionCheckHandler: (h: typeof got.check) => (got.check = h),
      setDevicePermissionHandler: (h: typeof got.device) => (got.device = h),
      webRequest: { onHeadersReceived: (h: typeof got.headers) => (got.headers = h) }
    }
    lockDownSession(ses as unknown as Session, ORIGINS, false)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'fullscreen']) {
      const cb = vi.fn()
      got.request?.({}, permission, cb)
      expect(cb).toHaveBeenCalledWith(false)
    }
    expect(got.check?.()).toBe(false)
    expect(got.device?.()).toBe(false)
    const ours = vi.fn()
    got.headers?.({ url: `${APP_ORIGIN}/index.html`, responseHeaders: { 'X-A': ['1'] } }, ours)
    const sent = ours.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> }
    expect(sent.responseHeaders['X-A']).toEqual(['1'])
    expect(sent.responseHeaders['Content-Security-Policy']?.[0]).toContain("script-src 'self';")
    const tiles = vi.fn()
    got.headers?.({ url: 'https://tiles.example/1/2/3.png' }, tiles)
    expect(tiles).toHaveBeenCalledWith({})
  })
})
