// The renderer's one way to main: getApi() picks the carrier (Electron bridge or the web host's
// WebSocket), getAccess() says whether this screen may command, getViewKind() which view to show.
import type { Access, ConsoleApi } from '../../src-shared/api'
import { bridgeApi, createBridgeTransport } from './bridge-transport'
import { createApi } from './create-api'
import { createWsTransport, type LinkState } from './ws-transport'

export { ApiCallError } from './api-error'
export type { LinkState } from './ws-transport'

const TOKEN_KEY = 'gcc.apiToken'

let api: ConsoleApi | null = null
let access: Access = 'viewer'
let link: LinkState = 'connecting'
const accessListeners = new Set<(a: Access) => void>()
const linkListeners = new Set<(s: LinkState) => void>()

/**
 * The token from the page link (?token=…), kept in sessionStorage so a reload works, and then
 * removed from the address bar so it does not end up in screenshots or shared links.
 */
export function takeToken(loc: Location = location, store: Storage = sessionStorage): string | null {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    store.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return store.getItem(TOKEN_KEY)
}

/** Which view this window shows: the wall (path /wall or hash #wall) or the operator console. */
export function getViewKind(loc: Pick<Location, 'pathname' | 'hash'> = location): 'console' | 'wall' {
  return /\/wall\/?$/.test(loc.pathname) || loc.hash === '#wall' || loc.hash === '#/wall' ? 'wall' : 'console'
}

function setAccess(next: Access): void {
  if (next === access) return
  access = next
  for (const l of accessListeners) l(next)
}

function setLink(next: LinkState): void {
  link = next
  for (const l of linkListeners) l(next)
}

export function getApi(): ConsoleApi {
  if (api) return api
  const bridge = bridgeApi()
  let made: ConsoleApi
  if (bridge) {
    made = createApi(createBridgeTransport(bridge))
    setLink('up')
  } else {
    const token = takeToken() ?? ''
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
    const url = `${scheme}//${location.host}/api?token=${encodeURIComponent(token)}`
    made = createApi(createWsTransport({ url, onLinkChange: setLink }))
  }
  // Access follows the status the carrier reports for this client (viewer on the wall).
  made.on('status', (s) => setAccess(s.access))
  const getSnapshot = made.getSnapshot
  made.getSnapshot = async () => {
    const snap = await getSnapshot()
    setAccess(snap.status.access)
    return snap
  }
  api = made
  return made
}

/** 'viewer' until the first status or snapshot says otherwise: never offer commands too early. */
export function getAccess(): Access {
  return access
}

export function onAccessChange(listener: (a: Access) => void): () => void {
  accessListeners.add(listener)
  return () => accessListeners.delete(listener)
}

/** The link to the local host (always 'up' in Electron). After 'down' → 'up', fetch a new snapshot. */
export function getLinkState(): LinkState {
  return link
}

export function onLinkChange(listener: (s: LinkState) => void): () => void {
  linkListeners.add(listener)
  return () => linkListeners.delete(listener)
}
