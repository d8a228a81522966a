// i / w / f: sign for (代签收), return (退回) or report done (代反馈) on a unit's behalf. 1–5 pick among
// the case's assignees (the only one is picked already); picking moves to the text the command needs;
// Enter sends.
import { useRef, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { Modal } from './Modal'
import { initialUnit, UNIT_COMMAND_SPEC, unitActionRequest, type UnitCommand } from './unit-action-model'
import { isComposing } from '../../keyboard/composition'

export function UnitActionPanel({ incident, command }: { incident: IncidentSummary; command: UnitCommand }) {
  const { controller } = useConsoleContext()
  const units = useConsole((s) => s.units)
  const busy = useUi((s) => s.busy)
  const spec = UNIT_COMMAND_SPEC[command]
  const [unitId, setUnitId] = useState<string | null>(() => initialUnit(incident.assignees))
  const [text, setText] = useState('')
  const [error, setError] = useState<MessageKey | null>(null)
  const textField = useRef<HTMLTextAreaElement>(null)
  // With the unit known and a text to write, start in the text; otherwise on the choice keys.
  const startInText = spec.field !== null && unitId !== null

  const choose = (id: string): void => {
    setUnitId(id)
    setError(null)
    textField.current?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      if (busy) return
      const built = unitActionRequest(command, incident, { unitId, text })
      if (!built.ok) return setError(built.error)
      setError(null)
      void controller.submit(built.request)
      return
    }
    if (event.key === 'Tab' && !event.shiftKey && event.target === event.currentTarget && textField.current) {
      event.preventDefault()
      return textField.current.focus()
    }
    if (event.target instanceof HTMLTextAreaElement || event.ctrlKey || event.altKey || event.metaKey) return
    const index = Number(event.key) - 1
    const id = Number.isInteger(index) && index >= 0 ? incident.assignees[index] : undefined
    if (id === undefined) return
    event.preventDefault()
    choose(id)
  }

  return (
    <Modal
      title={t(spec.title, { code: incident.code })}
      hint={t(spec.field === null ? 'unitAct.hintSign' : 'unitAct.hintText')}
      error={error ? t(error) : null}
      focusSelf={!startInText}
      onKeyDown={onKeyDown}
    >
      {incident.assignees.length === 0 ? (
        <p className="modal__body">{t('unitAct.noAssignees')}</p>
      ) : (
        <fieldset className="choice">
          <legend>{t('unitAct.unit')}</legend>
          {incident.assignees.map((id, i) => (
            <button
              type="button"
              key={id}
              data-testid="unit-choice"
              className={`choice__item${unitId === id ? ' choice__item--on' : ''}`}
              aria-pressed={unitId === id}
              onClick={() => choose(id)}
            >
              <kbd>{i + 1}</kbd> {units.get(id)?.name ?? t('detail.unknownUnit', { id })}
            </button>
          ))}
        </fieldset>
      )}
      {spec.label !== null ? (
        <label className="field">
          <span>{t(spec.label)}</span>
          <textarea
            ref={textField}
            autoFocus={startInText}
            rows={3}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setError(null)
            }}
          />
        </label>
      ) : null}
    </Modal>
  )
}
