// Renderer entry: connect to the console API (Electron bridge or web host); on the dispatcher
// console ask first whether the app is set up (issue 12: else the first-run screen), then start
// the store and render.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { SetupState } from '../src-shared/api'
import { getApi, getViewKind, onLinkChange } from './api'
import { App } from './App'
import { FirstRunView } from './firstrun/FirstRunView'
import { setLocale, t } from './i18n/i18n'
import { forwardRendererErrors } from './settings/forward-errors'
import { SetupBanner } from './settings/SetupBanner'
import { bootConsoleStore, setCarrierUp } from './state/console-store'
import './styles/console.css'
import { wallParams } from './wall/wall-params'

const api = getApi()
const view = getViewKind()
const rootElement = document.getElementById('root')
if (!rootElement) throw new Error('index.html has no #root')
const root = createRoot(rootElement)
forwardRendererErrors(api, window, view)

// The wall's language is its URL's (?lang=), never the settings a seat changes (k16c).
const ownLocale = view === 'wall' ? wallParams(location.search).locale : undefined
if (ownLocale) setLocale(ownLocale)

function startConsole(setup: SetupState | null): void {
  bootConsoleStore(api, {
    ownLocale,
    // Events sent while the web host's socket was down are gone: reload the snapshot when it is back.
    resyncOn: (listener) => {
      let wasDown = false
      return onLinkChange((state) => {
        if (state === 'down') wasDown = true
        else if (state === 'up' && wasDown) {
          wasDown = false
          listener()
        }
      })
    }
  })
  // Tell the dispatcher when the back end itself is out of reach (browser mode): the screen is stale then.
  onLinkChange((state) => setCarrierUp(state !== 'down' && state !== 'closed'))
  root.render(
    <StrictMode>
      <App api={api} view={view} />
      {view === 'console' ? <SetupBanner api={api} initial={setup} /> : null}
    </StrictMode>
  )
}

async function start(): Promise<void> {
  // The wall (a viewer) has no say in the setup: it waits for the console's data like before.
  if (view !== 'console') return startConsole(null)
  let setup: SetupState
  try {
    const [s, settings] = await Promise.all([api.getSetup(), api.getSettings()])
    setup = s
    setLocale(settings.locale)
  } catch {
    // Without an answer the console's own boot shows the failure and retries.
    return startConsole(null)
  }
  if (!setup.firstRun) return startConsole(setup)
  document.title = t('firstRun.title')
  root.render(
    <StrictMode>
      <FirstRunView api={api} setup={setup} onDone={(state) => startConsole(state)} />
    </StrictMode>
  )
}

void start()
