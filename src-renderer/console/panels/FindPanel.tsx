// /: go to a case by its code, closed and rejected ones too (the queue lists open cases only, and a
// lead reopens closed ones). ↑/↓ pick among matches; Enter selects it and centres the map on it.
import { useMemo, useState, type KeyboardEvent } from 'react'
import { t } from '../../i18n/i18n'
import { requestCenter } from '../../map/map-bus'
import { useConsole } from '../../state/console-store'
import { closePanel } from '../ui-store'
import { caseByCode, matchCodes } from './case-lookup'
import { CaseOption } from './MergePanel'
import { Modal } from './Modal'

const SHOWN = 10

export function FindPanel() {
  const incidents = useConsole((s) => s.incidents)
  const version = useConsole((s) => s.incidentsVersion)
  const select = useConsole((s) => s.select)
  const [query, setQuery] = useState('')
  const [highlight, setHighlight] = useState(0)
  const [missing, setMissing] = useState(false)
  const matches = useMemo(
    () => matchCodes(incidents.values(), query, SHOWN),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the Map is mutated in place; version tracks it
    [incidents, version, query]
  )
  const active = matches.length === 0 ? -1 : Math.min(highlight, matches.length - 1)

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setHighlight(Math.max(0, Math.min(matches.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1))))
      return
    }
    if (event.key !== 'Enter') return
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
          setHighlight(0)
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
