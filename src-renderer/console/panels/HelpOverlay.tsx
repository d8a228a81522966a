// ?: every key of the seat on one screen, read from the command registry.
import { t } from '../../i18n/i18n'
import { COMMAND_REGISTRY, entryKeyLabels } from '../command-registry'
import { Modal } from './Modal'

export function HelpOverlay() {
  return (
    <Modal title={t('help.title')} hint={t('help.typing')} focusSelf wide>
      <dl className="help" data-testid="help-sheet">
        {COMMAND_REGISTRY.map((entry) => (
          <div key={entry.id} className="help__row" data-id={entry.id}>
            <dt>
              {entryKeyLabels(entry).map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(entry.help)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  )
}
