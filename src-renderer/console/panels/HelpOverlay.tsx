// ?: every shortcut of the seat on one screen.
import { t } from '../../i18n/i18n'
import { SHORTCUTS } from '../keymap'
import { Modal } from './Modal'

export function HelpOverlay() {
  return (
    <Modal title={t('help.title')} hint={t('help.typing')} focusSelf wide>
      <dl className="help">
        {SHORTCUTS.map((row) => (
          <div key={row.help} className="help__row">
            <dt>
              {row.keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(row.help)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  )
}
