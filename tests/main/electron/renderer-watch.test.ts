// A renderer that dies is logged and reloaded with the reason (for the banner); a hang is waited
// out, then reloaded; a window closing is not a crash; a page that dies at once is not reloaded
// without end.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { watchRenderer, type WatchedContents } from '../../../src-main/electron/renderer-watch'

function contents(): EventEmitter & WatchedContents {
  return Object.assign(new EventEmitter(), { isDestroyed: () => false }) as EventEmitter & WatchedContents
}

describe('watchRenderer', () => {
  it('reloads after a crash with the reason, not after a clean exit, and stops after three in a minute', () => {
    const c = contents()
    const reloads: string[] = []
    const lines: string[] = []
    watchRenderer({ contents: c, view: 'console', reload: (r) => reloads.push(r), log: (_l, msg) => lines.push(msg), now: () => 1000 })
    c.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    expect(reloads).toEqual([])
    for (let i = 0; i < 4; i++) c.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 })
    expect(reloads).toEqual(['crashed', 'crashed', 'crashed'])
    expect(lines).toContain('renderer keeps failing: not reloading again this minute')
  })

  it('waits out a hang and reloads only if it lasts', () => {
    vi.useFakeTimers()
    try {
      const c = contents()
      const reloads: string[] = []
      watchRenderer({ contents: c, view: 'wall', reload: (r) => reloads.push(r), log: () => undefined, hangMs: 1000 })
      c.emit('unresponsive')
      vi.advanceTimersByTime(500)
      c.emit('responsive')
      vi.advanceTimersByTime(2000)
      expect(reloads).toEqual([])
      c.emit('unresponsive')
      vi.advanceTimersByTime(1000)
      expect(reloads).toEqual(['unresponsive'])
    } finally {
      vi.useRealTimers()
    }
  })
})
