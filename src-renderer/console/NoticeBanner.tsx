// Notices from the hub (maintenance, alerts) as a dismissible banner under the status bar.
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'

export function NoticeBanner() {
  const notices = useConsole((s) => s.notices)
  const dismiss = useConsole((s) => s.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="notices" role="status">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.level}`}>
          <span className="notice__level">{t(`notice.${notice.level}`)}</span>
          <span className="notice__text">{notice.text}</span>
          <button type="button" className="notice__dismiss" onClick={() => dismiss(notice.id)}>
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  )
}
