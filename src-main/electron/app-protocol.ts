// Serves the built renderer on app://console/ (a privileged standard scheme, so 'self', relative
// URLs and fetch work as on a web origin, without file:// and its wide access). Same path rules
// and headers as the web host: /, /index.html and /wall are the page; anything else is a file.
import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { SECURITY_HEADERS, contentSecurityPolicy } from '../web/csp'
import { resolveStatic } from '../web/static-files'
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

/** After 'ready'. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url))
}
