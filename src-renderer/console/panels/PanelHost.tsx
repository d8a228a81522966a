// Renders whichever panel is open, for the case it was opened on (looked up live, so the panel
// sends with the case's current version).
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { useUi } from '../ui-store'
import { HandoverPanel } from '../lead/HandoverPanel'
import { ConfirmClaim } from './ConfirmClaim'
import { DispatchPicker } from './DispatchPicker'
import { EscalationPanel } from './EscalationPanel'
import { ExtendPanel } from './ExtendPanel'
import { FindPanel } from './FindPanel'
import { HelpOverlay } from './HelpOverlay'
import { MergePanel } from './MergePanel'
import { Modal } from './Modal'
import { TextPanel } from './TextPanel'
import { UnitActionPanel } from './UnitActionPanel'
import { VerifyPanel } from './VerifyPanel'
import { SettingsPanel } from '../../settings/SettingsPanel'

export function PanelHost() {
  const panel = useUi((s) => s.panel)
  const incidentId = panel && 'incidentId' in panel ? panel.incidentId : null
  const incident = useConsole((s) => (incidentId === null ? null : (s.incidents.get(incidentId) ?? null)))
  if (!panel) return null
  if (panel.kind === 'help') return <HelpOverlay />
  if (panel.kind === 'find') return <FindPanel />
  if (panel.kind === 'settings') return <SettingsPanel />
  if (panel.kind === 'handover') return <HandoverPanel view={panel.view} />
  if (!incident) {
    return (
      <Modal title={t('panel.caseGone')} hint={t('help.close')} focusSelf>
        <p className="modal__body">{t('panel.caseGone')}</p>
      </Modal>
    )
  }
  switch (panel.kind) {
    case 'confirm':
      return <ConfirmClaim incident={incident} command={panel.command} />
    case 'dispatch':
      return <DispatchPicker incident={incident} />
    case 'escalate':
      return <EscalationPanel incident={incident} />
    case 'verify':
      return <VerifyPanel incident={incident} />
    case 'extend':
      return <ExtendPanel incident={incident} />
    case 'merge':
      return <MergePanel incident={incident} />
    case 'sign':
    case 'return':
    case 'feedback':
      return <UnitActionPanel key={panel.kind} incident={incident} command={panel.kind} />
    case 'reject':
    case 'urge':
    case 'note':
    case 'suspend':
    case 'reopen':
      return <TextPanel key={panel.kind} incident={incident} command={panel.kind} />
  }
}
