// The dispatch seat's keyboard map: one pure function from a key press to an action, so every
// shortcut is testable without a DOM. Panels handle their own keys (Enter, arrows, digits) inside.
import type { MessageKey } from '../i18n/messages'

export type PanelKind =
  | 'dispatch'
  | 'escalate'
  | 'reject'
  | 'verify'
  | 'urge'
  | 'note'
  | 'suspend'
  | 'extend'
  | 'reopen'
  | 'merge'
  | 'sign'
  | 'return'
  | 'feedback'
  | 'help'

export type KeyAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'center' }
  | { type: 'accept' }
  | { type: 'claim' }
  /** p: suspend (挂账) an open case, resume a suspended one. */
  | { type: 'suspendToggle' }
  /** g: the shift lead's handover (交接班). */
  | { type: 'handover' }
  /** /: go to any case by its code (closed ones too, e.g. to reopen). */
  | { type: 'find' }
  | { type: 'open'; panel: PanelKind }
  | { type: 'close' }
  | { type: 'outbox'; resolution: 'discard' | 'retry' }
  /** `,`: the settings panel (issue 12). */
  | { type: 'settings' }

export type KeyInput = {
  key: string
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  /** Focus is in a text field, select or editable element. */
  typing: boolean
  /** A panel (or the help overlay) is open. */
  panelOpen: boolean
}

const LETTERS: Record<string, KeyAction> = {
  j: { type: 'move', by: 1 },
  k: { type: 'move', by: -1 },
  a: { type: 'accept' },
  d: { type: 'open', panel: 'dispatch' },
  e: { type: 'open', panel: 'escalate' },
  r: { type: 'open', panel: 'reject' },
  v: { type: 'open', panel: 'verify' },
  u: { type: 'open', panel: 'urge' },
  n: { type: 'open', panel: 'note' },
  c: { type: 'claim' },
  // Lead and on-behalf keys. h and b belong to the map; the rest of the letters stay free.
  p: { type: 'suspendToggle' },
  t: { type: 'open', panel: 'extend' },
  o: { type: 'open', panel: 'reopen' },
  m: { type: 'open', panel: 'merge' },
  i: { type: 'open', panel: 'sign' },
  w: { type: 'open', panel: 'return' },
  f: { type: 'open', panel: 'feedback' },
  g: { type: 'handover' },
  x: { type: 'outbox', resolution: 'discard' },
  s: { type: 'outbox', resolution: 'retry' }
}

const NAMED: Record<string, KeyAction> = {
  ArrowDown: { type: 'move', by: 1 },
  ArrowUp: { type: 'move', by: -1 },
  Enter: { type: 'center' },
  '?': { type: 'open', panel: 'help' },
  '/': { type: 'find' },
  ',': { type: 'settings' }
}

export function resolveKey(input: KeyInput): KeyAction | null {
  // Leave the browser's and the OS's own shortcuts (copy, reload, zoom) alone.
  if (input.ctrlKey || input.altKey || input.metaKey) return null
  if (input.key === 'Escape') return input.panelOpen ? { type: 'close' } : null
  // While typing, Enter belongs to the panel (it sends) and every letter is text.
  if (input.typing) return null
  if (input.panelOpen) return input.key === '?' ? { type: 'close' } : null
  // Caps Lock must not turn the keyboard off: letters are matched in either case.
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  return LETTERS[key] ?? NAMED[key] ?? null
}

/** Is the focused element one where keys are text? (Only elements, so this runs without a DOM type check.) */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown }
  if (el.isContentEditable === true) return true
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : ''
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  // Buttons and checkboxes in an <input> take no text.
  const type = typeof el.type === 'string' ? el.type : 'text'
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type)
}

/** The help overlay's rows, in the order a dispatcher learns them. */
export const SHORTCUTS: readonly { keys: readonly string[]; help: MessageKey }[] = [
  { keys: ['j', 'k', '↓', '↑'], help: 'help.move' },
  { keys: ['Enter'], help: 'help.center' },
  { keys: ['a'], help: 'help.accept' },
  { keys: ['d'], help: 'help.dispatch' },
  { keys: ['e'], help: 'help.escalate' },
  { keys: ['r'], help: 'help.reject' },
  { keys: ['v'], help: 'help.verify' },
  { keys: ['u'], help: 'help.urge' },
  { keys: ['n'], help: 'help.note' },
  { keys: ['c'], help: 'help.claim' },
  { keys: ['m'], help: 'help.merge' },
  { keys: ['i'], help: 'help.sign' },
  { keys: ['w'], help: 'help.return' },
  { keys: ['f'], help: 'help.feedback' },
  { keys: ['p'], help: 'help.suspend' },
  { keys: ['t'], help: 'help.extend' },
  { keys: ['o'], help: 'help.reopen' },
  { keys: ['g'], help: 'help.handover' },
  { keys: ['/'], help: 'help.find' },
  { keys: ['x'], help: 'help.discard' },
  { keys: ['s'], help: 'help.retry' },
  // The map view's own keys (it listens for them itself), listed here so the help is complete.
  { keys: ['h'], help: 'help.heat' },
  { keys: ['b'], help: 'help.basemap' },
  { keys: [','], help: 'help.settings' },
  { keys: ['?'], help: 'help.help' },
  { keys: ['Esc'], help: 'help.close' }
]
