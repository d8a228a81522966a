// Small shared hooks: a ticking clock, the category name lookup, and the global keyboard binding.
import { useEffect, useState } from 'react'
import type { Category, ReferenceData } from '../../src-shared/protocol'
import { getLocale, t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import type { Controller } from './controller'
import { COMMAND_REGISTRY } from './command-registry'
import { bindRegistryKeys, isTypingTarget } from './keymap'
import { useUi } from './ui-store'

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

/** One window-level binding (tinykeys over the command registry) turns key presses into controller actions. */
export function useKeyboard(controller: Controller): void {
  useEffect(
    () =>
      bindRegistryKeys(
        window,
        COMMAND_REGISTRY,
        (event) => ({ typing: isTypingTarget(event.target), panel: useUi.getState().panel?.kind ?? null }),
        (action) => controller.handleKey(action)
      ),
    [controller]
  )
}
