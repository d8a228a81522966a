// 交班: the lead hands over every open case of their streets. The note field belongs to the highlighted
// case: ↑/↓ move, type the note, Enter goes to the next case (after the last, to the summary). Tab reaches
// the summary (Enter there submits), the recipient and the order; Ctrl+Enter submits from anywhere.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { hubNow } from '../../state/selectors'
import { useConsoleContext } from '../console-context'
import { formatCountdown, formatDateTime } from '../format'
import { useNow } from '../hooks'
import { screenOffsetMinutes } from '../panels/deadline-field'
import { useUi } from '../ui-store'
import {
  groupCounts,
  handoverRefusals,
  handoverRequests,
  ownShiftHandover,
  handoverRows,
  leadRecipients,
  shiftOf,
  type HandoverGroup,
  type HandoverRow,
  type HandoverSort
} from './handover-model'
import { VirtualRows } from './VirtualRows'
import { isComposing } from '../../keyboard/composition'

const ROW_HEIGHT = 36
const LIST_HEIGHT = 324
const PAGE = 10

type DisplayRow = { kind: 'head'; group: HandoverGroup; n: number } | { kind: 'item'; index: number }

/** The rows as drawn: with a heading before each group when grouped. */
function displayRows(rows: readonly HandoverRow[], sort: HandoverSort): { display: DisplayRow[]; at: number[] } {
  const display: DisplayRow[] = []
  const at: number[] = []
  const counts = groupCounts(rows)
  rows.forEach((row, index) => {
    if (sort === 'group' && (index === 0 || rows[index - 1]?.group !== row.group)) {
      display.push({ kind: 'head', group: row.group, n: counts[row.group] })
    }
    at.push(display.length)
    display.push({ kind: 'item', index })
  })
  return { display, at }
}

