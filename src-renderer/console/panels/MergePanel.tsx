// m: merge a duplicate into another case (合并). Type the target's code (the serial is enough); open
// cases that match are listed, ↑/↓ pick one; Enter merges into the exact code typed, else the highlighted.
import { useMemo, useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { caseByCode, checkMergeTarget, isMergeCandidate, matchCodes, type MergeCheck } from './case-lookup'
import { Modal } from './Modal'

const SHOWN = 8

/** What Enter merges into: the exact code typed (whatever its state, so a refusal can say why), else the highlighted match. */
export function resolveMergeTarget(
  source: Pick<IncidentSummary, 'id'>,
  incidents: Iterable<IncidentSummary>,
  typed: string,
  highlighted: IncidentSummary | null
): MergeCheck {
  return checkMergeTarget(source, caseByCode(incidents, typed) ?? highlighted, typed)
}

export function MergePanel({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const busy = useUi((s) => s.busy)
  const incidents = useConsole((s) => s.incidents)
  const version = useConsole((s) => s.incidentsVersion)
  const [query, setQuery] = useState('')
  const [highlight, setHighlight] = useState(0)
  const [error, setError] = useState<{ key: MessageKey; code?: string } | null>(null)
  const matches = useMemo(
    () => matchCodes(incidents.values(), query, SHOWN, (i) => isMergeCandidate(incident, i)),
    // incidents is one Map mutated in place: its version says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidents, version, query, incident.id]
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
    if (busy) return
    const check = resolveMergeTarget(incident, incidents.values(), query, matches[active] ?? null)
    if (!check.ok) return setError({ key: check.error, code: check.code })
    setError(null)
    void controller.submit(buildRequest('merge', incident, { intoIncidentId: check.target.id }))
  }

  return (
    <Modal
      title={t('merge.title', { code: incident.code })}
      hint={t('merge.hint')}
      error={error ? t(error.key, { code: error.code ?? '' }) : null}
      wide
    >
      <label className="field">
        <span>{t('merge.label')}</span>
        <input
          className="picker__filter"
          autoFocus
          value={query}
          placeholder={t('merge.placeholder')}
          onChange={(e) => {
            setQuery(e.target.value)
            setHighlight(0)
            setError(null)
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {query.trim() !== '' && matches.length === 0 ? <p className="detail__muted">{t('merge.noMatch')}</p> : null}
      <ul className="picker__list" role="listbox" tabIndex={-1} aria-label={t('merge.label')}>
        {matches.map((m, i) => (
          <CaseOption key={m.id} incident={m} active={i === active} />
        ))}
      </ul>
    </Modal>
  )
}

/** One case in a code-lookup list: code, status, title, address. */
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
