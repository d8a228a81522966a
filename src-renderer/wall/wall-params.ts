// A wall's own language and theme, from its URL (/wall?lang=en-US&theme=light): each wall screen in
// the hall is set where it is opened and never follows a seat's settings (a seat pressing "English"
// must not turn the hall's wall English). A value we do not know is not guessed at: the wall keeps its
// default and says which parameter it ignored.
import type { Locale } from '../i18n/i18n'
import type { MapTheme } from '../map/palette'

export const WALL_LOCALES: readonly Locale[] = ['zh-CN', 'en-US']
export const WALL_THEMES = ['dark', 'light'] as const
export type WallTheme = (typeof WALL_THEMES)[number]

export type WallParams = {
  locale: Locale
  theme: WallTheme
  /** Parameters given with a value the wall does not know, as `name=value`. */
  ignored: string[]
}

export const DEFAULT_WALL_LOCALE: Locale = 'zh-CN'
export const DEFAULT_WALL_THEME: WallTheme = 'dark'

const isLocale = (v: string): v is Locale => (WALL_LOCALES as readonly string[]).includes(v)
const isTheme = (v: string): v is WallTheme => (WALL_THEMES as readonly string[]).includes(v)

export function wallParams(search: string): WallParams {
  const q = new URLSearchParams(search)
  const ignored: string[] = []
  const lang = q.get('lang')
  const theme = q.get('theme')
  if (lang !== null && !isLocale(lang)) ignored.push(`lang=${lang.slice(0, 40)}`)
  if (theme !== null && !isTheme(theme)) ignored.push(`theme=${theme.slice(0, 40)}`)
  return {
    locale: lang !== null && isLocale(lang) ? lang : DEFAULT_WALL_LOCALE,
    theme: theme !== null && isTheme(theme) ? theme : DEFAULT_WALL_THEME,
    ignored
  }
}

/** The map's palette for a wall theme: the light wall gets a light map too, not a black one in white chrome. */
export function wallMapTheme(theme: WallTheme): MapTheme {
  return theme === 'light' ? 'wall-light' : 'wall'
}
