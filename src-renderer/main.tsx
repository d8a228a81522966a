// Renderer entry: connect to the console API (Electron bridge or web host), start the store, render.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { getApi, getViewKind, onLinkChange } from './api'
import { App } from './App'
import { bootConsoleStore, setCarrierUp } from './state/console-store'
import './styles/console.css'

const api = getApi()
bootConsoleStore(api, {
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

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App api={api} view={getViewKind()} />
  </StrictMode>
)
