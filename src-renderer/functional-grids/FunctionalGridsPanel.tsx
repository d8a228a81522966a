// Shift+F: the functional grids (功能性网格, protocol rev 1.8) of the console's streets — each with its
// state by the clock (the domain's functionalGridState: 计划中 / 生效中 / 已结束), period, team and grid
// count. A shift lead creates one (N) or ends one early with a reason (E), all by keyboard; any other
// seat sees the list read-only and why. Against a hub before rev 1.8 it says so and offers nothing.
import './functional-grids.css'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { functionalGridState } from '../../src-shared/domain'
import type { FunctionalGrid } from '../../src-shared/protocol'
import { useConsoleContext } from '../console/console-context'
import { formatDateTime } from '../console/format'
import { useNow } from '../console/hooks'
import { Modal } from '../console/panels/Modal'
import { useUi } from '../console/ui-store'
import { t } from '../i18n/i18n'
import type { MessageKey } from '../i18n/messages'
import { isComposing } from '../keyboard/composition'
import { useConsole } from '../state/console-store'
import { hubNow } from '../state/selectors'
import { FgCreateForm } from './FgCreateForm'
import { functionalGridGate, functionalGridRows, type FgRow } from './fg-model'

type View = { kind: 'list' } | { kind: 'create' } | { kind: 'end'; id: string }

export function FunctionalGridsPanel() {
  const status = useConsole((s) => s.status)
  const gate = functionalGridGate(status)
  const [view, setView] = useState<View>({ kind: 'list' })
  if (gate.kind === 'unavailable') {
    return (
      <Modal title={t('fg.title')} hint={t('help.close')} focusSelf>
        <p className="modal__body" data-testid="fg-unavailable" data-why={gate.why}>
          {t(gate.why === 'no_hub' ? 'fg.noHub' : 'fg.olderHub')}
        </p>
      </Modal>
    )
  }
  if (view.kind === 'create' && gate.mayEdit) return <FgCreateForm onBack={() => setView({ kind: 'list' })} />
  if (view.kind === 'end' && gate.mayEdit) return <FgEnd id={view.id} onBack={() => setView({ kind: 'list' })} />
  return <FgList mayEdit={gate.mayEdit} readOnlyWhy={gate.readOnlyWhy} onCreate={() => setView({ kind: 'create' })} onEnd={(id) => setView({ kind: 'end', id })} />
}

type ListProps = { mayEdit: boolean; readOnlyWhy: MessageKey | null; onCreate: () => void; onEnd: (id: string) => void }

