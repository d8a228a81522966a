// The open-case queue, virtualised: only the rows in view (plus a few) are in the DOM, so 50,000
// cases scroll as smoothly as 50. Rows have one fixed height, which makes the window a division.
import { useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { selectProjectedCase } from '../../state/optimistic'
import { hubNow, selectPendingByIncident } from '../../state/selectors'
import { useCategoryIndex, useNow } from '../hooks'
import { QueueFilters } from './QueueFilters'
import { QueueRow } from './QueueRow'
import { FILTER_LABEL, selectFilterCounts, selectVisibleQueue, useQueueView } from './queue-view'
import { UrgentAlertLine, UrgentSoundToggle } from './UrgentAlertLine'
import { watchUrgent } from './urgent-alert'
import './queue.css'

export const ROW_HEIGHT = 76
const OVERSCAN = 6
/** Used until the list has been measured (and in test DOMs, which do no layout). */
const FALLBACK_HEIGHT = 800

/** First and last (exclusive) row index to render for a scroll position. */
export function visibleRange(scrollTop: number, viewport: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN)
  return [first, Math.max(first, last)]
}

/** The case as shown when pending commands were projected onto it (issue 16), else null. */
function shownCase(id: string): IncidentSummary | null {
  const projected = selectProjectedCase(useConsole.getState(), id)
  return projected !== null && projected.pending.length > 0 ? projected.summary : null
}

export function QueueList() {
  // Subscribed for re-rendering; the queue itself is read at hub time below (its order and the
  // overdue filter move with the clock, so it is not a plain store selector).
  useConsole((s) => s.incidentsVersion)
  const filter = useQueueView((s) => s.filter)
  const pending = useConsole(selectPendingByIncident)
  const selectedId = useConsole((s) => s.selectedId)
  const select = useConsole((s) => s.select)
  const consoleId = useConsole((s) => s.status?.consoleId ?? null)
  const userId = useConsole((s) => s.status?.user?.id ?? null)
  const skew = useConsole((s) => s.status?.clockSkewMs)
  // "My streets" counts follow the seat's scope.
  useConsole((s) => s.status?.scopeStreets)
  const categories = useCategoryIndex()
  const now = hubNow(skew, useNow(1000))
  const queue = selectVisibleQueue(useConsole.getState(), filter, now)
  const counts = selectFilterCounts(useConsole.getState(), now)

  useEffect(() => watchUrgent(), [])

  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [viewport, setViewport] = useState(FALLBACK_HEIGHT)

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || FALLBACK_HEIGHT))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // Bring the selected case into view when the selection moves (keys or the map), but not on every
  // delta: a dispatcher who scrolled away with the mouse must not be pulled back by new cases.
  const scrolledFor = useRef<string | null>(null)
  useEffect(() => {
    const el = scroller.current
    if (!el || selectedId === null || scrolledFor.current === selectedId) return
    const index = queue.findIndex((i) => i.id === selectedId)
    if (index === -1) return
    scrolledFor.current = selectedId
    const top = index * ROW_HEIGHT
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + ROW_HEIGHT > el.scrollTop + viewport) el.scrollTop = top + ROW_HEIGHT - viewport
    setScrollTop(el.scrollTop)
  }, [selectedId, queue, viewport])

  const [first, last] = visibleRange(scrollTop, viewport, queue.length)

  return (
    <section className="queue" aria-label={t('layout.queue')}>
      <div className="queue__head">
        <span className="queue__title">{t('queue.title')}</span>
        <span className="queue__count" data-testid="queue-count">
          {filter === 'all' ? t('queue.count', { n: queue.length }) : t('queue.filter.shown', { shown: queue.length, total: counts.all })}
        </span>
        <UrgentSoundToggle />
      </div>
      <QueueFilters counts={counts} active={filter} />
      <UrgentAlertLine />
      <div
        ref={scroller}
        className="queue__scroller"
        role="listbox"
        // Reachable by Tab so the list scrolls from the keyboard too (axe: scrollable-region-focusable).
        tabIndex={0}
        aria-label={t('queue.label')}
        onScroll={(e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop)}
      >
        {queue.length === 0 ? (
          <div className="queue__empty">{filter === 'all' ? t('queue.empty') : t('queue.filter.empty', { label: t(FILTER_LABEL[filter]) })}</div>
        ) : null}
        <div className="queue__spacer" style={{ height: queue.length * ROW_HEIGHT }}>
          {queue.slice(first, last).map((incident, i) => (
            <QueueRow
              key={incident.id}
              incident={incident}
              shown={pending.has(incident.id) ? shownCase(incident.id) : null}
              top={(first + i) * ROW_HEIGHT}
              height={ROW_HEIGHT}
              selected={incident.id === selectedId}
              pending={pending.get(incident.id)}
              consoleId={consoleId}
              userId={userId}
              categories={categories}
              hubNowMs={now}
              onSelect={select}
            />
          ))}
        </div>
      </div>
    </section>
  )
}
