// Renderer errors go to the app's log files (issue 12): window errors and unhandled rejections are
// forwarded through the ConsoleApi, at most a few a minute (the core limits too), never throwing.
import type { ConsoleApi } from '../../src-shared/api'

const MAX_PER_MINUTE = 10

export function forwardRendererErrors(api: ConsoleApi, target: Pick<Window, 'addEventListener'>, page: string): void {
  let windowStart = 0
  let sent = 0
  const send = (message: string, stack: string | undefined, where: string): void => {
    const now = Date.now()
    if (now - windowStart > 60_000) {
      windowStart = now
      sent = 0
    }
    if (++sent > MAX_PER_MINUTE) return
    const error = { message: message.slice(0, 2000), source: `${page} ${where}`.slice(0, 500), ...(stack ? { stack: stack.slice(0, 8000) } : {}) }
    api.reportError(error).catch(() => undefined)
  }
  target.addEventListener('error', (event: Event) => {
    const e = event as ErrorEvent
    send(e.message || 'error', e.error instanceof Error ? e.error.stack : undefined, `${e.filename ?? ''}:${e.lineno ?? 0}`)
  })
  target.addEventListener('unhandledrejection', (event: Event) => {
    const reason = (event as PromiseRejectionEvent).reason as unknown
    send(reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : undefined, 'unhandledrejection')
  })
}
