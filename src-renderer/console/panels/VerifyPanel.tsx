// v: verify a resolved case — 1 passes (close), 2 fails (rework); an optional note; Enter sends.
import { useRef, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

export function VerifyPanel({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const busy = useUi((s) => s.busy)
  const [passed, setPassed] = useState<boolean | null>(null)
  const [note, setNote] = useState('')
  const [unchosen, setUnchosen] = useState(false)
  const noteField = useRef<HTMLTextAreaElement>(null)

  const send = (): void => {
    if (busy) return
    if (passed === null) return setUnchosen(true)
    const payload: Record<string, unknown> = { passed }
    if (note.trim() !== '') payload.note = note.trim()
    void controller.submit(buildRequest('verify', incident, payload))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      return send()
    }
    if (event.key === 'Tab' && !event.shiftKey && event.target === event.currentTarget) {
      event.preventDefault()
      return noteField.current?.focus()
    }
    if (event.target instanceof HTMLTextAreaElement || event.ctrlKey || event.altKey || event.metaKey) return
    if (event.key !== '1' && event.key !== '2') return
    event.preventDefault()
    setPassed(event.key === '1')
    setUnchosen(false)
  }

  const choice = (value: boolean, key: string, label: string) => (
    <button
      type="button"
      className={`choice__item${passed === value ? ' choice__item--on' : ''}`}
      aria-pressed={passed === value}
      onClick={() => {
        setPassed(value)
        setUnchosen(false)
      }}
    >
      <kbd>{key}</kbd> {label}
    </button>
  )

  return (
    <Modal
      title={t('verify.title', { code: incident.code })}
      hint={t('verify.hint')}
      error={unchosen ? t('verify.choose') : null}
      focusSelf
      onKeyDown={onKeyDown}
    >
      <div className="choice">
        {choice(true, '1', t('verify.pass'))}
        {choice(false, '2', t('verify.fail'))}
      </div>
      <label className="field">
        <span>{t('verify.note')}</span>
        <textarea ref={noteField} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
    </Modal>
  )
}
