// t: extend the deadline (延期, the lead's approval). The new deadline is typed as "YYYY-MM-DD HH:mm" in
// the hall's zone, offered at one working day past the current one; a reason is required; Enter sends.
import { useMemo, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { hubNow } from '../../state/selectors'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { formatDateTime } from '../format'
import { useUi } from '../ui-store'
import { checkDeadline, defaultExtension, formatDeadlineInput, screenOffsetMinutes } from './deadline-field'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

export type ExtendDraft = { deadline: string; reason: string }

/** The extend payload, or the message key of what is wrong. */
export function extendPayload(
  draft: ExtendDraft,
  incident: Pick<IncidentSummary, 'deadlineAt'>,
  nowMs: number,
  offsetMinutes: number
): { ok: true; payload: Record<string, unknown> } | { ok: false; error: MessageKey } {
  const deadline = checkDeadline(draft.deadline, nowMs, offsetMinutes, incident.deadlineAt)
  if (!deadline.ok) return deadline
  const reason = draft.reason.trim()
  if (reason === '') return { ok: false, error: 'extend.reasonRequired' }
  return { ok: true, payload: { newDeadlineAt: deadline.iso, reason } }
}

export function ExtendPanel({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const busy = useUi((s) => s.busy)
  const calendar = useConsole((s) => s.reference?.calendar ?? null)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const offset = screenOffsetMinutes()
  // The default is computed once, when the panel opens: it must not move under the person's hands.
  const initial = useMemo(
    () => formatDeadlineInput(defaultExtension(incident, hubNow(skew), calendar), offset),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening, on purpose
    []
  )
  const [draft, setDraft] = useState<ExtendDraft>({ deadline: initial, reason: '' })
  const [error, setError] = useState<MessageKey | null>(null)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter' || event.shiftKey) return
    event.preventDefault()
    if (busy) return
    const built = extendPayload(draft, incident, hubNow(skew), offset)
    if (!built.ok) return setError(built.error)
    setError(null)
    void controller.submit(buildRequest('extend', incident, built.payload))
  }

  const edit = (patch: Partial<ExtendDraft>): void => {
    setDraft((d) => ({ ...d, ...patch }))
    setError(null)
  }

  return (
    <Modal title={t('extend.title', { code: incident.code })} hint={t('extend.hint')} error={error ? t(error) : null} onKeyDown={onKeyDown}>
      <p className="modal__body">
        {t('extend.current', {
          at: incident.deadlineAt === null ? t('queue.noDeadline') : formatDateTime(incident.deadlineAt),
          n: incident.counters.extensions
        })}
      </p>
      <label className="field">
        <span>{t('extend.newDeadline')}</span>
        <input
          className="field__input field__input--mono"
          data-testid="extend-deadline"
          value={draft.deadline}
          placeholder="YYYY-MM-DD HH:mm"
          onChange={(e) => edit({ deadline: e.target.value })}
        />
      </label>
      <label className="field">
        <span>{t('extend.reason')}</span>
        <textarea autoFocus rows={3} value={draft.reason} onChange={(e) => edit({ reason: e.target.value })} />
      </label>
    </Modal>
  )
}
