// m: merge a duplicate into another case (合并). Type the target's code (the serial is enough); open
// cases that match are listed, ↑/↓ pick one; Enter merges into the exact code typed, else the highlighted.
import { useState, type KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { buildRequest } from '../commands'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { caseByCode, checkMergeTarget, isMergeCandidate, type MergeCheck } from './case-lookup'
import { CaseOption, useCasePicker } from './case-picker'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

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
  const { query, setQuery, matches, active, moveOnArrow, incidents } = useCasePicker(
    SHOWN,
    (i) => isMergeCandidate(incident, i),
    incident.id
  )
  const [error, setError] = useState<{ key: MessageKey; code?: string } | null>(null)

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (moveOnArrow(event) || event.key !== 'Enter') return
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
            setError(null)
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      {query.trim() !== '' && matches.length === 0 ? <p className="detail__muted">{t('merge.noMatch')}</p> : null}
      <ul className="picker__list" role="listbox" tabIndex={0} aria-label={t('merge.label')}>
        {matches.map((m, i) => (
          <CaseOption key={m.id} incident={m} active={i === active} />
        ))}
      </ul>
    </Modal>
  )
}
