// /: go to a case by its code, closed and rejected ones too (the queue lists open cases only, and a
// lead reopens closed ones). ↑/↓ pick among matches; Enter selects it and centres the map on it. The
// store holds only the live set, so with few matches there the panel also searches main's whole cache
// (code, title, address, the reporter's name or phone) and lists those cases below, with their status
// and what matched.
import { useRef, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import { requestCenter } from '../../map/map-bus'
import { upsertLocalIncident, useConsole } from '../../state/console-store'
import { useConsoleContext } from '../console-context'
import { closePanel } from '../ui-store'
import { caseByCode } from './case-lookup'
import { CaseOption, useCasePicker } from './case-picker'
import { extraRows, useFindMore } from './find-more'
import { FindMatchLabel } from './FindMatchLabel'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

const SHOWN = 10

export function FindPanel() {
  const { api } = useConsoleContext()
  const select = useConsole((s) => s.select)
  const { query, setQuery, matches, moveOnArrow, activeIn, incidents } = useCasePicker(SHOWN)
  const [missing, setMissing] = useState(false)
  const more = useFindMore(api, query, matches.length < SHOWN)
  const extras = extraRows(more.answer, query, matches, incidents, SHOWN - matches.length)
  const rows = [...matches, ...extras.map((e) => e.incident)]
  const active = activeIn(rows.length)
  // What is typed now, for an Enter whose search answers after more typing.
  const typed = useRef(query)
  typed.current = query

  const go = (found: IncidentSummary): void => {
    // A case from the whole cache enters the store first, so the detail, the keys and the map have it.
    if (!incidents.has(found.id)) upsertLocalIncident(found)
    select(found.id)
    requestCenter({ location: found.location, incidentId: found.id })
    closePanel()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (moveOnArrow(event, rows.length) || event.key !== 'Enter') return
    event.preventDefault()
    const found = caseByCode(incidents.values(), query) ?? rows[active] ?? null
    if (found) return go(found)
    const asked = query.trim()
    if (asked === '') return setMissing(true)
    // Typed faster than the debounce (or fewer than its two characters): ask the cache now.
    void more.searchNow(asked).then((cases) => {
      if (cases === null || typed.current.trim() !== asked) return
      const found = cases.map((c) => c.incident)
      const hit = caseByCode(found, asked) ?? found[0] ?? null
      if (hit) go(hit)
      else setMissing(true)
    })
  }

  const status = more.failed !== null ? t('find.moreFailed') : more.searching !== null && extras.length === 0 ? t('find.searching') : null

  return (
    <Modal title={t('findMatch.panelTitle')} hint={t('find.hint')} error={missing ? t('find.none', { code: query.trim() }) : null} wide>
      <input
        className="picker__filter"
        autoFocus
        value={query}
        placeholder={t('findMatch.placeholder')}
        aria-label={t('findMatch.panelTitle')}
        onChange={(e) => {
          setQuery(e.target.value)
          setMissing(false)
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="picker__list" role="listbox" tabIndex={0} aria-label={t('findMatch.panelTitle')}>
        {matches.map((m, i) => (
          <CaseOption key={m.id} incident={m} active={i === active}>
            <FindMatchLabel found={{ incident: m, matched: 'code', reporter: null }} query={query} />
          </CaseOption>
        ))}
        {extras.length > 0 || status !== null ? (
          <li className="picker__heading" role="presentation" data-testid="find-more">
            {status ?? t('find.more')}
          </li>
        ) : null}
        {extras.map((m, i) => (
          <CaseOption key={m.incident.id} incident={m.incident} active={matches.length + i === active}>
            <FindMatchLabel found={m} query={query} />
          </CaseOption>
        ))}
      </ul>
    </Modal>
  )
}
