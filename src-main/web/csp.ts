// The Content-Security-Policy both carriers send with the renderer (web host header, Electron
// protocol handler and onHeadersReceived). Scripts only from the app itself, no eval, no inline.
export type CspOptions = {
  /** ws:// origin of the web host's API socket; omitted in Electron, which uses IPC. */
  apiSocketOrigin?: string
  /** Electron dev mode only: Vite's dev server needs its inline React-refresh preamble and HMR socket. */
  devServer?: boolean
}

/**
 * Why each relaxation exists: style 'unsafe-inline' for style attributes React and MapLibre set
 * on markers and popups; https:/http: in img/connect for a configured XYZ basemap (often an
 * intranet http tile server in a command hall); blob: for MapLibre's image decoding and worker.
 */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const connect = ["'self'", opts.apiSocketOrigin, opts.devServer ? 'ws:' : undefined, 'https:', 'http:', 'blob:', 'data:']
  return [
    "default-src 'none'",
    opts.devServer ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    `connect-src ${connect.filter(Boolean).join(' ')}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'"
  ].join('; ')
}

/** Headers every renderer response carries besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}
