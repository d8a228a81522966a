// One case in the queue: urgency, code, status, category, title, address, deadline countdown,
// who claimed it, and whether a command for it is waiting or failed.
import type { IncidentSummary, OutboxEntry } from '../../../src-shared/api'
import type { Category } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import { clockOf } from '../../state/selectors'
import { formatAgo, formatCountdown } from '../format'
import { categoryName } from '../hooks'
import { claimIsMine } from '../../../src-shared/domain/claim-identity'

export type QueueRowProps = {
  incident: IncidentSummary
  /**
   * The case as shown when this seat has commands pending on it (the optimistic view, issue 16), or
   * null: the row then says 已立案（待发送） as the detail does, not the hub's 待受理 beside a 待发送 mark.
   */
  shown?: IncidentSummary | null
  top: number
  height: number
  selected: boolean
  pending: readonly OutboxEntry[] | undefined
  consoleId: string | null
  userId: string | null
  categories: ReadonlyMap<string, Category>
  hubNowMs: number
  onSelect: (id: string) => void
}

const PENDING_RANK: Record<OutboxEntry['state'], number> = { conflict: 3, failed: 2, sending: 1, queued: 0 }

/** The state to show when several commands wait on one case: the one that needs the person most. */
export function worstPending(entries: readonly OutboxEntry[] | undefined): OutboxEntry['state'] | null {
  let worst: OutboxEntry['state'] | null = null
  for (const e of entries ?? []) if (worst === null || PENDING_RANK[e.state] > PENDING_RANK[worst]) worst = e.state
  return worst
}

export function QueueRow({ incident: hubCase, shown = null, top, height, selected, pending, consoleId, userId, categories, hubNowMs, onSelect }: QueueRowProps) {
  const optimistic = shown !== null
  const incident = shown ?? hubCase
  const clock = clockOf(incident, hubNowMs)
  const left = clock.leftMs
  const pendingState = worstPending(pending)
  const claim = incident.claimedBy
  // Before dispatch there is no deadline yet: show how long the case has waited instead. Once the
  // unit reports it done (待核查) the clock stops: say so rather than count on.
  const deadline =
    clock.state === 'stopped' ? t('clock.stopped') : left === null ? formatAgo(Math.max(0, hubNowMs - Date.parse(incident.reportedAt))) : formatCountdown(left)
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid="queue-row"
      data-id={incident.id}
      className={`queue-row queue-row--${incident.urgency}${selected ? ' queue-row--selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(incident.id)}
    >
      <div className="queue-row__line">
        <span className={`badge badge--${incident.urgency}`}>{t(`urgency.${incident.urgency}`)}</span>
        <span className="queue-row__code">{incident.code}</span>
        <span className={`status status--${incident.status}${optimistic ? ' status--pending' : ''}`}>
          {optimistic ? t('optimistic.status', { status: t(`status.${incident.status}`) }) : t(`status.${incident.status}`)}
        </span>
        <span
          className={`queue-row__deadline${clock.state === 'overdue' ? ' queue-row__deadline--overdue' : ''}`}
          data-time-state={clock.state}
          title={incident.pausedAt !== null ? t('queue.paused') : undefined}
        >
          {deadline}
        </span>
      </div>
      <div className="queue-row__line queue-row__line--second">
        {/* The category leads the second line, whole; the title and address give way (ellipsis). */}
        <span className="queue-row__category">{categoryName(categories, incident.categoryCode)}</span>
        <span className="queue-row__title">{incident.title}</span>
        <span className="queue-row__address">{incident.address}</span>
        {claim ? (
          <span className={`claim${claimIsMine(claim, consoleId, userId) ? ' claim--mine' : ''}`}>
            {claimIsMine(claim, consoleId, userId) ? t('queue.claimedByMe') : t('queue.claimedBy', { name: claim.name })}
          </span>
        ) : null}
        {pendingState ? (
          <span
            className={`pending pending--${pendingState}`}
            data-testid="pending-marker"
            title={pendingState === 'failed' || pendingState === 'conflict' ? t('outbox.whatToDo') : undefined}
          >
            {t(`pending.${pendingState}`)}
          </span>
        ) : null}
      </div>
    </div>
  )
}
