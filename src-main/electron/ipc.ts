// ConsoleApi over Electron IPC: one ipcMain.handle per method channel, each call checked for its
// sender (our page, in the main frame of a window we made) and run through dispatchCall with
// that window's access; events go to each window with webContents.send.
import {
  consoleApiMethods,
  eventChannel,
  methodChannel,
  type Access,
  type ConsoleApi,
  type ConsoleApiMethod
} from '../../src-shared/api'
import { dispatchCall, subscribeEvents, type CallOutcome, type DispatchLog } from '../core/api-dispatch'
import { isTrustedSender, type FrameLike } from './hardening'

/** The windows allowed to call, by webContents id, with the access each one has. */
export class WindowRegistry {
  private readonly byId = new Map<number, { access: Access; mainFrame: () => FrameLike | null }>()
  add(contentsId: number, access: Access, mainFrame: () => FrameLike | null): void {
    this.byId.set(contentsId, { access, mainFrame })
  }
  remove(contentsId: number): void {
    this.byId.delete(contentsId)
  }
  get(contentsId: number): { access: Access; mainFrame: () => FrameLike | null } | undefined {
    return this.byId.get(contentsId)
  }
}

/** What a handler needs of IpcMainInvokeEvent. */
export type InvokeEventLike = { sender: { id: number }; senderFrame: FrameLike | null }

export function senderAccess(event: InvokeEventLike, registry: WindowRegistry, origins: readonly string[]): Access | null {
  const known = registry.get(event.sender.id)
  if (!known) return null
  return isTrustedSender(event.senderFrame, known.mainFrame(), origins) ? known.access : null
}

export type IpcMainLike = {
  handle(channel: string, handler: (event: InvokeEventLike, ...args: unknown[]) => Promise<CallOutcome>): void
  removeHandler(channel: string): void
}

/**
 * Methods answered by the calling window itself (issue 10: printReport prints that window), given
 * the sender's webContents id; they run after the same sender check and through the same dispatch.
 */
export type SenderMethods = (senderId: number) => Partial<Pick<ConsoleApi, 'printReport'>>

/** Registers every method channel; returns a function that removes them. */
export function registerApiHandlers(
  ipcMain: IpcMainLike,
  api: ConsoleApi,
  registry: WindowRegistry,
  origins: readonly string[],
  log?: DispatchLog,
  senderMethods?: SenderMethods
): () => void {
  const methods = Object.keys(consoleApiMethods) as ConsoleApiMethod[]
  for (const m of methods) {
    ipcMain.handle(methodChannel(m), async (event, ...args) => {
      const access = senderAccess(event, registry, origins)
      if (!access) {
        log?.('warn', `refused ${m} from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`)
        return { ok: false, error: { code: 'forbidden', message: 'this page may not call the console API' } }
      }
      const own = senderMethods?.(event.sender.id)
      const target = own && m in own ? ({ ...api, ...own } as ConsoleApi) : api
      return dispatchCall(target, m, args, access, log)
    })
  }
  return () => {
    for (const m of methods) ipcMain.removeHandler(methodChannel(m))
  }
}

/** What event forwarding needs of a WebContents. */
export type ContentsLike = {
  isDestroyed(): boolean
  send(channel: string, payload: unknown): void
  once(event: 'destroyed', listener: () => void): unknown
}

/** Forwards every event to one window until it is destroyed. */
export function forwardEvents(api: ConsoleApi, contents: ContentsLike, access: Access): () => void {
  const off = subscribeEvents(api, access, (event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventChannel(event), payload)
  })
  contents.once('destroyed', off)
  return off
}
