// r / u / n / p / o: the commands that are one required text — reject (reason), urge (note), note
// (text), and the lead's suspend (挂账, reason) and reopen (重新办理, reason).
import { useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

export type TextCommand = 'reject' | 'urge' | 'note' | 'suspend' | 'reopen'

/** Per command: its title, its field label, and the payload field the text goes in. */
export const TEXT_COMMANDS: Record<TextCommand, { title: MessageKey; label: MessageKey; field: string }> = {
  reject: { title: 'reject.title', label: 'reject.label', field: 'reason' },
  urge: { title: 'urge.title', label: 'urge.label', field: 'note' },
  note: { title: 'note.title', label: 'note.label', field: 'text' },
  suspend: { title: 'suspend.title', label: 'suspend.label', field: 'reason' },
  reopen: { title: 'reopen.title', label: 'reopen.label', field: 'reason' }
}

export function TextPanel({ incident, command }: { incident: IncidentSummary; command: TextCommand }) {
  const { controller } = useConsoleContext()
  const busy = useUi((s) => s.busy)
  const [text, setText] = useState('')
  const [missing, setMissing] = useState(false)
  const spec = TEXT_COMMANDS[command]

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter' || event.shiftKey) return
    event.preventDefault()
    if (busy) return
    const value = text.trim()
    if (value === '') return setMissing(true)
    void controller.submit(buildRequest(command, incident, { [spec.field]: value }))
  }

  return (
    <Modal
      title={t(spec.title, { code: incident.code })}
      hint={t('panel.textHint')}
      error={missing ? t('panel.textRequired') : null}
    >
      <label className="field">
        <span>{t(spec.label)}</span>
        <textarea
          autoFocus
          rows={4}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setMissing(false)
          }}
          onKeyDown={onKeyDown}
        />
      </label>
    </Modal>
  )
}
