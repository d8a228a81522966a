// Commands for this case still in the outbox: waiting ones as a quiet line, failed and conflicting
// ones as a clear error with the hub's current state and the two ways out (x discard, s re-issue).
import type { OutboxEntry } from '../../../src-shared/api'
import { t } from '../../i18n/i18n'
import { commandLabel, errorText } from '../commands'
import { useConsoleContext } from '../console-context'
import { formatClock, formatDateTime } from '../format'
import { conflictStory } from '../../../src-shared/domain'
import type { Command, Incident } from '../../../src-shared/protocol'
import { actionLabel } from './Timeline'

export function HeldCommands({ entries }: { entries: readonly OutboxEntry[] }) {
  const { controller } = useConsoleContext()
  if (entries.length === 0) return null
  return (
    <div className="held">
      {entries.map((entry) => {
        const cmd = commandLabel(entry.command.type)
        if (entry.state === 'queued' || entry.state === 'sending') {
          return (
            <div key={entry.command.commandId} className={`held__item held__item--${entry.state}`} data-testid="held-command">
              <span className={`pending pending--${entry.state}`}>{t(`pending.${entry.state}`)}</span>
              <span>{cmd}</span>
              {entry.attempts > 1 ? <span className="detail__muted">{t('outbox.attempts', { n: entry.attempts })}</span> : null}
            </div>
          )
        }
        const current = entry.current
        return (
          <div key={entry.command.commandId} className="held__item held__item--problem" role="alert" data-testid="held-problem">
            <div className="held__title">
              {entry.state === 'conflict' ? t('outbox.conflictTitle', { cmd }) : t('outbox.failedTitle', { cmd })}
            </div>
            {entry.error ? <div>{errorText(entry.error)}</div> : null}
            {current ? (
              <div>
                {t('outbox.conflictNow', {
                  status: t(`status.${current.status}`),
                  version: current.version,
                  at: formatDateTime(current.updatedAt)
                })}
              </div>
            ) : null}
            {/* With the case's story the next step is its own (discard, or send again); the generic
                either-or only where nothing says which. */}
            {current ? (
              <ConflictStoryLine current={current} command={entry.command} />
            ) : (
              <div className="held__what">{t('outbox.whatToDo')}</div>
            )}
            <div className="held__buttons">
              <button type="button" onClick={() => void controller.resolveOutbox(entry.command.commandId, 'discard')}>
                <kbd>x</kbd> {t('outbox.discard')}
              </button>
              <button type="button" onClick={() => void controller.resolveOutbox(entry.command.commandId, 'retry')}>
                <kbd>s</kbd> {t('outbox.retry')}
              </button>
            </div>
          </div>
        )
      })}
    </div>
  )
}

/**
 * Who got there first (issue 16): "值班调度（模拟） 14:05 已派遣", read from the case's timeline by the
 * domain (conflict-story.ts), and the sensible next step (send again, or drop it).
 */
export function ConflictStoryLine({ current, command }: { current: Incident; command: Command }) {
  const story = conflictStory(current, command)
  const by = story.by
  return (
    <div className="held__story" data-testid="conflict-story">
      <div>
        <span className="detail__muted">{t('conflict.heading')}：</span>
        {by === null
          ? t('conflict.unknown')
          : t('conflict.by', {
              name: by.actor.name,
              at: formatClock(Date.parse(by.at)),
              action: by.to !== null ? t(`status.${by.to}`) : actionLabel(by.action)
            })}
      </div>
      <div className="held__next" data-testid="conflict-next">
        {t(story.next === 'retry' ? 'conflict.nextRetry' : 'conflict.nextDiscard')}
      </div>
    </div>
  )
}
