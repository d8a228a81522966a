// The new-urgent-case line over the queue (role=alert) and the sound switch beside the queue title.
import { t } from '../../i18n/i18n'
import { applySettings, useConsole } from '../../state/console-store'
import { useConsoleContext } from '../console-context'
import { dismissUrgentAlert, useUrgentAlert } from './urgent-alert'

export function UrgentAlertLine() {
  const alert = useUrgentAlert((s) => s.alert)
  const select = useConsole((s) => s.select)
  if (!alert) return null
  return (
    <div className="urgent-alert" role="alert" data-testid="urgent-alert">
      <span className="urgent-alert__text">
        {t('queue.urgent.alert', { code: alert.code, title: alert.title })}
        {alert.more > 0 ? ` ${t('queue.urgent.more', { n: alert.more })}` : ''}
      </span>
      <button
        type="button"
        onClick={() => {
          select(alert.id)
          dismissUrgentAlert()
        }}
      >
        {t('queue.urgent.show')}
      </button>
      <button type="button" onClick={dismissUrgentAlert}>
        {t('queue.urgent.dismiss')}
      </button>
    </div>
  )
}

/** The setting `urgentSound` (absent: on), switched here as well as in the settings panel. */
export function UrgentSoundToggle() {
  const on = useConsole((s) => s.settings?.urgentSound !== false)
  const { api } = useConsoleContext()
  const toggle = (): void => {
    api
      .updateSettings({ urgentSound: !on })
      .then((result) => {
        if (result.ok) applySettings(result.value)
      })
      .catch(() => undefined)
  }
  return (
    <button
      type="button"
      className={`queue-sound${on ? ' queue-sound--on' : ''}`}
      data-testid="urgent-sound"
      aria-pressed={on}
      title={t('queue.sound.title')}
      onClick={toggle}
    >
      {on ? t('queue.sound.on') : t('queue.sound.off')}
    </button>
  )
}
