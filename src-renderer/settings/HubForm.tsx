// The hub address, token and seat name, with "test" and "test and save": used by the first-run
// screen and by the settings panel. Saving always tests first (the core refuses a hub that fails
// the handshake and says why); the token field is a password field and is never shown back.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { ConsoleApi, HubProbeResult, SetupState } from '../../src-shared/api'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { probeText } from './probe-text'

type Props = {
  api: ConsoleApi
  setup: SetupState
  /** Focus the address field when shown (first run). */
  autoFocus?: boolean
  onSaved: (state: SetupState) => void
  onEscape?: () => void
}

type Status = { tone: 'ok' | 'error' | 'busy'; text: string } | null

const URL_SHAPE = /^https?:\/\/\S+$/

export function HubForm({ api, setup, autoFocus, onSaved, onEscape }: Props) {
  const [url, setUrl] = useState(setup.hub.kind === 'hub' ? setup.hub.url : '')
  const [token, setToken] = useState('')
  const [seatName, setSeatName] = useState(setup.seatName)
  const [status, setStatus] = useState<Status>(null)
  const urlField = useRef<HTMLInputElement>(null)
  const tokenKept = setup.hub.kind === 'hub' && setup.hub.tokenStored

  useEffect(() => {
    if (autoFocus) urlField.current?.focus()
  }, [autoFocus])

  const check = (): string | null => {
    if (!URL_SHAPE.test(url.trim())) return t('settings.needUrl')
    if (!token && !tokenKept) return t('settings.needToken')
    return null
  }

  const showProbe = (probe: HubProbeResult): void => setStatus({ tone: probe.ok ? 'ok' : 'error', text: probeText(probe) })

  const test = async (): Promise<void> => {
    const problem = check()
    if (problem) return setStatus({ tone: 'error', text: problem })
    if (!token) return setStatus({ tone: 'error', text: t('settings.needToken') })
    setStatus({ tone: 'busy', text: t('settings.testing') })
    showProbe(await api.testHub(url.trim(), token))
  }

  const save = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault()
    if (status?.tone === 'busy') return
    const problem = check()
    if (problem) return setStatus({ tone: 'error', text: problem })
    setStatus({ tone: 'busy', text: t('settings.testing') })
    const result = await api.saveSetup({
      hub: { kind: 'hub', url: url.trim(), ...(token ? { token } : {}) },
      seatName: seatName.trim()
    })
    if (result.ok) {
      setToken('')
      setStatus({ tone: 'ok', text: t('settings.saved') })
      onSaved(result.value)
    } else if (result.probe) {
      showProbe(result.probe)
    } else {
      setStatus({ tone: 'error', text: t('settings.invalid', { detail: result.error.message }) })
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Escape' && onEscape) {
      event.preventDefault()
      event.stopPropagation()
      onEscape()
    }
  }

  return (
    <form className="hub-form" data-testid="hub-form" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown}>
      <label className="field">
        <span>{t('settings.hubUrl')}</span>
        <input
          ref={urlField}
          type="url"
          data-testid="hub-url"
          value={url}
          placeholder={t('settings.hubUrl.placeholder')}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label className="field">
        <span>
          {t('settings.token')} {tokenKept ? t('settings.token.keep') : null}
        </span>
        <input type="password" data-testid="hub-token" value={token} autoComplete="off" onChange={(e) => setToken(e.currentTarget.value)} />
      </label>
      <label className="field">
        <span>{t('settings.seatName')}</span>
        <input
          type="text"
          data-testid="seat-name"
          value={seatName}
          maxLength={40}
          placeholder={t('settings.seatName.placeholder')}
          onChange={(e) => setSeatName(e.currentTarget.value)}
        />
      </label>
      <div className="hub-form__actions">
        <button type="button" data-testid="hub-test" onClick={() => void test()}>
          {t('settings.test')}
        </button>
        <button type="submit" data-testid="hub-save">
          {t('settings.save')}
        </button>
      </div>
      {status ? (
        <p className={`hub-form__status hub-form__status--${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'} data-testid="hub-status">
          {status.text}
        </p>
      ) : null}
    </form>
  )
}
