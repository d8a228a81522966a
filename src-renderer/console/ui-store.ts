// The seat's transient UI state: which panel is open, whether it is sending, its error, and the
// one-line flash message under the detail. Kept apart from the console data store on purpose.
import { create } from 'zustand'
import type { CommandRequest } from '../../src-shared/api'
import type { CasePanelKind } from './command-registry'

export type { CasePanelKind }

export type ConfirmNext = { open: CasePanelKind } | { send: CommandRequest }

export type HandoverView = 'submit' | 'incoming'

export type OpenPanel =
  | { kind: CasePanelKind; incidentId: string }
  | { kind: 'help' }
  | { kind: 'palette' }
  | { kind: 'find' }
  | { kind: 'metrics' }
  /** Shift+R (issue 10): the 日报 view. */
  | { kind: 'dailyReport' }
  /** z (issue 14): the 网格 panel. */
  | { kind: 'grids' }
  /** Shift+F (issue 14, rev 1.8): the functional grids panel. */
  | { kind: 'functionalGrids' }
  | { kind: 'settings' }
  | { kind: 'handover'; view: HandoverView }
  | { kind: 'confirm'; incidentId: string; then: ConfirmNext; command: CommandRequest['type'] }

export type Flash = { text: string; tone: 'ok' | 'error'; at: number }

export type UiState = {
  panel: OpenPanel | null
  busy: boolean
  panelError: string | null
  flash: Flash | null
}

export const useUi = create<UiState>()(() => ({ panel: null, busy: false, panelError: null, flash: null }))

export function openPanel(panel: OpenPanel): void {
  useUi.setState({ panel, busy: false, panelError: null })
}

export function closePanel(): void {
  useUi.setState({ panel: null, busy: false, panelError: null })
}

export function setFlash(text: string, tone: Flash['tone']): void {
  useUi.setState({ flash: { text, tone, at: Date.now() } })
}

export function clearFlash(): void {
  useUi.setState({ flash: null })
}
