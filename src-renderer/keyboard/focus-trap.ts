// Tab stays inside an open dialog: from the last field it goes to the first, Shift+Tab from the
// first to the last (WAI-ARIA dialog pattern). Without it Tab from a panel's last field walks to the
// page body, the status bar and the map, and the panel's keys stop answering.

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])'
].join(',')

/** The elements Tab reaches inside `root`, in document order. */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter((el) => !el.hidden && !el.closest('[hidden]'))
}

/** Moves focus for a Tab press that would leave `root`; returns true when it handled the key. */
export function trapTab(root: HTMLElement, event: { key: string; shiftKey: boolean; preventDefault(): void }): boolean {
  if (event.key !== 'Tab') return false
  const stops = tabbables(root)
  const first = stops[0]
  const last = stops[stops.length - 1]
  const active = root.ownerDocument.activeElement
  let next: HTMLElement | undefined
  if (!first || !last) next = root
  else if (event.shiftKey && (active === first || active === root || !root.contains(active))) next = last
  else if (!event.shiftKey && (active === last || active === root || !root.contains(active))) next = first
  if (!next) return false
  event.preventDefault()
  next.focus()
  return true
}
