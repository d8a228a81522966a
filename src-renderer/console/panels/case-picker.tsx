// The code lookup both the find (/) and merge (m) panels use: the typed query, the cases whose code
// matches, the highlighted one (↑/↓), and the row that shows a case in the list.
import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { matchCodes } from './case-lookup'
import { isComposing } from '../../keyboard/composition'

export type CasePicker = {
  query: string
  /** Sets the query and puts the highlight back on the first match. */
  setQuery(query: string): void
  matches: IncidentSummary[]
  /** Index of the highlighted match, -1 when there is none. */
  active: number
  /**
   * Moves the highlight on ↑/↓; true when the key was one of them (and is handled). `count`: rows in the
   * list when it shows more than `matches` (the find panel's cases from the whole cache below them).
   */
  moveOnArrow(event: KeyboardEvent<HTMLInputElement>, count?: number): boolean
  /** The highlighted row in a list of `count` rows, -1 when it is empty. */
  activeIn(count: number): number
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
  const activeIn = (count: number): number => (count === 0 ? -1 : Math.min(highlight, count - 1))
  const active = activeIn(matches.length)
  return {
    query,
    setQuery(next) {
      setQueryState(next)
      setHighlight(0)
    },
    matches,
    active,
    moveOnArrow(event: KeyboardEvent<HTMLInputElement>, count = matches.length) {
      if (isComposing(event)) return false
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false
      event.preventDefault()
      setHighlight(Math.max(0, Math.min(count - 1, activeIn(count) + (event.key === 'ArrowDown' ? 1 : -1))))
      return true
    },
    activeIn,
    incidents
  }
}

/** One case in a code-lookup list: urgency, code, status, title, address. */
export function CaseOption({ incident, active, children }: { incident: IncidentSummary; active: boolean; children?: ReactNode }) {
  return (
    <li
      role="option"
      aria-selected={active}
      data-testid="case-option"
      data-id={incident.id}
      className={`picker__row${active ? ' picker__row--active' : ''}`}
    >
      <span className={`badge badge--${incident.urgency}`}>{t(`urgency.${incident.urgency}`)}</span>
      <span className="picker__code">{incident.code}</span>
      <span className={`status status--${incident.status}`}>{t(`status.${incident.status}`)}</span>
      <span className="picker__title">{incident.title}</span>
      <span className="picker__kind">{incident.address}</span>
      {children}
    </li>
  )
}
