// jsdom has no layout: the command palette (cmdk) measures its list with ResizeObserver and
// scrolls the highlighted item into view. These stand-ins do nothing, which is all a test needs.
export function installLayoutShims(): void {
  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
  }
  if (typeof Element !== 'undefined' && !Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
}
