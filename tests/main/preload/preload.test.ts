// The preload bridge with electron mocked: exposes exactly gccApi with the API's methods and on,
// uses only gcc: channels, unwraps call outcomes, refuses unknown events, hides the IPC event.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { consoleApiMethods } from '../../../src-shared/api'
import { checkedChannel, createBridgeApi, type IpcLike } from '../../../src-main/preload/bridge-api'

type Handler = (event: unknown, ...args: unknown[]) => void

function fakeIpc(reply: (channel: string, args: unknown[]) => unknown) {
  const invoked: { channel: string; args: unknown[] }[] = []
  const handlers = new Map<string, Set<Handler>>()
  const ipc: IpcLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args })
      return reply(channel, args)
    },
    on: (channel, h) => {
      const set = handlers.get(channel) ?? new Set()
      handlers.set(channel, set)
      set.add(h)
    },
    removeListener: (channel, h) => {
      handlers.get(channel)?.delete(h)
    }
  }
  const emit = (channel: string, payload: unknown) => {
    for (const h of handlers.get(channel) ?? []) h({ sender: 'secret-ipc-object' }, payload)
  }
  return { ipc, invoked, handlers, emit }
}

const exposed: { key: string; value: unknown }[] = []
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.push({ key, value }) },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() }
}))

beforeEach(() => {
  exposed.length = 0
  vi.resetModules()
})

describe('preload entry', () => {
  it('exposes only gccApi, holding the API methods and on — never ipcRenderer', async () => {
    await import('../../../src-main/preload/index')
    expect(exposed.map((e) => e.key)).toEqual(['gccApi'])
    const api = exposed[0]?.value as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...Object.keys(consoleApiMethods), 'on'].sort())
    for (const v of Object.values(api)) expect(typeof v).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })
})

describe('createBridgeApi', () => {
  it('invokes gcc:call:<method> with the params and returns the value', async () => {
    const { ipc, invoked } = fakeIpc(() => ({ ok: true, value: null }))
    const api = createBridgeApi(ipc)
    expect(await api.getIncident('i-9')).toBeNull()
    expect(invoked).toEqual([{ channel: 'gcc:call:getIncident', args: ['i-9'] }])
  })

  it('turns a refused mutating call into a failed Result, and a refused read into a coded Error', async () => {
    const refusal = { ok: false, error: { code: 'read_only', message: 'viewer' } }
    const { ipc } = fakeIpc(() => refusal)
    const api = createBridgeApi(ipc)
    expect(await api.updateSettings({ flyToUrgent: false })).toEqual({ ok: false, error: refusal.error })
    await expect(api.getSettings()).rejects.toThrow('read_only: viewer')
  })

  it('rejects a reply that is not a call outcome', async () => {
    const { ipc } = fakeIpc(() => 'surprise')
    await expect(createBridgeApi(ipc).getSnapshot()).rejects.toThrow(/not a call outcome/)
  })

  it('subscribes on gcc:event:<name>, passes only the payload, and unsubscribes', () => {
    const { ipc, emit, handlers } = fakeIpc(() => null)
    const api = createBridgeApi(ipc)
    const got: unknown[][] = []
    const off = api.on('notice', (...args: unknown[]) => got.push(args))
    emit('gcc:event:notice', { id: 'n' })
    expect(got).toEqual([[{ id: 'n' }]])
    off()
    expect(handlers.get('gcc:event:notice')?.size).toBe(0)
  })

  it('refuses unknown events and any channel outside the prefix', () => {
    const { ipc, handlers } = fakeIpc(() => null)
    const api = createBridgeApi(ipc)
    expect(() => api.on('shell-exec' as never, () => undefined)).toThrow(/unknown event/)
    expect(() => api.on('__proto__' as never, () => undefined)).toThrow(/unknown event/)
    expect(() => checkedChannel('ELECTRON_BROWSER_REQUIRE')).toThrow(/refused channel/)
    expect(checkedChannel('gcc:call:getSnapshot')).toBe('gcc:call:getSnapshot')
    expect(handlers.size).toBe(0)
  })
})
