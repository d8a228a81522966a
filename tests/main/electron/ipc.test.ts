// IPC wiring with fake ipcMain and webContents: sender checks, operator vs viewer access through
// dispatchCall, and events sent to each window until it is destroyed.
import { describe, expect, it } from 'vitest'
import { consoleApiMethods } from '../../../src-shared/api'
import type { CallOutcome } from '../../../src-main/core/api-dispatch'
import { APP_ORIGIN, trustedOrigins, type FrameLike } from '../../../src-main/electron/hardening'
import {
  WindowRegistry,
  forwardEvents,
  registerApiHandlers,
  type InvokeEventLike,
  type IpcMainLike
} from '../../../src-main/electron/ipc'
import { createFakeApi, STATUS } from '../web/fake-console-api'

const ORIGINS = trustedOrigins(undefined)
type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<CallOutcome>

function setup() {
  const handlers = new Map<string, Handler>()
  const ipcMain: IpcMainLike = {
    handle: (channel, h) => void handlers.set(channel, h),
    removeHandler: (channel) => void handlers.delete(channel)
  }
  const api = createFakeApi()
  const registry = new WindowRegistry()
  const consoleFrame: FrameLike = { url: `${APP_ORIGIN}/index.html`, processId: 10, routingId: 1, parent: null }
  const wallFrame: FrameLike = { url: `${APP_ORIGIN}/wall`, processId: 11, routingId: 1, parent: null }
  registry.add(1, 'operator', () => consoleFrame)
  registry.add(2, 'viewer', () => wallFrame)
  const off = registerApiHandlers(ipcMain, api, registry, ORIGINS)
  const invoke = (contentsId: number, frame: FrameLike | null, method: string, ...args: unknown[]) => {
    const h = handlers.get(`gcc:call:${method}`)
    if (!h) throw new Error(`no handler for ${method}`)
    return h({ sender: { id: contentsId }, senderFrame: frame }, ...args)
  }
  return { handlers, api, registry, off, invoke, consoleFrame, wallFrame }
}

describe('registerApiHandlers', () => {
  it('registers one handler per method under gcc:call: and removes them all', () => {
    const s = setup()
    expect([...s.handlers.keys()].sort()).toEqual(Object.keys(consoleApiMethods).map((m) => `gcc:call:${m}`).sort())
    s.off()
    expect(s.handlers.size).toBe(0)
  })

  it('lets the console window command and refuses the wall window with read_only', async () => {
    const s = setup()
    const asOperator = await s.invoke(1, s.consoleFrame, 'updateSettings', { flyToUrgent: false })
    expect(asOperator).toMatchObject({ ok: true, value: { ok: true } })
    const asViewer = await s.invoke(2, s.wallFrame, 'issueCommand', { type: 'accept', incidentId: 'i-1', payload: {} })
    expect(asViewer).toMatchObject({ ok: false, error: { code: 'read_only' } })
    // The full record (reporter data) is not the wall's (issue 15); what it draws still reads.
    expect(await s.invoke(2, s.wallFrame, 'getIncident', 'i-1')).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(await s.invoke(2, s.wallFrame, 'getSnapshot')).toMatchObject({ ok: true })
  })

  it('refuses unknown windows, sub-frames, other pages and missing frames as forbidden', async () => {
    const s = setup()
    const cases: [number, FrameLike | null][] = [
      [3, s.consoleFrame],
      [1, { ...s.consoleFrame, routingId: 7, parent: s.consoleFrame }],
      [1, { ...s.consoleFrame, url: 'https://evil.example/' }],
      [1, null],
      [2, s.consoleFrame]
    ]
    for (const [id, frame] of cases) {
      expect(await s.invoke(id, frame, 'getSnapshot')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(s.api.calls).toHaveLength(0)
    s.registry.remove(1)
    expect(await s.invoke(1, s.consoleFrame, 'getSnapshot')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('answers bad params with invalid, not a crash', async () => {
    const s = setup()
    expect(await s.invoke(1, s.consoleFrame, 'getIncident', { $gt: '' })).toMatchObject({ ok: false, error: { code: 'invalid' } })
  })
})

describe('registerApiHandlers: methods answered by the calling window (printReport)', () => {
  it('prints the sender that passed the check, refuses the wall, an unknown window and bad params', async () => {
    const handlers = new Map<string, Handler>()
    const ipcMain: IpcMainLike = { handle: (c, h) => void handlers.set(c, h), removeHandler: (c) => void handlers.delete(c) }
    const registry = new WindowRegistry()
    const consoleFrame: FrameLike = { url: `${APP_ORIGIN}/index.html`, processId: 10, routingId: 1, parent: null }
    const wallFrame: FrameLike = { url: `${APP_ORIGIN}/wall`, processId: 11, routingId: 1, parent: null }
    registry.add(1, 'operator', () => consoleFrame)
    registry.add(2, 'viewer', () => wallFrame)
    const printedBy: number[] = []
    registerApiHandlers(ipcMain, createFakeApi(), registry, ORIGINS, undefined, (senderId) => ({
      printReport: () => {
        printedBy.push(senderId)
        return Promise.resolve({ status: 'printed' as const })
      }
    }))
    const call = (id: number, frame: FrameLike, ...args: unknown[]) => handlers.get('gcc:call:printReport')!({ sender: { id }, senderFrame: frame }, ...args)
    expect(await call(1, consoleFrame, { kind: 'daily', action: 'print' })).toEqual({ ok: true, value: { status: 'printed' } })
    expect(await call(2, wallFrame, { kind: 'daily', action: 'print' })).toMatchObject({ ok: false, error: { code: 'read_only' } })
    expect(await call(3, consoleFrame, { kind: 'daily', action: 'print' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await call(1, consoleFrame, { kind: 'weekly', action: 'print' })).toMatchObject({ ok: false, error: { code: 'invalid' } })
    expect(printedBy).toEqual([1])
    // Without the window's own method (browser mode, a bare core) the core says it cannot print.
    const plain = setup()
    expect(await plain.invoke(1, plain.consoleFrame, 'printReport', { kind: 'shift', action: 'pdf' })).toMatchObject({
      ok: true,
      value: { status: 'unsupported' }
    })
  })
})

describe('forwardEvents', () => {
  it('sends events on gcc:event: channels with the window access, until the window is destroyed', () => {
    const api = createFakeApi()
    const sent: [string, unknown][] = []
    let destroyed = false
    const got: { onDestroyed?: () => void } = {}
    const contents = {
      isDestroyed: () => destroyed,
      send: (channel: string, payload: unknown) => void sent.push([channel, payload]),
      once: (_e: 'destroyed', l: () => void) => void (got.onDestroyed = l)
    }
    forwardEvents(api, contents, 'viewer')
    api.emit('status', STATUS)
    expect(sent).toEqual([['gcc:event:status', { ...STATUS, access: 'viewer', hubUrl: '', consoleId: 'wall' }]])
    destroyed = true
    api.emit('status', STATUS)
    expect(sent).toHaveLength(1)
    got.onDestroyed?.()
    expect(api.listenerCount()).toBe(0)
  })
})
