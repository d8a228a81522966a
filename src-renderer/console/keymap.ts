// The dispatch seat's keyboard: key presses matched (by tinykeys) against the command registry
// (command-registry.ts), then one rule (`decide`) says whether the key acts now. Panels handle
// their own keys (Enter, arrows, digits) inside. New keys go into COMMAND_REGISTRY, not here.
import { matchKeyBindingPress, parseKeybinding, tinykeys, type KeyBindingMap } from 'tinykeys'
import { isComposing } from '../keyboard/composition'
import { COMMAND_REGISTRY, decide, type CommandEntry, type KeyAction } from './command-registry'

export type { CasePanelKind, KeyAction } from './command-registry'

export type KeyInput = {
  key: string
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
  shiftKey?: boolean
  /** Focus is in a text field, select or editable element. */
  typing: boolean
  /** The open panel's kind (or null). */
  panel: string | null
}

const MODIFIER_FLAGS = { Control: 'ctrlKey', Alt: 'altKey', Meta: 'metaKey', Shift: 'shiftKey' } as const

/** The registry entry a key press names (tinykeys' own matcher), or null. */
export function entryForKey(input: Omit<KeyInput, 'typing' | 'panel'>, registry: readonly CommandEntry[] = COMMAND_REGISTRY): CommandEntry | null {
  const event = {
    key: input.key,
    code: '',
    getModifierState: (m: string) => (m in MODIFIER_FLAGS ? input[MODIFIER_FLAGS[m as keyof typeof MODIFIER_FLAGS]] === true : false)
  } as unknown as KeyboardEvent
  return registry.find((e) => e.keys.some((k) => parseKeybinding(k).length === 1 && matchKeyBindingPress(event, parseKeybinding(k)[0] as never))) ?? null
}

/** A key press to an action, as a pure function (the window listener applies the same rule). */
export function resolveKey(input: KeyInput, registry: readonly CommandEntry[] = COMMAND_REGISTRY): KeyAction | null {
  const found = entryForKey(input, registry)
  return found ? decide(found, { typing: input.typing, panel: input.panel }) : null
}

/** Binds every registry key on `target` through tinykeys; `context` reads the seat's state at press time. */
export function bindRegistryKeys(
  target: Window | HTMLElement,
  registry: readonly CommandEntry[],
  context: (event: KeyboardEvent) => { typing: boolean; panel: string | null },
  run: (action: KeyAction) => void
): () => void {
  const bindings: KeyBindingMap = {}
  for (const entry of registry) {
    for (const key of entry.keys) {
      bindings[key] = (event: KeyboardEvent) => {
        if (isComposing(event)) return
        const action = decide(entry, context(event))
        if (!action) return
        // The key is ours: keep it from scrolling the page or typing into a field a panel is about to focus.
        event.preventDefault()
        run(action)
      }
    }
  }
  return tinykeys(target, bindings)
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