function FgList({ mayEdit, readOnlyWhy, onCreate, onEnd }: ListProps) {
  const all = useConsole((s) => s.functionalGrids)
  const units = useConsole((s) => s.units)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  // States change by the clock alone (an end time passing): a tick re-asks the domain.
  const now = hubNow(skew, useNow(1000))
  const rows = useMemo(() => functionalGridRows(all.values(), now), [all, now])
  const [at, setAt] = useState(0)
  const list = useRef<HTMLTableElement>(null)
  // The list takes the keys (↑↓, N, E) from the start: focus it once it is there.
  useEffect(() => list.current?.focus(), [])
  const active = rows.length === 0 ? -1 : Math.min(at, rows.length - 1)
  const current = rows[active]

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (isComposing(event)) return
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setAt(Math.max(0, Math.min(rows.length - 1, active + (event.key === 'ArrowDown' ? 1 : -1))))
    } else if (mayEdit && (event.key === 'n' || event.key === 'N')) {
      event.preventDefault()
      onCreate()
    } else if (mayEdit && (event.key === 'e' || event.key === 'E') && current && current.state !== 'ended') {
      event.preventDefault()
      onEnd(current.fg.id)
    }
  }

  return (
    <Modal title={t('fg.title')} hint={t(mayEdit ? 'fg.listHint' : 'fg.listHintReadOnly')} wide>
      <div className="fg" data-testid="fg-panel">
        {readOnlyWhy !== null ? (
          <p className="fg__readonly" data-testid="fg-readonly">
            {t(readOnlyWhy)}
          </p>
        ) : null}
        <p className="fg__muted">{t('fg.count', { n: rows.length })}</p>
        {rows.length === 0 ? <p className="fg__muted">{t('fg.none')}</p> : null}
        <table ref={list} className="fg__table" data-testid="fg-list" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('fg.title')}>
          <thead>
            <tr>
              {(['name', 'state', 'period', 'team', 'grids'] as const).map((c) => (
                <th key={c}>{t(`fg.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <FgListRow key={row.fg.id} row={row} active={i === active} teamNames={row.fg.unitIds.map((id) => units.get(id)?.name ?? id)} />
            ))}
          </tbody>
        </table>
        {current ? <p className="fg__muted">{t('fg.purpose', { purpose: current.fg.purpose })}</p> : null}
        {mayEdit ? (
          <div className="fg__actions">
            <button type="button" data-testid="fg-new" onClick={onCreate}>
              {t('fg.newButton')}
            </button>
            <button type="button" data-testid="fg-end" disabled={!current || current.state === 'ended'} onClick={() => current && onEnd(current.fg.id)}>
              {t('fg.endButton')}
            </button>
          </div>
        ) : null}
      </div>
    </Modal>
  )
}

function FgListRow({ row, active, teamNames }: { row: FgRow; active: boolean; teamNames: string[] }) {
  const { fg, state } = row
  return (
    <tr className={`fg__row${active ? ' fg__row--active' : ''}`} data-testid="fg-row" data-id={fg.id} data-state={state} aria-selected={active}>
      <td>{fg.name}</td>
      <td>
        <span className={`chip fg__state fg__state--${state}`}>{t(`fg.state.${state}`)}</span>
      </td>
      <td>
        {t('fg.period', { from: formatDateTime(fg.fromAt), to: formatDateTime(fg.toAt) })}
        {fg.endedAt !== null ? <div className="fg__muted">{t('fg.endedEarly', { at: formatDateTime(fg.endedAt), reason: fg.endReason ?? '' })}</div> : null}
      </td>
      <td title={teamNames.join(t('detail.listSeparator'))}>
        {t('fg.teamCount', { n: fg.unitIds.length })} · {teamNames.slice(0, 3).join(t('detail.listSeparator'))}
        {teamNames.length > 3 ? '…' : ''}
      </td>
      <td>{t('fg.gridCount', { n: fg.gridCodes.length })}</td>
    </tr>
  )
}

/** E: end a functional grid early, with the reason the hub records. */
function FgEnd({ id, onBack }: { id: string; onBack: () => void }) {
  const { controller } = useConsoleContext()
  const fg: FunctionalGrid | undefined = useConsole((s) => s.functionalGrids.get(id))
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const busy = useUi((s) => s.busy)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<MessageKey | null>(null)
  const field = useRef<HTMLInputElement>(null)
  if (!fg) return null

  const send = (): void => {
    if (busy) return
    if (functionalGridState(fg, hubNow(skew)) === 'ended') return setError('fg.end.already')
    const text = reason.trim()
    if (text === '') {
      setError('fg.end.missing')
      field.current?.focus()
      return
    }
    setError(null)
    void controller.submit({ type: 'functionalGrid.end', functionalGridId: fg.id, payload: { reason: text } })
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter') return
    event.preventDefault()
    send()
  }

  return (
    <Modal title={t('fg.end.title', { name: fg.name })} hint={t('fg.end.hint')} error={error ? t(error) : null}>
      <label className="field">
        <span>{t('fg.end.reason')}</span>
        <input
          ref={field}
          autoFocus
          data-testid="fg-end-reason"
          value={reason}
          maxLength={2000}
          onChange={(e) => {
            setReason(e.target.value)
            setError(null)
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <div className="fg__actions">
        <button type="button" onClick={onBack}>
          {t('fg.form.back')}
        </button>
      </div>
    </Modal>
  )
}
