// The top bar in plain words: the link to the hub and the last contact, commands waiting, who is
// signed in and in which role, the demo marker, the clock (in the centre's time zone) and the
// language switch. The sync position and the hub's address are for whoever supports the hall: they
// sit in the details popover (StatusDetails), reachable with Tab + Enter.
import type { ConsoleStatus } from '../../src-shared/api'
import { isPendingState } from '../../src-shared/domain'
import { getLocale, t } from '../i18n/i18n'
import { applySettings, useConsole } from '../state/console-store'
import { useConsoleContext } from './console-context'
import { centreOffsetMinutes, formatAgo, formatClock, formatOffset } from './format'
import { useNow } from './hooks'
import { presenceIsStale } from './OfflineBanner'
import { HandoverBadge } from './lead/HandoverBadge'
import { StatusDetails } from './StatusDetails'

/** "name · role", once only when a demo account is simply named after its role. */
function userLabel(name: string, role: string): string {
  return name === role ? role : `${name} · ${role}`
}

export function StatusBar() {
  const status = useConsole((s) => s.status)
  // Waiting to be sent, as the offline banner counts them: a held command is not waiting (it is shown
  // with its reason in the held box until the person resends or drops it).
  const outboxCount = useConsole((s) => s.outbox.filter((e) => isPendingState(e.state)).length)
  const carrierUp = useConsole((s) => s.carrierUp)
  // Seats are the people at consoles; field gateways and the district's link also show in presence.
  const seats = useConsole((s) => s.presence.consoles.filter((c) => c.role === 'dispatcher' || c.role === 'lead').length)
  const now = useNow(1000)
  const staleSeats = useConsole((s) => presenceIsStale(s.status?.connection ?? null, s.carrierUp))
  const { api } = useConsoleContext()

  const switchLocale = (): void => {
    // Apply the answer at once; the settings event (to other windows too) carries the same value.
    api
      .updateSettings({ locale: getLocale() === 'zh-CN' ? 'en-US' : 'zh-CN' })
      .then((result) => {
        if (result.ok) applySettings(result.value)
      })
      .catch(() => undefined)
  }

  return (
    <header className="status-bar" role="banner">
      <h1 className="status-bar__title">{t('app.title')}</h1>
      {carrierUp ? null : (
        <span className="conn conn--offline" data-testid="carrier-down">
          <span className="conn__dot" aria-hidden="true" />
          {t('conn.carrierDown')}
        </span>
      )}
      {status ? <StatusItems status={status} outboxCount={outboxCount} now={now} /> : null}
      {seats > 0 ? (
        <span className={`status-bar__item status-bar__muted${staleSeats ? ' status-bar__stale' : ''}`} data-testid="seats" data-stale={staleSeats}>
          {staleSeats ? t('presence.stale', { n: seats }) : t('bar.seats', { n: seats })}
        </span>
      ) : null}
      <HandoverBadge />
      <span className="status-bar__spacer" />
      <span className="status-bar__clock" aria-live="off" data-testid="clock" title={t('time.zoneTitle', { offset: formatOffset(centreOffsetMinutes()) })}>
        {formatClock(now)}
      </span>
      <span className="status-bar__item status-bar__muted status-bar__zone">{t('time.zone', { offset: formatOffset(centreOffsetMinutes()) })}</span>
      <button type="button" className="status-bar__locale" title={t('bar.switchLocaleTitle')} onClick={switchLocale}>
        {t('bar.switchLocale')}
      </button>
    </header>
  )
}

function StatusItems({ status, outboxCount, now }: { status: ConsoleStatus; outboxCount: number; now: number }) {
  const lastContact =
    status.lastContactAt === null
      ? t('bar.neverContacted')
      : t('bar.lastContact', { ago: formatAgo(Math.max(0, now - Date.parse(status.lastContactAt))) })
  return (
    <>
      <span className={`conn conn--${status.connection}`} data-testid="connection" title={t(`bar.link.${status.connection}`)}>
        <span className="conn__dot" aria-hidden="true" />
        {t(`conn.${status.connection}`)}
      </span>
      <span className="status-bar__item">{lastContact}</span>
      <span
        className={`status-bar__item${outboxCount > 0 ? ' status-bar__warn' : ''}`}
        data-testid="outbox-count"
        title={outboxCount > 0 ? t('bar.waiting', { n: outboxCount }) : t('bar.waitingNone')}
      >
        {t('bar.outbox', { n: outboxCount })}
      </span>
      {status.hubRefusal !== null ? (
        <span className="status-bar__item status-bar__alert" data-testid="hub-refusal">
          {t(`bar.refusal.${status.hubRefusal}`)}
        </span>
      ) : null}
      {status.rejectedChanges > 0 ? (
        <span className="status-bar__item status-bar__alert" title={t('bar.rejectedTitle', { n: status.rejectedChanges })}>
          {t('bar.rejected', { n: status.rejectedChanges })}
        </span>
      ) : null}
      <span className="status-bar__item">
        {status.user ? userLabel(status.user.name, t(`role.${status.user.role}`)) : t('bar.noUser')}
        {status.access === 'viewer' ? <span className="badge badge--muted">{t('bar.readOnly')}</span> : null}
      </span>
      {status.demo ? <span className="badge badge--demo">{t('bar.demo')}</span> : null}
      <StatusDetails status={status} />
      {status.storage ? (
        <span
          className="status-bar__item status-bar__alert status-bar__storage"
          role="alert"
          data-testid="storage-alarm"
          data-kind={status.storage.kind}
          title={t('storage.barTitle', { since: formatClock(Date.parse(status.storage.since)), message: status.storage.message })}
        >
          {t('storage.bar', { kind: t(`storage.kind.${status.storage.kind}`) })}
        </span>
      ) : null}
      {status.cacheNotice ? (
        <span className="status-bar__item status-bar__warn">{t('bar.cacheNotice', { path: status.cacheNotice.movedTo })}</span>
      ) : null}
    </>
  )
}
