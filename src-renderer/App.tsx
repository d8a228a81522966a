// Picks the view for this window: the wall screen, or the dispatcher console. A language change
// re-renders the tree (every text is read again from the messages) without re-mounting it: the
// map keeps its WebGL context and view, the selection and open panel stay.
import { useEffect } from 'react'
import type { ConsoleApi } from '../src-shared/api'
import { ConsoleView } from './console/ConsoleView'
import { getLocale, t } from './i18n/i18n'
import { useConsole } from './state/console-store'
import { WallView } from './wall/WallView'

export type View = 'console' | 'wall'

export function App({ api, view }: { api: ConsoleApi; view: View }) {
  const settingsLocale = useConsole((s) => s.settings?.locale ?? 'zh-CN')
  // The wall keeps the language of its URL (k16c): a seat's settings never change it.
  const locale = view === 'wall' ? getLocale() : settingsLocale
  useEffect(() => {
    document.documentElement.lang = locale
    document.title = t('app.title')
  }, [locale])
  if (view === 'wall') return <WallView api={api} />
  return <ConsoleView api={api} />
}
