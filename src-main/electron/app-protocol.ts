// Serves the built renderer on app://console/ (a privileged standard scheme, so 'self', relative
// URLs and fetch work as on a web origin, without file:// and its wide access). Same path rules
// and headers as the web host: /, /index.html and /wall are the page; anything else is a file,
// except /basemap/current.pmtiles: the operator's PMTiles file from the settings (basemap-file.ts).
import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { SECURITY_HEADERS, contentSecurityPolicy } from '../web/csp'
import { resolveStatic } from '../web/static-files'
import { basemapResponse, HOST_BASEMAP_PATH } from './basemap-file'
import { APP_HOST, APP_SCHEME } from './hardening'

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
  ])
}

/** The response for one app:// request; pure apart from reading the file, so it is unit-tested. */
export async function appResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return new Response('bad request', { status: 400 })
  }
  if (url.host !== APP_HOST) return new Response('not found', { status: 404 })
  const found = await resolveStatic(rendererDir, url.pathname)
  if (!found) return new Response('not found', { status: 404, headers: { ...SECURITY_HEADERS } })
  const body = await readFile(found.file)
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': found.mime,
      'Content-Security-Policy': contentSecurityPolicy(),
      'Cache-Control': 'no-cache',
      ...SECURITY_HEADERS
    }
  })
}

/** The saved basemap path (settings.basemap.path when its kind is pmtiles), or null. */
export type BasemapPathSource = () => Promise<string | null>

/** Routes one app:// request: the basemap file, or the renderer's files. */
export async function routeAppRequest(
  rendererDir: string,
  basemapPath: BasemapPathSource,
  request: { url: string; method: string; headers: { get: (name: string) => string | null } }
): Promise<Response> {
  let url: URL | null = null
  try {
    url = new URL(request.url)
  } catch {
    // appResponse answers a bad URL.
  }
  if (url?.host === APP_HOST && url.pathname === HOST_BASEMAP_PATH) {
    return basemapResponse(await basemapPath(), request.method, request.headers.get('range'))
  }
  return appResponse(rendererDir, request.url)
}

/** After 'ready'. */
export function serveRenderer(rendererDir: string, basemapPath: BasemapPathSource): void {
  protocol.handle(APP_SCHEME, (request) => routeAppRequest(rendererDir, basemapPath, request))
}
