// /: go to a case by its code, closed and rejected ones too (the queue lists open cases only, and a
// lead reopens closed ones). ↑/↓ pick among matches; Enter selects it and centres the map on it.
import { useState, type KeyboardEvent } from 'react'
import { t } from '../../i18n/i18n'
import { requestCenter } from '../../map/map-bus'
import { useConsole } from '../../state/console-store'
import { closePanel } from '../ui-store'
import { caseByCode } from './case-lookup'
import { CaseOption, useCasePicker } from './case-picker'
import { Modal } from './Modal'

const SHOWN = 10

export function FindPanel() {
  const select = useConsole((s) => s.select)
  const { query, setQuery, matches, active, moveOnArrow, incidents } = useCasePicker(SHOWN)
  const [missing, setMissing] = useState(false)

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (moveOnArrow(event) || event.key !== 'Enter') return
    event.preventDefault()
    const found = caseByCode(incidents.values(), query) ?? matches[active] ?? null
    if (!found) return setMissing(true)
    select(found.id)
    requestCenter({ location: found.location, incidentId: found.id })
    closePanel()
  }

  return (
    <Modal title={t('find.title')} hint={t('find.hint')} error={missing ? t('find.none', { code: query.trim() }) : null} wide>
      <input
        className="picker__filter"
        autoFocus
        value={query}
        placeholder={t('merge.placeholder')}
        aria-label={t('find.title')}
        onChange={(e) => {
          setQuery(e.target.value)
          setMissing(false)
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="picker__list" role="listbox" tabIndex={-1} aria-label={t('find.title')}>
        {matches.map((m, i) => (
          <CaseOption key={m.id} incident={m} active={i === active} />
        ))}
      </ul>
    </Modal>
  )
}
