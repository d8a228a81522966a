// The console's offline banner (issue 16): when the link to the hub is unstable or down, a line across
// the console says so, how long since the hub was last heard from, and how many commands wait. The
// small 离线 dot in the status bar was easy to miss while working on through an outage.
import type { ConnectionState, OutboxEntry } from '../../src-shared/api'
import { isPendingState } from '../../src-shared/domain'
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import { formatAgo } from './format'
import { useNow } from './hooks'

export type OfflineBannerModel = {
  level: 'degraded' | 'offline'
  /** Milliseconds since the hub was last heard from, or null when it never was. */
  sinceContactMs: number | null
  /** Commands still to be sent (queued or in flight; held ones wait for the person, not the link). */
  waiting: number
}

/** Null while online or still connecting for the first time (the boot screen says that). */
export function offlineBannerModel(
  connection: ConnectionState | null,
  lastContactAt: string | null,
  outbox: readonly Pick<OutboxEntry, 'state'>[],
  now: number
): OfflineBannerModel | null {
  if (connection !== 'degraded' && connection !== 'offline') return null
  const last = lastContactAt === null ? Number.NaN : Date.parse(lastContactAt)
  return {
    level: connection,
    sinceContactMs: Number.isFinite(last) ? Math.max(0, now - last) : null,
    waiting: outbox.filter((e) => isPendingState(e.state)).length
  }
}

/** Presence is only as fresh as the link: offline or unstable, the seat count is last known, not live. */
export function presenceIsStale(connection: ConnectionState | null, carrierUp: boolean): boolean {
  return !carrierUp || connection === 'offline' || connection === 'degraded'
}

export function OfflineBanner() {
  const connection = useConsole((s) => s.status?.connection ?? null)
  const lastContactAt = useConsole((s) => s.status?.lastContactAt ?? null)
  const outbox = useConsole((s) => s.outbox)
  const now = useNow(1000)
  const model = offlineBannerModel(connection, lastContactAt, outbox, now)
  if (model === null) return null
  return (
    <div className={`offline-banner offline-banner--${model.level}`} role="status" data-testid="offline-banner" data-level={model.level}>
      <strong>{t(`offline.${model.level}`)}</strong>
      <span>
        {model.sinceContactMs === null ? t('offline.neverContact') : t('offline.lastContact', { ago: formatAgo(model.sinceContactMs) })}
      </span>
      <span data-testid="offline-waiting">{model.waiting > 0 ? t('offline.waiting', { n: model.waiting }) : t('offline.none')}</span>
      <span className="offline-banner__hint">{t('offline.hint')}</span>
    </div>
  )
}
