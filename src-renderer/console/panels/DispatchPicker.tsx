// d: the dispatch picker. Suggested units first with their reasons; typing filters; ↑/↓ move;
// Space adds or removes (up to 5); Enter dispatches the chosen units, or the highlighted one.
// Tab reaches the optional instructions and deadline below the list; Enter there dispatches too.
import { useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { hubNow } from '../../state/selectors'
import { useConsoleContext } from '../console-context'
import { useUi } from '../ui-store'
import { screenOffsetMinutes } from './deadline-field'
import {
  buildPickerRows,
  clampHighlight,
  dispatchRequest,
  extrasPayload,
  filterRows,
  initialPicker,
  NO_EXTRAS,
  pickerReducer,
  type DispatchExtras,
  type PickerRow
} from './dispatch-model'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'
import { OutsideListFields } from '../../grids/OutsideListFields'
import { EMPTY_OUTSIDE_FORM, outsideListNeed, outsideListPayload, type OutsideListForm } from '../../grids/outside-list-model'

export function DispatchPicker({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const units = useConsole((s) => s.units)
  const responsibilities = useConsole((s) => s.reference?.responsibilities)
  const busy = useUi((s) => s.busy)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const [state, act] = useReducer(pickerReducer, initialPicker)
  const [extras, setExtras] = useState<DispatchExtras>(NO_EXTRAS)
  const [extrasError, setExtrasError] = useState<MessageKey | null>(null)
  const { categoryCode, gridCode, location } = incident
  const rows = useMemo(
    () => buildPickerRows({ categoryCode, gridCode, location }, units.values(), responsibilities ?? []),
    [categoryCode, gridCode, location, units, responsibilities]
  )
  const filtered = useMemo(() => filterRows(rows, state.query), [rows, state.query])
  const highlight = clampHighlight(state, filtered.length)
  const highlighted = useRef<HTMLLIElement>(null)
  // Issue 14 (rev 1.7): a matter outside the 权责清单 for a chosen grid worker or committee needs a reason.
  const reference = useConsole((s) => s.reference)
  const [outside, setOutside] = useState<OutsideListForm>(EMPTY_OUTSIDE_FORM)
  const highlightedId = filtered[highlight]?.unit.id
  const targetIds = state.chosen.length > 0 ? state.chosen : highlightedId !== undefined ? [highlightedId] : []
  const outsideNeed = outsideListNeed(reference, units, categoryCode, targetIds)

  useEffect(() => {
    // jsdom has no scrollIntoView; real browsers do.
    highlighted.current?.scrollIntoView?.({ block: 'nearest' })
  }, [highlight])

  const send = (): void => {
    if (busy) return
    const fields = extrasPayload(extras, hubNow(skew), screenOffsetMinutes())
    if (!fields.ok) return setExtrasError(fields.error)
    const outsideFields = outsideListPayload(outsideNeed, outside, t('outside.orderedByDefault'))
    if (!outsideFields.ok) return setExtrasError(outsideFields.error)
    const request = dispatchRequest(state, filtered, incident, { ...fields.fields, ...outsideFields.fields })
    if (request) void controller.submit(request)
  }

  const onExtrasKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter') return
    event.preventDefault()
    send()
  }

  const editExtras = (patch: Partial<DispatchExtras>): void => {
    setExtras((e) => ({ ...e, ...patch }))
    setExtrasError(null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      act({ type: 'move', by: event.key === 'ArrowDown' ? 1 : -1, rowCount: filtered.length })
    } else if (event.key === ' ') {
      event.preventDefault()
      act({ type: 'toggle', rows: filtered })
    } else if (event.key === 'Enter') {
      event.preventDefault()
      send()
    }
  }

  const chosenNames = state.chosen.map((id) => units.get(id)?.name ?? id)
  return (
    <Modal
      title={t('dispatch.title', { code: incident.code })}
      hint={t('dispatch.hint')}
      error={extrasError ? t(extrasError) : state.warning ? t(state.warning) : null}
      wide
    >
      <input
        className="picker__filter"
        autoFocus
        value={state.query}
        placeholder={t('dispatch.filter')}
        aria-label={t('dispatch.filter')}
        onChange={(e) => act({ type: 'query', query: e.target.value })}
        onKeyDown={onKeyDown}
      />
      <div className="picker__chosen" data-testid="picker-chosen">
        {t('dispatch.selected', { n: state.chosen.length })}
        {chosenNames.length > 0 ? ` · ${chosenNames.join(t('detail.listSeparator'))}` : ''}
      </div>
      {filtered.length === 0 ? <p className="detail__muted">{t('dispatch.none')}</p> : null}
      <ul className="picker__list" role="listbox" tabIndex={0} aria-label={t('dispatch.title', { code: incident.code })}>
        {filtered.map((row, i) => (
          <PickerItem
            key={row.unit.id}
            row={row}
            heading={i === 0 || filtered[i - 1]?.suggested !== row.suggested}
            active={i === highlight}
            chosen={state.chosen.includes(row.unit.id)}
            itemRef={i === highlight ? highlighted : undefined}
          />
        ))}
      </ul>
      {outsideNeed ? (
        <OutsideListFields
          need={outsideNeed}
          categoryName={reference?.categories.find((c) => c.code === categoryCode)?.name ?? categoryCode}
          value={outside}
          onChange={(patch) => {
            setOutside((o) => ({ ...o, ...patch }))
            setExtrasError(null)
          }}
          onKeyDown={onExtrasKeyDown}
        />
      ) : null}
      <div className="picker__extras">
        <label className="field picker__instructions">
          <span>{t('dispatch.instructions')}</span>
          <input
            data-testid="dispatch-instructions"
            value={extras.instructions}
            maxLength={2000}
            onChange={(e) => editExtras({ instructions: e.target.value })}
            onKeyDown={onExtrasKeyDown}
          />
        </label>
        <label className="field picker__deadline">
          <span>{t('dispatch.deadline')}</span>
          <input
            className="field__input--mono"
            data-testid="dispatch-deadline"
            value={extras.deadline}
            placeholder={t('dispatch.deadlineDefault')}
            onChange={(e) => editExtras({ deadline: e.target.value })}
            onKeyDown={onExtrasKeyDown}
          />
        </label>
      </div>
    </Modal>
  )
}

type PickerItemProps = {
  row: PickerRow
  heading: boolean
  active: boolean
  chosen: boolean
  itemRef: RefObject<HTMLLIElement | null> | undefined
}

function PickerItem({ row, heading, active, chosen, itemRef }: PickerItemProps) {
  const { unit } = row
  return (
    <>
      {heading ? (
        <li className="picker__heading" role="presentation">
          {row.suggested ? t('dispatch.suggested') : t('dispatch.others')}
        </li>
      ) : null}
      <li
        ref={itemRef}
        role="option"
        aria-selected={active}
        data-testid="picker-row"
        data-unit-id={unit.id}
        className={`picker__row${active ? ' picker__row--active' : ''}${chosen ? ' picker__row--chosen' : ''}`}
      >
        <span className="picker__check" aria-hidden="true">
          {chosen ? '✓' : ''}
        </span>
        <span className="picker__name">{unit.name}</span>
        <span className="picker__kind">{t(`unitKind.${unit.kind}`)}</span>
        <span className={`unit-status unit-status--${unit.status}`}>{t(`unitStatus.${unit.status}`)}</span>
        <span className="picker__load">{t('dispatch.openCount', { n: unit.openCount })}</span>
        {row.distanceM !== null ? (
          <span className="picker__distance">{t('dispatch.distance', { km: (row.distanceM / 1000).toFixed(1) })}</span>
        ) : null}
        <span className="picker__reasons">
          {row.reasons.map((r) => (
            <span key={r} className="chip">
              {t(`suggest.${r}`)}
            </span>
          ))}
        </span>
        {chosen ? <span className="sr-only">{t('dispatch.added')}</span> : null}
      </li>
    </>
  )
}
