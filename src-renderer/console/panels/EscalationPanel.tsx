// e: escalate the case up a level. 1–3 pick the level, 4–9 the reason code, the explanation is
// required, a district department may be named as the target; Enter sends `escalate`.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { EscalationLevel, EscalationReason } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

type Level = (typeof EscalationLevel.options)[number]
type ReasonCode = (typeof EscalationReason.options)[number]

export const LEVEL_KEYS: readonly [string, Level][] = EscalationLevel.options.map((level, i) => [String(i + 1), level])
export const REASON_KEYS: readonly [string, ReasonCode][] = EscalationReason.options.map((code, i) => [String(i + 4), code])

export type EscalationDraft = { level: Level; reasonCode: ReasonCode | null; reason: string; targetUnitId: string }

/** The escalate payload, or the message key of what is missing. */
export function escalationPayload(draft: EscalationDraft): { ok: true; payload: Record<string, unknown> } | { ok: false; error: MessageKey } {
  if (draft.reasonCode === null) return { ok: false, error: 'escalate.chooseReason' }
  const reason = draft.reason.trim()
  if (reason === '') return { ok: false, error: 'panel.textRequired' }
  const payload: Record<string, unknown> = { level: draft.level, reasonCode: draft.reasonCode, reason }
  if (draft.targetUnitId !== '') payload.targetUnitId = draft.targetUnitId
  return { ok: true, payload }
}

export function EscalationPanel({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const units = useConsole((s) => s.units)
  const busy = useUi((s) => s.busy)
  const [draft, setDraft] = useState<EscalationDraft>({ level: 'district', reasonCode: null, reason: '', targetUnitId: '' })
  const [error, setError] = useState<MessageKey | null>(null)
  const reasonField = useRef<HTMLTextAreaElement>(null)
  const targets = useMemo(() => [...units.values()].filter((u) => u.kind === 'district_dept'), [units])

  const send = (): void => {
    if (busy) return
    const built = escalationPayload(draft)
    if (!built.ok) return setError(built.error)
    setError(null)
    void controller.submit(buildRequest('escalate', incident, built.payload))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    const inField = event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      return send()
    }
    // From the panel itself Tab jumps straight to the text, past the nine choice buttons.
    if (event.key === 'Tab' && !event.shiftKey && event.target === event.currentTarget) {
      event.preventDefault()
      return reasonField.current?.focus()
    }
    if (inField || event.ctrlKey || event.altKey || event.metaKey) return
    const level = LEVEL_KEYS.find(([key]) => key === event.key)?.[1]
    const reasonCode = REASON_KEYS.find(([key]) => key === event.key)?.[1]
    if (level) setDraft((d) => ({ ...d, level }))
    else if (reasonCode) setDraft((d) => ({ ...d, reasonCode }))
    else return
    event.preventDefault()
    setError(null)
  }

  return (
    <Modal
      title={t('escalate.title', { code: incident.code })}
      hint={t('escalate.hint')}
      error={error ? t(error) : null}
      focusSelf
      onKeyDown={onKeyDown}
    >
      <fieldset className="choice">
        <legend>{t('escalate.level')}</legend>
        {LEVEL_KEYS.map(([key, level]) => (
          <button
            type="button"
            key={level}
            className={`choice__item${draft.level === level ? ' choice__item--on' : ''}`}
            aria-pressed={draft.level === level}
            onClick={() => setDraft((d) => ({ ...d, level }))}
          >
            <kbd>{key}</kbd> {t(`level.${level}`)}
          </button>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('escalate.reasonCode')}</legend>
        {REASON_KEYS.map(([key, code]) => (
          <button
            type="button"
            key={code}
            className={`choice__item${draft.reasonCode === code ? ' choice__item--on' : ''}`}
            aria-pressed={draft.reasonCode === code}
            onClick={() => setDraft((d) => ({ ...d, reasonCode: code }))}
          >
            <kbd>{key}</kbd> {t(`reason.${code}`)}
          </button>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('escalate.reason')}</span>
        <textarea
          ref={reasonField}
          rows={3}
          value={draft.reason}
          onChange={(e) => {
            const reason = e.target.value
            setDraft((d) => ({ ...d, reason }))
          }}
        />
      </label>
      <label className="field">
        <span>{t('escalate.target')}</span>
        <select
          value={draft.targetUnitId}
          onChange={(e) => {
            const targetUnitId = e.target.value
            setDraft((d) => ({ ...d, targetUnitId }))
          }}
        >
          <option value="">{t('escalate.noTarget')}</option>
          {targets.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
    </Modal>
  )
}