export function HandoverSubmit() {
  const { controller } = useConsoleContext()
  const busy = useUi((s) => s.busy)
  const incidents = useConsole((s) => s.incidents)
  const version = useConsole((s) => s.incidentsVersion)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  const me = useConsole((s) => s.status?.user?.id ?? null)
  const consoles = useConsole((s) => s.presence.consoles)
  const handovers = useConsole((s) => s.handovers)
  const outbox = useConsole((s) => s.outbox)
  // Overdue is judged to the minute: a once-a-minute tick keeps sorting off the keystroke path.
  const minute = Math.floor(useNow(60_000) / 60_000)
  const [sort, setSort] = useState<HandoverSort>('group')
  const [active, setActive] = useState(0)
  const [summary, setSummary] = useState('')
  const [toUserId, setToUserId] = useState<string | null>(null)
  const [error, setError] = useState<MessageKey | null>(null)
  const notes = useRef(new Map<string, string>())
  const [, setNotesVersion] = useState(0)
  /** Cases already in a handover this panel sent (when a later street's part failed): not sent twice. */
  const [handedOver, setHandedOver] = useState<ReadonlySet<string>>(new Set())
  const summaryField = useRef<HTMLTextAreaElement>(null)

  const rows = useMemo(
    () => handoverRows(incidents.values(), hubNow(skew), sort).filter((r) => !handedOver.has(r.incident.id)),
    // The incidents Map is mutated in place; its version (and the minute) say when to rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incidents, version, sort, minute, skew, handedOver]
  )
  const { display, at } = useMemo(() => displayRows(rows, sort), [rows, sort])
  const counts = useMemo(() => groupCounts(rows), [rows])
  const recipients = useMemo(() => leadRecipients(consoles, me), [consoles, me])
  const shift = shiftOf(hubNow(skew), screenOffsetMinutes())
  const streets = useMemo(() => new Set(rows.map((r) => r.incident.gridCode.slice(0, 9))).size, [rows])
  // 已交班 / 已接班: this shift's own handover, and the hub's reason when it refused one.
  const own = useMemo(() => ownShiftHandover(handovers.values(), shift.id, me), [handovers, shift.id, me])
  const refusal = useMemo(() => handoverRefusals(outbox)[0] ?? null, [outbox])
  const current = rows[Math.min(active, rows.length - 1)]
  const activeIndex = rows.length === 0 ? -1 : Math.min(active, rows.length - 1)

  const moveTo = (index: number): void => setActive(Math.max(0, Math.min(rows.length - 1, index)))

  const submit = (): void => {
    if (busy) return
    if (own !== null) {
      setError('handover.alreadyHandedOver')
      return
    }
    const built = handoverRequests(rows, { shiftId: shift.id, summary, toUserId, notes: notes.current })
    if (!built.ok) {
      useUi.setState({ panelError: null })
      setError(built.error)
      summaryField.current?.focus()
      return
    }
    setError(null)
    void controller.submitAll(built.requests, (request) => {
      const items = (request.payload.items ?? []) as { incidentId: string }[]
      setHandedOver((prev) => new Set([...prev, ...items.map((i) => i.incidentId)]))
    })
  }

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      submit()
    }
  }

  const onNoteKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (isComposing(event)) return
    if (event.ctrlKey || event.metaKey || event.altKey) return
    const by = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE, PageUp: -PAGE }[event.key]
    if (by !== undefined) {
      event.preventDefault()
      return moveTo(activeIndex + by)
    }
    if (event.key !== 'Enter') return
    event.preventDefault()
    if (activeIndex >= rows.length - 1) summaryField.current?.focus()
    else moveTo(activeIndex + 1)
  }

  const onSendKeyDown = (event: KeyboardEvent<HTMLTextAreaElement | HTMLSelectElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.metaKey) return
    event.preventDefault()
    submit()
  }

  return (
    <div className="handover" onKeyDown={onPanelKeyDown}>
      <div className="handover__meta">
        <span data-testid="handover-shift">
          {t('handover.shift', { date: shift.date, name: t(`shift.${shift.index}`), id: shift.id })}
        </span>
        <span data-testid="handover-count">{t('handover.openCount', { n: rows.length })}</span>
        {(['overdue', 'urgent', 'important', 'normal'] as const).map((g) =>
          counts[g] > 0 ? (
            <span key={g} className={`handover__tally handover__tally--${g}`}>
              {t(`handover.group.${g}`)} {counts[g]}
            </span>
          ) : null
        )}
        {streets > 1 ? <span className="handover__note">{t('handover.byStreet', { n: streets })}</span> : null}
      </div>
      {own !== null ? (
        <p className={`handover__state handover__state--${own.state}`} data-testid="handover-state" role="status">
          {own.state === 'acknowledged'
            ? t('handover.stateAcknowledged', { name: own.to?.name ?? '', at: formatDateTime(own.acknowledgedAt ?? own.submittedAt) })
            : t('handover.stateSubmitted', { at: formatDateTime(own.submittedAt) })}
        </p>
      ) : null}
      {refusal !== null ? (
        <p className="modal__error" role="alert" data-testid="handover-refused">
          {t('handover.refused', { code: refusal.code, reason: refusal.reason })}
        </p>
      ) : null}
      <label className="field handover__note-field">
        <span>{current ? t('handover.noteFor', { code: current.incident.code }) : t('handover.noCases')}</span>
        <input
          autoFocus
          data-testid="handover-note"
          disabled={!current}
          value={current ? (notes.current.get(current.incident.id) ?? '') : ''}
          maxLength={2000}
          onChange={(e) => {
            if (!current) return
            notes.current.set(current.incident.id, e.target.value)
            setNotesVersion((v) => v + 1)
          }}
          onKeyDown={onNoteKeyDown}
        />
      </label>
      <VirtualRows
        count={display.length}
        rowHeight={ROW_HEIGHT}
        height={Math.min(LIST_HEIGHT, Math.max(ROW_HEIGHT * 2, display.length * ROW_HEIGHT))}
        activeIndex={activeIndex < 0 ? -1 : (at[activeIndex] ?? -1)}
        label={t('handover.listLabel')}
        renderRow={(i) => {
          const item = display[i]
          if (!item) return null
          if (item.kind === 'head') {
            return (
              <div className={`handover__head handover__head--${item.group}`}>
                {t(`handover.group.${item.group}`)} · {item.n}
              </div>
            )
          }
          const row = rows[item.index]
          return row ? (
            <SubmitRow row={row} active={item.index === activeIndex} note={notes.current.get(row.incident.id) ?? ''} onPick={() => moveTo(item.index)} />
          ) : null
        }}
      />
      <label className="field">
        <span>{t('handover.summary')}</span>
        <textarea
          ref={summaryField}
          data-testid="handover-summary"
          rows={2}
          value={summary}
          onChange={(e) => {
            setSummary(e.target.value)
            setError(null)
          }}
          onKeyDown={onSendKeyDown}
        />
      </label>
      <div className="handover__options">
        <label className="field">
          <span>{t('handover.to')}</span>
          <select
            data-testid="handover-to"
            value={toUserId ?? ''}
            onChange={(e) => setToUserId(e.target.value === '' ? null : e.target.value)}
            onKeyDown={onSendKeyDown}
          >
            <option value="">{t('handover.toAnyone')}</option>
            {recipients.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('handover.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value === 'deadline' ? 'deadline' : 'group')}>
            <option value="group">{t('handover.sortGroup')}</option>
            <option value="deadline">{t('handover.sortDeadline')}</option>
          </select>
        </label>
      </div>
      {error ? (
        <p className="modal__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  )
}

function SubmitRow({ row, active, note, onPick }: { row: HandoverRow; active: boolean; note: string; onPick: () => void }) {
  const { incident, leftMs } = row
  return (
    <div
      role="option"
      aria-selected={active}
      data-testid="handover-row"
      data-id={incident.id}
      className={`handover__row${active ? ' handover__row--active' : ''}`}
      onClick={onPick}
    >
      <span className={`badge badge--${incident.urgency}`}>{t(`urgency.${incident.urgency}`)}</span>
      <span className="handover__code">{incident.code}</span>
      <span className={`status status--${incident.status}`}>{t(`status.${incident.status}`)}</span>
      <span className={`handover__left${leftMs !== null && leftMs < 0 ? ' handover__left--overdue' : ''}`}>
        {leftMs === null ? '' : formatCountdown(leftMs)}
      </span>
      <span className="handover__title">{incident.title}</span>
      <span className="handover__row-note">{note}</span>
    </div>
  )
}
