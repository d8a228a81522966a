// The queue header's counts, each one a filter (the same as keys 1–5): 全部 · 待受理 · 超期 · 我认领的 · 本席位街道.
// Buttons, so Tab + Enter/Space reach them as well as the digit keys and the mouse.
import { QUEUE_FILTERS, type QueueFilter } from '../../../src-shared/domain/queue-order'
import { t } from '../../i18n/i18n'
import { COMMAND_REGISTRY, entryKeyLabels } from '../command-registry'
import { FILTER_LABEL, setQueueFilter } from './queue-view'

/** The key of each filter, read from the registry (one place for keys). */
function filterKey(filter: QueueFilter): string {
  const entry = COMMAND_REGISTRY.find((e) => e.action.type === 'queueFilter' && e.action.filter === filter)
  return entry ? (entryKeyLabels(entry)[0] ?? '') : ''
}

export function QueueFilters({ counts, active }: { counts: Record<QueueFilter, number>; active: QueueFilter }) {
  return (
    <div className="queue-filters" role="group" aria-label={t('queue.filter.group')}>
      {QUEUE_FILTERS.map((filter) => {
        const label = t(FILTER_LABEL[filter])
        const key = filterKey(filter)
        return (
          <button
            key={filter}
            type="button"
            data-testid={`queue-filter-${filter}`}
            className={`queue-filter queue-filter--${filter}${active === filter ? ' queue-filter--active' : ''}${filter === 'overdue' && counts.overdue > 0 ? ' queue-filter--alert' : ''}`}
            aria-pressed={active === filter}
            title={t('queue.filter.title', { key, label })}
            onClick={() => setQueueFilter(filter)}
          >
            <kbd>{key}</kbd>
            {t('queue.filter.count', { label, n: counts[filter] })}
          </button>
        )
      })}
    </div>
  )
}
