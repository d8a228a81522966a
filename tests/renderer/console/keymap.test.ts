// The keymap as a pure function over the command registry: keys to actions, silence while typing,
// Esc always closes, the map's keys wait while a panel is open.
import { describe, expect, it } from 'vitest'
import { COMMAND_REGISTRY, entryKeyLabels } from '../../../src-renderer/console/command-registry'
import { isTypingTarget, resolveKey, type KeyInput } from '../../../src-renderer/console/keymap'

const press = (key: string, over: Partial<KeyInput> = {}) => resolveKey({ key, typing: false, panel: null, ...over })

describe('resolveKey', () => {
  it('maps the dispatch-seat keys', () => {
    expect(press('j')).toEqual({ type: 'move', by: 1 })
    expect(press('ArrowDown')).toEqual({ type: 'move', by: 1 })
    expect(press('k')).toEqual({ type: 'move', by: -1 })
    expect(press('ArrowUp')).toEqual({ type: 'move', by: -1 })
    expect(press('Enter')).toEqual({ type: 'center' })
    expect(press('a')).toEqual({ type: 'accept' })
    expect(press('d')).toEqual({ type: 'open', panel: 'dispatch' })
    expect(press('e')).toEqual({ type: 'open', panel: 'escalate' })
    expect(press('r')).toEqual({ type: 'open', panel: 'reject' })
    expect(press('v')).toEqual({ type: 'open', panel: 'verify' })
    expect(press('u')).toEqual({ type: 'open', panel: 'urge' })
    expect(press('n')).toEqual({ type: 'open', panel: 'note' })
    expect(press('c')).toEqual({ type: 'claim' })
    expect(press('x')).toEqual({ type: 'outbox', resolution: 'discard' })
    expect(press('s')).toEqual({ type: 'outbox', resolution: 'retry' })
    expect(press('?')).toEqual({ type: 'help' })
    expect(press('?', { shiftKey: true })).toEqual({ type: 'help' })
    expect(press('k', { ctrlKey: true })).toEqual({ type: 'palette' })
    expect(press('l')).toEqual({ type: 'palette' })
  })

  it('maps the lead and on-behalf keys, and the map’s h and b', () => {
    expect(press('p')).toEqual({ type: 'suspendToggle' })
    expect(press('t')).toEqual({ type: 'open', panel: 'extend' })
    expect(press('o')).toEqual({ type: 'open', panel: 'reopen' })
    expect(press('m')).toEqual({ type: 'open', panel: 'merge' })
    expect(press('i')).toEqual({ type: 'open', panel: 'sign' })
    expect(press('w')).toEqual({ type: 'open', panel: 'return' })
    expect(press('f')).toEqual({ type: 'open', panel: 'feedback' })
    expect(press('g')).toEqual({ type: 'handover' })
    expect(press('/')).toEqual({ type: 'find' })
    expect(press('h')).toEqual({ type: 'map', view: 'heat' })
    expect(press('b')).toEqual({ type: 'map', view: 'basemap' })
    // …and they wait while a panel is open, like every letter.
    expect(press('h', { panel: 'note' })).toBeNull()
    expect(press('b', { panel: 'dispatch' })).toBeNull()
  })

  it('lists every key once in the help, each with its text', () => {
    const keys = COMMAND_REGISTRY.flatMap((row) => entryKeyLabels(row))
    expect(new Set(keys).size).toBe(keys.length)
    for (const k of ['p', 't', 'o', 'm', 'i', 'w', 'f', 'g', '/', 'h', 'b', 'Ctrl+K', 'l', 'q']) expect(keys).toContain(k)
  })

  it('works with Caps Lock on and ignores unbound keys', () => {
    expect(press('A')).toEqual({ type: 'accept' })
    expect(press('9')).toBeNull()
    expect(press('F5')).toBeNull()
    expect(press('Escape')).toBeNull()
  })

  it('leaves modifier shortcuts to the browser', () => {
    expect(press('a', { ctrlKey: true })).toBeNull()
    expect(press('d', { metaKey: true })).toBeNull()
    expect(press('e', { altKey: true })).toBeNull()
  })

  it('ignores every key but Esc while typing', () => {
    for (const key of ['a', 'd', 'j', 'Enter', 'ArrowDown', '?', 'x']) {
      expect(press(key, { typing: true, panel: 'note' })).toBeNull()
      expect(press(key, { typing: true })).toBeNull()
    }
    expect(press('Escape', { typing: true, panel: 'note' })).toEqual({ type: 'close' })
  })

  it('leaves keys to an open panel, except Esc and ? which close it', () => {
    expect(press('a', { panel: 'note' })).toBeNull()
    expect(press('1', { panel: 'note' })).toBeNull()
    expect(press('Escape', { panel: 'note' })).toEqual({ type: 'close' })
    expect(press('?', { panel: 'note' })).toEqual({ type: 'close' })
    // Ctrl+K closes the palette (even from its search field) and no other panel.
    expect(press('k', { ctrlKey: true, panel: 'palette', typing: true })).toEqual({ type: 'close' })
    expect(press('k', { ctrlKey: true, panel: 'note' })).toBeNull()
  })
})

describe('isTypingTarget', () => {
  it('knows text fields from other elements', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true)
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true)
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false)
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false)
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})
