// Which component draws each case panel. Typed over every CasePanelKind of the command registry,
// so a registry entry that opens a new panel fails typecheck until its panel is listed here.
import type { ReactElement } from 'react'
import type { IncidentSummary } from '../../../src-shared/api'
import type { CasePanelKind } from '../command-registry'
import { DispatchPicker } from './DispatchPicker'
import { EscalationPanel } from './EscalationPanel'
import { ExtendPanel } from './ExtendPanel'
import { MergePanel } from './MergePanel'
import { TextPanel } from './TextPanel'
import { UnitActionPanel } from './UnitActionPanel'
import { VerifyPanel } from './VerifyPanel'

type Draw = (incident: IncidentSummary) => ReactElement

export const CASE_PANELS: Record<CasePanelKind, Draw> = {
  dispatch: (incident) => <DispatchPicker incident={incident} />,
  escalate: (incident) => <EscalationPanel incident={incident} />,
  verify: (incident) => <VerifyPanel incident={incident} />,
  extend: (incident) => <ExtendPanel incident={incident} />,
  merge: (incident) => <MergePanel incident={incident} />,
  sign: (incident) => <UnitActionPanel key="sign" incident={incident} command="sign" />,
  return: (incident) => <UnitActionPanel key="return" incident={incident} command="return" />,
  feedback: (incident) => <UnitActionPanel key="feedback" incident={incident} command="feedback" />,
  reject: (incident) => <TextPanel key="reject" incident={incident} command="reject" />,
  urge: (incident) => <TextPanel key="urge" incident={incident} command="urge" />,
  note: (incident) => <TextPanel key="note" incident={incident} command="note" />,
  suspend: (incident) => <TextPanel key="suspend" incident={incident} command="suspend" />,
  reopen: (incident) => <TextPanel key="reopen" incident={incident} command="reopen" />
}
