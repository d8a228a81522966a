// The code lookup both the find (/) and merge (m) panels use: the typed query, the cases whose code
// matches, the highlighted one (↑/↓), and the row that shows a case in the list.
import { useMemo, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { matchCodes } from './case-lookup'

export type CasePicker = {
  query: string
  /** Sets the query and puts the highlight back on the first match. */
  setQuery(query: string): void
  matches: IncidentSummary[]
  /** Index of the highlighted match, -1 when there is none. */
  active: number
  /** Moves the highlight on ↑/↓; true when the key was one of them (and is handled). */
  moveOnArrow(event: KeyboardEvent<HTMLInputElement>): boolean
  incidents: ReadonlyMap<string, IncidentSummary>
}

export function useCasePicker(shown: number, filter?: (incident: IncidentSummary) => boolean, filterKey = ''): CasePicker {
  const incidents = useConsole((s) => s.incidents)
  const version = useConsole((s) => s.incidentsVersion)
  const [query, setQueryState] = useState('')
  const [highlight, setHighlight] = useState(0)
  const matches = useMemo(
    () => matchCodes(incidents.values(), query, shown, filter),
    // The Map is mutated in place (its version says when); the filter is named by filterKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidents, version, query, shown, filterKey]
  )
  const active = matches.length === 0 ? -1 : Math.min(highlight, matches.length - 1)
  return {
    query,
    setQuery(next) {
      setQueryState(next)
      setHighlight(0)
    },
    matches,
    active,
    moveOnArrow(event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false
      event.preventDefault()
      setHighlight(Math.max(0, Math.min(matches.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1))))
      return true
    },
    incidents
  }
}

/** One case in a code-lookup list: urgency, code, status, title, address. */
export function CaseOption({ incident, active }: { incident: IncidentSummary; active: boolean }) {
  return (
    <li
      role="option"
      aria-selected={active}
      data-testid="case-option"
      data-id={incident.id}
      className={`picker__row${active ? ' picker__row--active' : ''}`}
    >
      <span className={`badge badge--${incident.urgency}`}>{t(`urgency.${incident.urgency}` as MessageKey)}</span>
      <span className="picker__code">{incident.code}</span>
      <span className={`status status--${incident.status}`}>{t(`status.${incident.status}` as MessageKey)}</span>
      <span className="picker__title">{incident.title}</span>
      <span className="picker__kind">{incident.address}</span>
    </li>
  )
}
