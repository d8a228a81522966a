// Small shared hooks: a ticking clock, the category name lookup, and the global keyboard listener.
import { useEffect, useState } from 'react'
import type { Category, ReferenceData } from '../../src-shared/protocol'
import { getLocale, t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import type { Controller } from './controller'
import { isTypingTarget, resolveKey } from './keymap'
import { useUi } from './ui-store'
import { isComposing } from '../keyboard/composition'

/** Date.now(), refreshed every `intervalMs` (countdowns and the clock; one timer per user). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

const categoryIndexes = new WeakMap<ReferenceData, ReadonlyMap<string, Category>>()

export function categoryIndex(reference: ReferenceData | null): ReadonlyMap<string, Category> {
  if (!reference) return new Map()
  let index = categoryIndexes.get(reference)
  if (!index) {
    index = new Map(reference.categories.map((c) => [c.code, c]))
    categoryIndexes.set(reference, index)
  }
  return index
}

/** The category's name in the current language, or its code while reference data is loading. */
export function categoryName(index: ReadonlyMap<string, Category>, code: string): string {
  const category = index.get(code)
  if (!category) return t('queue.unknownCategory', { code })
  return getLocale() === 'en-US' ? category.nameEn : category.name
}

export function useCategoryIndex(): ReadonlyMap<string, Category> {
  return categoryIndex(useConsole((s) => s.reference))
}

/** One window-level listener turns key presses into controller actions. */
export function useKeyboard(controller: Controller): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (isComposing(event)) return
      const action = resolveKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        typing: isTypingTarget(event.target),
        panelOpen: useUi.getState().panel !== null
      })
      if (!action) return
      // The key is ours: keep it from scrolling the page or typing into a field a panel is about to focus.
      event.preventDefault()
      controller.handleKey(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [controller])
}
