// 接班: the handovers waiting for this lead. Each item shows the case, its status at handover and now,
// and the note. ↑/↓ move, Space marks an item, a marks all (again: none), Enter acknowledges the marked
// ones; ←/→ switch between handovers when several wait.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Handover } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import type { MessageKey } from '../../i18n/messages'
import { useConsole } from '../../state/console-store'
import { useConsoleContext } from '../console-context'
import { centreOffsetMinutes, formatDateTime } from '../format'
import { useUi } from '../ui-store'
import { acknowledgeRequest } from './handover-model'
import { VirtualRows } from './VirtualRows'
import { ShiftReport } from '../../print/ShiftReport'
import { isComposing } from '../../keyboard/composition'
import { printReportVia } from '../../print/print-path'

const ROW_HEIGHT = 36
const LIST_HEIGHT = 324

export function HandoverIncoming({ waiting, onSwitch }: { waiting: readonly Handover[]; onSwitch: () => void }) {
  const [which, setWhich] = useState(0)
  const handover = waiting[Math.min(which, waiting.length - 1)]
  if (!handover) {
    return (
      <div className="handover" tabIndex={-1}>
        <p className="modal__body" data-testid="handover-none">
          {t('handover.noneWaiting')}
        </p>
      </div>
    )
  }
  return (
    <IncomingOne
      key={handover.id}
      handover={handover}
      position={{ at: Math.min(which, waiting.length - 1), of: waiting.length }}
      onStep={(by) => setWhich((w) => Math.max(0, Math.min(waiting.length - 1, w + by)))}
      onSwitch={onSwitch}
    />
  )
}

type IncomingOneProps = {
  handover: Handover
  position: { at: number; of: number }
  onStep: (by: 1 | -1) => void
  onSwitch: () => void
}

function IncomingOne({ handover, position, onStep, onSwitch }: IncomingOneProps) {
  const { api, controller } = useConsoleContext()
  const [printError, setPrintError] = useState<string | null>(null)
  const busy = useUi((s) => s.busy)
  const incidents = useConsole((s) => s.incidents)
  useConsole((s) => s.incidentsVersion)
  const [active, setActive] = useState(0)
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<MessageKey | null>(null)
  const open = useMemo(() => handover.items.filter((i) => !i.acknowledged), [handover])
  const items = handover.items
  const activeIndex = items.length === 0 ? -1 : Math.min(active, items.length - 1)
  const root = useRef<HTMLDivElement>(null)
  // The keys act on this view: take the focus when it opens (and when another handover is shown).
  useEffect(() => root.current?.focus(), [])

  const toggle = (id: string): void => {
    setMarked((prev) => {
      const next = new Set(prev)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
    setError(null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.ctrlKey || event.altKey || event.metaKey) return
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    const by = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[key]
    if (by !== undefined) {
      setActive(Math.max(0, Math.min(items.length - 1, activeIndex + by)))
    } else if (key === ' ') {
      const item = items[activeIndex]
      if (item && !item.acknowledged) toggle(item.id)
    } else if (key === 'a') {
      setMarked((prev) => (prev.size === open.length ? new Set() : new Set(open.map((i) => i.id))))
      setError(null)
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      onStep(key === 'ArrowLeft' ? -1 : 1)
    } else if (key === 'g') {
      onSwitch()
    } else if (key === 'r') {
      // Print the 交接班记录 (before acknowledging too): the report is always mounted, print shows only it.
      // Shift+R saves it as a PDF (Electron); both go the 日报's way (the browser's print in browser mode).
      const day = new Date(Date.parse(handover.submittedAt) + centreOffsetMinutes() * 60_000).toISOString().slice(0, 10)
      void printReportVia(api, { kind: 'shift', action: event.shiftKey ? 'pdf' : 'print', day }).then((outcome) => {
        if (outcome.status === 'failed') setPrintError(outcome.message)
      })
    } else if (key === 'Enter') {
      if (busy) return
      const built = acknowledgeRequest(handover, [...marked])
      if (!built.ok) {
        useUi.setState({ panelError: null })
        setError(built.error)
      } else {
        setError(null)
        void controller.submit(built.request)
      }
    } else return
    event.preventDefault()
  }

  return (
    <div className="handover" onKeyDown={onKeyDown} tabIndex={-1} data-testid="handover-incoming" ref={root}>
      <ShiftReport handover={handover} />
      <div className="handover__meta">
        <span>
          {t('handover.from', { name: handover.from.name, at: formatDateTime(handover.submittedAt), shift: handover.shiftId })}
        </span>
        {position.of > 1 ? <span>{t('handover.position', { at: position.at + 1, of: position.of })}</span> : null}
        {handover.streetCodes && handover.streetCodes.length > 1 ? (
          <span>{t('handover.streets', { streets: handover.streetCodes.join('、') })}</span>
        ) : null}
        <span data-testid="handover-marked">{t('handover.marked', { n: marked.size, of: open.length })}</span>
      </div>
      {handover.summary ? <p className="handover__summary">{handover.summary}</p> : null}
      <VirtualRows
        count={items.length}
        rowHeight={ROW_HEIGHT}
        height={Math.min(LIST_HEIGHT, Math.max(ROW_HEIGHT * 2, items.length * ROW_HEIGHT))}
        activeIndex={activeIndex}
        label={t('handover.listLabel')}
        renderRow={(i) => {
          const item = items[i]
          if (!item) return null
          const now = incidents.get(item.incidentId)
          return (
            <div
              role="option"
              aria-selected={i === activeIndex}
              data-testid="incoming-row"
              data-item-id={item.id}
              className={`handover__row${i === activeIndex ? ' handover__row--active' : ''}${item.acknowledged ? ' handover__row--done' : ''}`}
              onClick={() => {
                setActive(i)
                if (!item.acknowledged) toggle(item.id)
              }}
            >
              <span className="handover__check" aria-hidden="true">
                {item.acknowledged ? '✓✓' : marked.has(item.id) ? '✓' : '○'}
              </span>
              {item.urgency ? <span className={`badge badge--${item.urgency}`}>{t(`urgency.${item.urgency}`)}</span> : null}
              <span className="handover__code">{now?.code ?? item.incidentId}</span>
              {item.overdue ? <span className="handover__left handover__left--overdue">{t('handover.overdueMark')}</span> : null}
              {item.deadlineAt !== undefined ? (
                <span className="detail__muted">
                  {item.deadlineAt === null ? t('handover.noDeadline') : t('handover.deadline', { at: formatDateTime(item.deadlineAt) })}
                </span>
              ) : null}
              <span className={`status status--${item.statusAtHandover}`}>{t(`status.${item.statusAtHandover}`)}</span>
              <span className="handover__arrow">→</span>
              {now ? (
                <span className={`status status--${now.status}`}>{t(`status.${now.status}`)}</span>
              ) : (
                <span className="detail__muted">{t('handover.caseGone')}</span>
              )}
              <span className="handover__title">{now?.title ?? ''}</span>
              <span className="handover__row-note">{item.note}</span>
              {item.acknowledged ? <span className="detail__muted">{t('handover.done')}</span> : null}
            </div>
          )
        }}
      />
      {error ? (
        <p className="modal__error" role="alert">
          {t(error)}
        </p>
      ) : null}
      {printError ? (
        <p className="modal__error" role="alert">
          {t('daily.printFailed', { detail: printError })}
        </p>
      ) : null}
    </div>
  )
}
