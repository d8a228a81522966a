// Issue 15 (k15): the wall link of browser mode in the settings panel — replace the wall (viewer)
// token when a link has leaked, and show the new link to open on the walls. Asks first: every wall
// showing now is disconnected. In Electron there is no web host and so no wall link: not shown.
import { useState } from 'react'
import type { ConsoleApi } from '../../src-shared/api'
import { bridgeApi } from '../api/bridge-transport'
import { t } from '../i18n/i18n'

type State = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'busy' } | { kind: 'done'; wallUrl: string } | { kind: 'failed'; detail: string }

export function WallLinkSection({ api }: { api: ConsoleApi }) {
  const [state, setState] = useState<State>({ kind: 'idle' })
  if (bridgeApi()) return null
  const rotate = async (): Promise<void> => {
    setState({ kind: 'busy' })
    try {
      const r = await api.rotateViewerToken()
      setState(r.ok ? { kind: 'done', wallUrl: r.value.wallUrl } : { kind: 'failed', detail: r.error.message })
    } catch (err) {
      setState({ kind: 'failed', detail: err instanceof Error ? err.message : String(err) })
    }
  }
  return (
    <section data-testid="wall-link">
      <h3>{t('wallLink.section')}</h3>
      <p>{t('wallLink.explain')}</p>
      {state.kind === 'confirm' ? (
        <div className="row">
          <span className="note">{t('wallLink.confirm')}</span>
          <button type="button" data-testid="wall-link-confirm" onClick={() => void rotate()}>
            {t('wallLink.confirmYes')}
          </button>
          <button type="button" onClick={() => setState({ kind: 'idle' })}>
            {t('wallLink.cancel')}
          </button>
        </div>
      ) : (
        <div className="row">
          <button type="button" data-testid="wall-link-rotate" disabled={state.kind === 'busy'} onClick={() => setState({ kind: 'confirm' })}>
            {t('wallLink.rotate')}
          </button>
        </div>
      )}
      {state.kind === 'done' ? (
        <p role="status">
          {t('wallLink.rotated')} <span className="path" data-testid="wall-link-url">{state.wallUrl}</span>
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="note" role="alert" data-testid="wall-link-error">
          {t('wallLink.failed', { detail: state.detail })}
        </p>
      ) : null}
    </section>
  )
}
