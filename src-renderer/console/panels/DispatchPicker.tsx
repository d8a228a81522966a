// d: the dispatch picker. Suggested units first with their reasons, then the case's street, then
// the other streets by street, marked; typing filters (Chinese, pinyin, initials); ↑/↓ move;
// Space adds or removes (up to 5; the first is 主办, the rest 协办); Enter dispatches the chosen
// units, or the highlighted one. Another street's unit asks for the same key again first.
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
  caseStreet,
  clampHighlight,
  dispatchRequest,
  extrasPayload,
  filterRows,
  initialPicker,
  NO_EXTRAS,
  pickerReducer,
  roleOf,
  startsGroup,
  unconfirmedTarget,
  type DispatchExtras,
  type PickerRow
} from './dispatch-model'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'
import { OutsideListFields } from '../../grids/OutsideListFields'
import { EMPTY_OUTSIDE_FORM, outsideListNeed, outsideListPayload, type OutsideListForm } from '../../grids/outside-list-model'
import './picker.css'

export function DispatchPicker({ incident }: { incident: IncidentSummary }) {
  const { controller } = useConsoleContext()
  const units = useConsole((s) => s.units)
  const responsibilities = useConsole((s) => s.reference?.responsibilities)
  const streets = useConsole((s) => s.reference?.streets)
  const busy = useUi((s) => s.busy)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  // Rev 1.8: inside an active functional grid its team comes first (judged when the picker opens).
  const functionalGrids = useConsole((s) => s.functionalGrids)
  const [openedAt] = useState(() => hubNow(skew))
  const [state, act] = useReducer(pickerReducer, initialPicker)
  const [extras, setExtras] = useState<DispatchExtras>(NO_EXTRAS)
  const [extrasError, setExtrasError] = useState<MessageKey | null>(null)
  const { categoryCode, gridCode, location } = incident
  const streetNames = useMemo(() => new Map((streets ?? []).map((st) => [st.code, st.name])), [streets])
  const streetName = useMemo(() => (code: string): string => streetNames.get(code) ?? t('dispatch.streetUnknown', { code }), [streetNames])
  const rows = useMemo(
    () =>
      buildPickerRows({ categoryCode, gridCode, location }, units.values(), responsibilities ?? [], [...streetNames.keys()], [...functionalGrids.values()], openedAt),
    [categoryCode, gridCode, location, units, responsibilities, streetNames, functionalGrids, openedAt]
  )
  const filtered = useMemo(() => filterRows(rows, state.query, streetName), [rows, state.query, streetName])
  const highlight = clampHighlight(state, filtered.length)
  const highlighted = useRef<HTMLLIElement>(null)
  // Issue 14 (rev 1.6): a matter outside the 权责清单 for a chosen grid worker or committee needs a reason.
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
    const unconfirmed = unconfirmedTarget(state, filtered)
    if (unconfirmed !== null && state.crossPending !== unconfirmed) return act({ type: 'confirmCross', unitId: unconfirmed })
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
  const pendingUnit = state.crossPending === null ? undefined : units.get(state.crossPending)
  // The key that confirms: Space when the dispatcher was adding, Enter when sending the highlighted unit.
  const confirmKey = state.chosen.length === 0 && unconfirmedTarget(state, filtered) === state.crossPending ? 'Enter' : t('dispatch.key.space')
  const crossWarning =
    pendingUnit && pendingUnit.streetCode !== null
      ? t('dispatch.crossConfirm', { unit: pendingUnit.name, street: streetName(pendingUnit.streetCode), home: streetName(caseStreet(incident)), key: confirmKey })
      : null
  return (
    <Modal
      title={t('dispatch.title', { code: incident.code })}
      hint={t('dispatch.hint')}
      error={extrasError ? t(extrasError) : state.warning ? t(state.warning) : crossWarning}
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
        {chosenNames.length > 0 ? ` · ${t('dispatch.roles', { lead: chosenNames[0] ?? '' })}` : ''}
        {chosenNames.length > 1 ? ` · ${t('dispatch.rolesAssist', { assist: chosenNames.slice(1).join(t('detail.listSeparator')) })}` : ''}
      </div>
      {filtered.length === 0 ? <p className="detail__muted">{t('dispatch.none')}</p> : null}
      <ul className="picker__list" role="listbox" tabIndex={0} aria-label={t('dispatch.title', { code: incident.code })}>
        {filtered.map((row, i) => (
          <PickerItem
            key={row.unit.id}
            row={row}
            heading={startsGroup(filtered, i) ? groupHeading(row, streetName) : null}
            active={i === highlight}
            role={roleOf(state.chosen, row.unit.id)}
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

/** The heading above a group: 功能性网格“…”队伍, 推荐, 本街道 · 东华门街道, 其他街道 · 安定门街道. */
function groupHeading(row: PickerRow, streetName: (code: string) => string): string {
  if (row.group === 'team') return t('fg.pickerGroup', { name: row.functionalGrid ?? '' })
  if (row.group === 'suggested') return t('dispatch.suggested')
  const street = row.unit.streetCode === null ? '' : streetName(row.unit.streetCode)
  return row.group === 'street' ? (street === '' ? t('dispatch.others') : t('dispatch.group.street', { street })) : t('dispatch.group.other', { street })
}

type PickerItemProps = {
  row: PickerRow
  heading: string | null
  active: boolean
  /** 主办 (the first chosen), 协办 (the others), or not chosen. */
  role: 'lead' | 'assist' | null
  itemRef: RefObject<HTMLLIElement | null> | undefined
}

function PickerItem({ row, heading, active, role, itemRef }: PickerItemProps) {
  const { unit } = row
  const chosen = role !== null
  return (
    <>
      {heading !== null ? (
        <li className={`picker__heading${row.group === 'other' ? ' picker__heading--other' : ''}`} role="presentation">
          {heading}
        </li>
      ) : null}
      <li
        ref={itemRef}
        role="option"
        aria-selected={active}
        data-testid="picker-row"
        data-unit-id={unit.id}
        data-cross-street={row.crossStreet ? 'true' : undefined}
        data-team={row.functionalGrid !== null ? 'true' : undefined}
        className={`picker__row${active ? ' picker__row--active' : ''}${chosen ? ' picker__row--chosen' : ''}`}
      >
        <span className="picker__check" aria-hidden="true">
          {chosen ? '✓' : ''}
        </span>
        {role !== null ? (
          <span className={`chip picker__role picker__role--${role}`} data-testid="picker-role">
            {t(role === 'lead' ? 'dispatch.role.lead' : 'dispatch.role.assist')}
          </span>
        ) : null}
        <span className="picker__name">{unit.name}</span>
        {row.crossStreet ? <span className="chip picker__cross">{t('dispatch.cross')}</span> : null}
        {row.functionalGrid !== null ? (
          <span className="chip picker__team" data-testid="picker-team">
            {t('fg.pickerTeam', { name: row.functionalGrid })}
          </span>
        ) : null}
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
