// One rule for every keyboard handler in the renderer: a key event that belongs to an IME
// composition (a Pinyin candidate being picked with Enter, Space or a digit) is the IME's, never
// ours. Browsers mark it with `isComposing`; some (and Windows IMEs in Chromium) send keyCode 229
// or key 'Process' instead, so all three are checked. Every keydown handler asks this first.

/** The parts of a KeyboardEvent (DOM or React) the check reads. */
export type ComposingProbe = {
  key?: string
  keyCode?: number
  isComposing?: boolean
  nativeEvent?: { isComposing?: boolean; keyCode?: number; key?: string }
}

/** True when the key press is part of an IME composition and must be left to the IME. */
export function isComposing(event: ComposingProbe): boolean {
  const native = event.nativeEvent
  if (event.isComposing === true || native?.isComposing === true) return true
  if (event.keyCode === 229 || native?.keyCode === 229) return true
  return event.key === 'Process' || native?.key === 'Process'
}
