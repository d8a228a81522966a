// The advisory-claim warning: another console claimed this case; Enter goes ahead, Esc cancels.
import type { KeyboardEvent } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import type { CommandType } from '../../../src-shared/protocol'
import { t } from '../../i18n/i18n'
import { commandLabel } from '../commands'
import { useConsoleContext } from '../console-context'
import { formatDateTime } from '../format'
import { Modal } from './Modal'
import { isComposing } from '../../keyboard/composition'

export function ConfirmClaim({ incident, command }: { incident: IncidentSummary; command: CommandType }) {
  const { controller } = useConsoleContext()
  const claim = incident.claimedBy
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key !== 'Enter') return
    event.preventDefault()
    controller.confirm()
  }
  return (
    <Modal title={t('claim.warnTitle')} hint={t('claim.warnHint')} focusSelf onKeyDown={onKeyDown}>
      <p className="modal__body">
        {t('claim.warnBody', {
          name: claim?.name ?? '',
          time: claim ? formatDateTime(claim.at) : '',
          cmd: commandLabel(command)
        })}
      </p>
    </Modal>
  )
}
