// The case's append-only record, newest first: when, who (and in which role), what, from → to, note.
import type { TimelineEntry } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import { isMessageKey } from '../../i18n/messages'
import { formatDateTime } from '../format'
import { issuedApart } from '../../../src-shared/domain'

/**
 * Timeline actions are command types (plus `report`): the record's own word for what happened when
 * it differs from the command's button name, else the command's name, else the raw action.
 */
export function actionLabel(action: string): string {
  for (const key of [`timeline.action.${action}`, `cmd.${action}`]) {
    if (isMessageKey(key)) return t(key)
  }
  return action
}

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (entries.length === 0) return <p className="detail__muted">{t('detail.noTimeline')}</p>
  const newestFirst = [...entries].reverse()
  return (
    <ol className="timeline">
      {newestFirst.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className="timeline__entry">
          <span className="timeline__at">{formatDateTime(entry.at)}</span>
          {issuedApart(entry) !== null ? (
            <span className="timeline__issued" data-testid="timeline-issued">
              {t('timeline.issued', { at: formatDateTime(issuedApart(entry) ?? entry.at) })}
            </span>
          ) : null}
          <span className="timeline__action">{actionLabel(entry.action)}</span>
          <span className="timeline__actor">
            {t('timeline.actor', { name: entry.actor.name, role: t(`role.${entry.actor.role}`) })}
          </span>
          {entry.from && entry.to && entry.from !== entry.to ? (
            <span className="timeline__transition">
              {t('timeline.transition', {
                from: t(`status.${entry.from}`),
                to: t(`status.${entry.to}`)
              })}
            </span>
          ) : null}
          {entry.note ? <span className="timeline__note">{entry.note}</span> : null}
        </li>
      ))}
    </ol>
  )
}
