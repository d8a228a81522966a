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

const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g
const PLURAL_OPTION = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g
const pluralRules = new Map<Locale, Intl.PluralRules>()
const numberFormats = new Map<Locale, Intl.NumberFormat>()

function pluralRule(locale: Locale): Intl.PluralRules {
  let rule = pluralRules.get(locale)
  if (!rule) pluralRules.set(locale, (rule = new Intl.PluralRules(locale)))
  return rule
}

/** A number as the locale writes it (12,345 in both languages; the one place numbers are formatted for text). */
export function formatNumber(n: number, locale: Locale = current): string {
  let format = numberFormats.get(locale)
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)))
  return format.format(n)
}

/**
 * `{n, plural, one {# case} other {# cases}}` (the ICU subset messages use): the form
 * Intl.PluralRules picks for the locale, `#` the number formatted by Intl.NumberFormat.
 */
function plurals(text: string, vars: Record<string, string | number>, locale: Locale): string {
  return text.replace(PLURAL, (whole, name: string, options: string) => {
    const value = vars[name]
    if (typeof value !== 'number') return whole
    const forms = new Map([...options.matchAll(PLURAL_OPTION)].map((m) => [m[1] as string, m[2] as string]))
    const form = forms.get(`=${value}`) ?? forms.get(pluralRule(locale).select(value)) ?? forms.get('other') ?? whole
    return form.replace(/#/g, formatNumber(value, locale))
  })
}

/** Look up a message and fill `{name}` placeholders and plural forms. Unknown keys show the key (a bug, visible in review). */
export function t(key: MessageKey, vars?: Record<string, string | number>, locale: Locale = current): string {
  const text = allMessages[locale][key] ?? allMessages[DEFAULT_LOCALE][key] ?? key
  if (!vars) return text
  return plurals(text, vars, locale).replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
