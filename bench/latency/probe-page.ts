// What runs in the console page to see a probe arrive: a MutationObserver over the whole document
// that looks for probe markers in added nodes and changed text, and notes the time of the first
// animation frame after the marker entered the DOM (the frame that paints it). Kept tiny on purpose:
// the observer runs on the same main thread it is measuring. A marker that enters the DOM inside an
// animation frame callback is painted by that frame, so it is timed by a task after that frame. Injected with page.addInitScript, so it
// is plain JavaScript in a string, not a module.

/** The marker in a probe report's title: `PROBE-<run>-<n>`. */
export const PROBE_MARK = 'PROBE-'

export const PROBE_PAGE_SCRIPT = `(() => {
  const seen = Object.create(null)
  // Diagnostics: when the WebSocket frame holding a probe arrived, and when its node entered the DOM.
  const stages = { queued: Object.create(null), msg: Object.create(null), dom: Object.create(null) }
  window.__probeSeen = seen
  window.__probeStages = stages
  const re = /PROBE-[a-z0-9]+-\\d+/g
  const now = () => performance.timeOrigin + performance.now()
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (ev) => {
        const text = typeof ev.data === 'string' ? ev.data : ''
        if (text.indexOf('PROBE-') < 0) return
        for (const id of text.match(re) || []) {
          if (stages.msg[id] !== undefined) continue
          stages.msg[id] = now()
          // The event's own time stamp: when the frame was queued, before a busy main thread ran it.
          stages.queued[id] = performance.timeOrigin + ev.timeStamp
        }
      })
    }
  }
  // Whether the page is inside an animation frame's callbacks (or the microtasks after them, where
  // React commits): set by each callback, cleared by a task, which runs only after the frame's paint.
  let inFrame = 0
  const nativeRaf = window.requestAnimationFrame.bind(window)
  const frameEnd = new MessageChannel()
  frameEnd.port1.onmessage = () => { inFrame = 0 }
  window.requestAnimationFrame = (cb) => nativeRaf((t) => {
    if (inFrame === 0) frameEnd.port2.postMessage(0)
    inFrame = 1
    cb(t)
  })
  const look = (text) => {
    if (!text || text.indexOf('PROBE-') < 0) return
    const found = text.match(re)
    if (!found) return
    for (const id of found) {
      if (seen[id] !== undefined) continue
      seen[id] = 0
      stages.dom[id] = now()
      if (inFrame > 0) {
        // Changed inside an animation frame callback (the store applies deltas there): this very
        // frame paints it, right after the callbacks; a task posted now runs after that paint.
        // Waiting for the next requestAnimationFrame would count one frame too many.
        const ch = new MessageChannel()
        ch.port1.onmessage = () => { seen[id] = now(); ch.port1.close() }
        ch.port2.postMessage(0)
      } else requestAnimationFrame(() => { seen[id] = now() })
    }
  }
  const start = () => {
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') look(r.target.data)
        else for (const n of r.addedNodes) look(n.textContent)
      }
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true })
  }
  if (document.documentElement) start()
  else document.addEventListener('DOMContentLoaded', start)
})()`

/** Reads what the page saw: probe id → epoch ms of the painting frame (0 while the frame is pending). */
export type ProbeSeen = Record<string, number>
/**
 * Epoch ms per probe id: the WebSocket frame queued for the page (queued) and handled by it (msg),
 * and the node's entry into the DOM (dom).
 */
export type ProbeStages = { queued: Record<string, number>; msg: Record<string, number>; dom: Record<string, number> }
