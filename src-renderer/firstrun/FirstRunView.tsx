// The first-run screen (issue 12): shown while no hub is chosen. "Use the demo" starts the demo
// hub here; "connect to a hub" asks for the address and token and tests them with a real handshake
// before anything is saved. Keyboard first: 1 / 2 choose, Tab moves, Enter confirms, Esc goes back.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ConsoleApi, SetupState } from '../../src-shared/api'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { HubForm } from '../settings/HubForm'
import './firstrun.css'

type Props = { api: ConsoleApi; setup: SetupState; onDone: (state: SetupState) => void }

export function FirstRunView({ api, setup, onDone }: Props) {
  const [step, setStep] = useState<'choose' | 'hub'>('choose')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(setup.startError ? t('settings.startError', { detail: setup.startError }) : null)
  const demoButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (step === 'choose') demoButton.current?.focus()
  }, [step])

  const chooseDemo = async (): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    const result = await api.saveSetup({ hub: { kind: 'demo' } })
    setBusy(false)
    if (result.ok) onDone(result.value)
    else setError(t('settings.startError', { detail: result.error.message }))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (step !== 'choose' || event.ctrlKey || event.altKey || event.metaKey) return
    if (event.key === '1') {
      event.preventDefault()
      void chooseDemo()
    } else if (event.key === '2') {
      event.preventDefault()
      setStep('hub')
    }
  }

  return (
    <main className="first-run" data-testid="first-run" onKeyDown={onKeyDown}>
      <div className="first-run__card">
        <h1>{t('firstRun.title')}</h1>
        {setup.settingsNotice ? (
          <p className="first-run__notice" role="alert" data-testid="settings-damaged">
            {t('settings.damaged', { path: setup.settingsNotice.movedTo })}
          </p>
        ) : null}
        {step === 'choose' ? (
          <>
            <p>{t('firstRun.intro')}</p>
            <div className="first-run__choices">
              <button ref={demoButton} type="button" data-testid="first-run-demo" disabled={busy} onClick={() => void chooseDemo()}>
                <kbd>1</kbd> {t('firstRun.demo')}
                <small>{t('firstRun.demoHint')}</small>
              </button>
              <button type="button" data-testid="first-run-hub" disabled={busy} onClick={() => setStep('hub')}>
                <kbd>2</kbd> {t('firstRun.hub')}
                <small>{t('firstRun.hubHint')}</small>
              </button>
            </div>
            {busy ? <p className="first-run__busy">{t('firstRun.starting')}</p> : null}
            <p className="first-run__keys">{t('firstRun.keys')}</p>
          </>
        ) : (
          <>
            <p>{t('firstRun.hubHint')}</p>
            <HubForm api={api} setup={setup} autoFocus onSaved={onDone} onEscape={() => setStep('choose')} />
            <p className="first-run__keys">{t('firstRun.formKeys')}</p>
          </>
        )}
        {error ? (
          <p className="first-run__error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="first-run__paths">
          {t('settings.settingsFile')}: {setup.settingsFile}
        </p>
      </div>
    </main>
  )
}
