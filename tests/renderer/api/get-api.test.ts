// @vitest-environment jsdom
// getApi() in a page: the Electron bridge when the preload put one there, access tracking,
// the bridge's error mapping, the view kind from the URL, and the token taken out of the URL.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, STATUS } from '../../main/web/fake-console-api'

beforeEach(() => {
  vi.resetModules()
  delete (globalThis as { gccApi?: unknown }).gccApi
  sessionStorage.clear()
})

describe('getApi with the Electron bridge', () => {
  it('uses window.gccApi, parses through the contract, and tracks access', async () => {
    const fake = createFakeApi()
    ;(globalThis as { gccApi?: unknown }).gccApi = fake
    const mod = await import('../../../src-renderer/api')
    const api = mod.getApi()
    expect(mod.getApi()).toBe(api)
    expect(mod.getAccess()).toBe('viewer')
    expect(mod.getLinkState()).toBe('up')
    const seen: string[] = []
    mod.onAccessChange((a) => seen.push(a))
    await api.getSnapshot()
    expect(mod.getAccess()).toBe('operator')
    fake.emit('status', { ...STATUS, access: 'viewer' })
    expect(mod.getAccess()).toBe('viewer')
    expect(seen).toEqual(['operator', 'viewer'])
  })

  it('maps the preload\'s "code: message" errors back to ApiCallError codes', async () => {
    const fake = createFakeApi()
    fake.getIncident = () => Promise.reject(new Error("Error invoking remote method 'gcc:call:getIncident': Error: not_ready: cache not open"))
    fake.issueCommand = () => Promise.reject(new Error('read_only: viewer'))
    ;(globalThis as { gccApi?: unknown }).gccApi = fake
    const mod = await import('../../../src-renderer/api')
    const api = mod.getApi()
    await expect(api.getIncident('i-1')).rejects.toMatchObject({ code: 'not_ready', message: 'cache not open' })
    await expect(api.getIncident('i-1')).rejects.toBeInstanceOf(mod.ApiCallError)
    expect(await api.issueCommand({ type: 'accept', incidentId: 'i-1', payload: {} })).toEqual({
      ok: false,
      error: { code: 'read_only', message: 'viewer' }
    })
  })

  it('ignores a gccApi that lacks methods (not our preload)', async () => {
    ;(globalThis as { gccApi?: unknown }).gccApi = { getSnapshot: () => null }
    const { bridgeApi } = await import('../../../src-renderer/api/bridge-transport')
    expect(bridgeApi()).toBeNull()
  })
})

describe('page helpers', () => {
  it('picks the wall view from the path or hash', async () => {
    const { getViewKind } = await import('../../../src-renderer/api')
    expect(getViewKind({ pathname: '/wall', hash: '' })).toBe('wall')
    expect(getViewKind({ pathname: '/app/wall/', hash: '' })).toBe('wall')
    expect(getViewKind({ pathname: '/index.html', hash: '#wall' })).toBe('wall')
    expect(getViewKind({ pathname: '/', hash: '' })).toBe('console')
    expect(getViewKind({ pathname: '/wallpaper', hash: '' })).toBe('console')
  })

  it('takes the token from the URL once, removes it from the address bar, and keeps it for reloads', async () => {
    const { takeToken } = await import('../../../src-renderer/api')
    history.replaceState(null, '', '/wall?token=abc123&x=1#h')
    expect(takeToken()).toBe('abc123')
    expect(location.pathname + location.search + location.hash).toBe('/wall?x=1#h')
    expect(takeToken()).toBe('abc123')
    sessionStorage.clear()
    expect(takeToken()).toBeNull()
  })
})
