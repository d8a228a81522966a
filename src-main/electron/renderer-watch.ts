// What the shell does when a window's renderer dies or hangs (issue 12): log it, and load the page
// again with ?recovered=<reason> so the renderer shows a banner saying what happened. The outbox
// lives in main, so nothing the dispatcher sent is lost. Plain logic over a small window shape,
// tested without Electron.
import type { Log } from '../core/log'

export type WatchedContents = {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown
  isDestroyed(): boolean
}

export type RendererWatchOptions = {
  contents: WatchedContents
  view: 'console' | 'wall'
  /** Loads the page again with the reason in the query. */
  reload(reason: string): void
  log: Log
  /** How long a hang is waited out before the page is reloaded. */
  hangMs?: number
  /** Reloads in a row within a minute after which the shell stops (a page that crashes at once). */
  maxReloadsPerMinute?: number
  now?: () => number
}

export function watchRenderer(opts: RendererWatchOptions): () => void {
  const now = opts.now ?? Date.now
  const hangMs = opts.hangMs ?? 15_000
  const maxReloads = opts.maxReloadsPerMinute ?? 3
  let hangTimer: ReturnType<typeof setTimeout> | null = null
  let reloads: number[] = []
  const reload = (reason: string): void => {
    if (opts.contents.isDestroyed()) return
    reloads = reloads.filter((t) => now() - t < 60_000)
    if (reloads.length >= maxReloads) {
      opts.log('error', 'renderer keeps failing: not reloading again this minute', { view: opts.view, reason })
      return
    }
    reloads.push(now())
    opts.reload(reason)
  }
  opts.contents.on('render-process-gone', (_event, details) => {
    opts.log('error', 'renderer process gone', { view: opts.view, reason: details.reason, exitCode: details.exitCode })
    // 'clean-exit' is a window being closed, not a crash.
    if (details.reason !== 'clean-exit') reload(details.reason)
  })
  opts.contents.on('unresponsive', () => {
    opts.log('warn', 'renderer unresponsive', { view: opts.view })
    hangTimer ??= setTimeout(() => {
      hangTimer = null
      opts.log('error', 'renderer still unresponsive: reloading', { view: opts.view, waitedMs: hangMs })
      reload('unresponsive')
    }, hangMs)
  })
  opts.contents.on('responsive', () => {
    if (hangTimer !== null) {
      clearTimeout(hangTimer)
      hangTimer = null
      opts.log('info', 'renderer responsive again', { view: opts.view })
    }
  })
  return () => {
    if (hangTimer !== null) clearTimeout(hangTimer)
  }
}
