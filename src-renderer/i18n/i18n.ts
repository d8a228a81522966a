// UI text lookup. Every string a person reads comes from a message file under ./messages;
// zh-CN is the default, en-US is complete. Components never hold literal text.
import { allMessages, type MessageKey } from './messages'

export type Locale = 'zh-CN' | 'en-US'
export const DEFAULT_LOCALE: Locale = 'zh-CN'

let current: Locale = DEFAULT_LOCALE

export function setLocale(locale: Locale): void {
  current = locale
}

export function getLocale(): Locale {
  return current
}

/** Look up a message and fill `{name}` placeholders. Unknown keys show the key (a bug, visible in review). */
export function t(key: MessageKey, vars?: Record<string, string | number>, locale: Locale = current): string {
  const text = allMessages[locale][key] ?? allMessages[DEFAULT_LOCALE][key] ?? key
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
