// Renders whichever panel is open, for the case it was opened on (looked up live, so the panel
// sends with the case's current version). Case panels come from panel-registry.tsx.
import { t } from '../../i18n/i18n'
import { useConsole } from '../../state/console-store'
import { selectProjectedCase } from '../../state/optimistic'
import { useUi } from '../ui-store'
import { HandoverPanel } from '../lead/HandoverPanel'
import { CommandPalette } from '../palette/CommandPalette'
import { MetricsPanel } from '../../metrics/MetricsPanel'
import { DailyReportView } from '../../print/DailyReportView'
import { ConfirmClaim } from './ConfirmClaim'
import { FindPanel } from './FindPanel'
import { HelpOverlay } from './HelpOverlay'
import { Modal } from './Modal'
import { CASE_PANELS } from './panel-registry'
import { SettingsPanel } from '../../settings/SettingsPanel'
import { GridsPanel } from '../../grids/GridsPanel'
import { FunctionalGridsPanel } from '../../functional-grids/FunctionalGridsPanel'

export function PanelHost() {
  const panel = useUi((s) => s.panel)
  const incidentId = panel && 'incidentId' in panel ? panel.incidentId : null
  // The case as shown (issue 16): a panel opened on a case with pending commands sends on the version
  // the hub will hold once they land (派遣 after a queued 立案 expects the accept's version).
  const incident = useConsole((s) => selectProjectedCase(s, incidentId)?.summary ?? null)
  if (!panel) return null
  if (panel.kind === 'help') return <HelpOverlay />
  if (panel.kind === 'palette') return <CommandPalette />
  if (panel.kind === 'find') return <FindPanel />
  if (panel.kind === 'metrics') return <MetricsPanel />
  if (panel.kind === 'dailyReport') return <DailyReportView />
  if (panel.kind === 'grids') return <GridsPanel />
  if (panel.kind === 'functionalGrids') return <FunctionalGridsPanel />
  if (panel.kind === 'settings') return <SettingsPanel />
  if (panel.kind === 'handover') return <HandoverPanel view={panel.view} />
  if (!incident) {
    return (
      <Modal title={t('panel.caseGone')} hint={t('help.close')} focusSelf>
        <p className="modal__body">{t('panel.caseGone')}</p>
      </Modal>
    )
  }
  if (panel.kind === 'confirm') return <ConfirmClaim incident={incident} command={panel.command} />
  return CASE_PANELS[panel.kind](incident)
}
