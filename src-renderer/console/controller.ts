// What each shortcut does to the console: moves the selection, opens panels, sends commands
// (after the advisory-claim warning), resolves held commands. Reads the stores; no DOM here.
import type { CommandRequest, ConsoleApi, IncidentSummary } from '../../src-shared/api'
import type { CommandType } from '../../src-shared/protocol'
import { t } from '../i18n/i18n'
import { requestCenter, requestMapView } from '../map/map-bus'
import { useConsole } from '../state/console-store'
import { selectProjectedCase } from '../state/optimistic'
import { selectPendingByIncident } from '../state/selectors'
import {
  allowedFor,
  buildRequest,
  carrierDetail,
  claimedByOther,
  claimToggleType,
  commandLabel,
  errorText,
  mayHandOver,
  sendCommand,
  suspendToggleType
} from './commands'
import { awaitingHandovers } from './lead/handover-model'
import type { KeyAction } from './keymap'
import { currentQueue, jumpInQueue, setQueueFilter } from './queue/queue-view'
import { closePanel, openPanel, setFlash, useUi, type CasePanelKind } from './ui-store'

export type Controller = {
  handleKey(action: KeyAction): void
  /** Send a command from a panel; the panel closes on success and shows the error otherwise. */
  submit(request: CommandRequest): Promise<boolean>
  /**
   * Send several commands of one act in order (a handover split by street); stops at the first
   * refusal and says how many went, so nothing is sent twice when the person tries again.
   */
  submitAll(requests: readonly CommandRequest[], onSent?: (request: CommandRequest) => void): Promise<boolean>
  /** Enter on the claim warning: go on with what was asked. */
  confirm(): void
  move(by: 1 | -1): void
  resolveOutbox(commandId: string, resolution: 'discard' | 'retry'): Promise<void>
}

/** The selected case as shown: the optimistic view (pending commands applied), so keys follow it (issue 16). */
function selected(): IncidentSummary | null {
  const state = useConsole.getState()
  return selectProjectedCase(state, state.selectedId)?.summary ?? null
}

function mayIssue(incident: IncidentSummary, type: CommandType): boolean {
  const { status } = useConsole.getState()
  return allowedFor(incident, status?.user?.role ?? null, status?.access ?? 'viewer').includes(type)
}

/** Online, a command goes out at once; otherwise it waits in the outbox: say which. */
function acceptedText(type: CommandType): string {
  const online = useConsole.getState().status?.connection === 'online'
  return t(online ? 'action.sent' : 'action.queued', { cmd: commandLabel(type) })
}

export function createController(api: ConsoleApi): Controller {
  const sendDirect = async (request: CommandRequest): Promise<void> => {
    const outcome = await sendCommand(api, request)
    if (!outcome.ok) return setFlash(outcome.text, 'error')
    // The hub may have held it already (its answer can beat this reply): then the rollback flash
    // (rollback-watch.ts) stands, and 已提交 must not replace it.
    const id = outcome.entry.command.commandId
    const now = useConsole.getState().outbox.find((e) => e.command.commandId === id)
    if (now === undefined || now.state === 'queued' || now.state === 'sending') setFlash(acceptedText(request.type), 'ok')
  }

  /** Run `go` now, or after the warning when another console holds the claim. */
  const gate = (incident: IncidentSummary, type: CommandType, then: { open: CasePanelKind } | { send: CommandRequest }): void => {
    if (claimedByOther(incident, useConsole.getState().status?.consoleId ?? null, useConsole.getState().status?.user?.id ?? null)) {
      openPanel({ kind: 'confirm', incidentId: incident.id, then, command: type })
    } else if ('open' in then) {
      openPanel({ kind: then.open, incidentId: incident.id })
    } else {
      void sendDirect(then.send)
    }
  }

  /** The selected case, if this command may be issued on it; otherwise says why not. */
  const target = (type: CommandType): IncidentSummary | null => {
    const incident = selected()
    if (!incident) {
      setFlash(t('action.noSelection'), 'error')
      return null
    }
    if (!mayIssue(incident, type)) {
      const access = useConsole.getState().status?.access
      setFlash(access === 'viewer' ? t('error.read_only') : t('action.notAllowed', { cmd: commandLabel(type) }), 'error')
      return null
    }
    return incident
  }

  const move = (by: 1 | -1): void => {
    const state = useConsole.getState()
    // The queue as shown: its filter (keys 1–5) decides what j / k step through.
    const queue = currentQueue()
    if (queue.length === 0) return
    const at = state.selectedId === null ? -1 : queue.findIndex((i) => i.id === state.selectedId)
    const next = at === -1 ? (by === 1 ? 0 : queue.length - 1) : Math.min(queue.length - 1, Math.max(0, at + by))
    const incident = queue[next]
    if (incident) state.select(incident.id)
  }

  const resolveOutbox = async (commandId: string, resolution: 'discard' | 'retry'): Promise<void> => {
    try {
      const result = await api.resolveOutbox(commandId, resolution)
      if (!result.ok) setFlash(t('outbox.resolveFailed', { error: errorText(result.error) }), 'error')
    } catch (err) {
      setFlash(t('error.carrier', { detail: carrierDetail(err) }), 'error')
    }
  }

  const handleKey = (action: KeyAction): void => {
    switch (action.type) {
      case 'move':
        return move(action.by)
      case 'queueFilter':
        return setQueueFilter(action.filter)
      case 'jump': {
        const nowhere = jumpInQueue(action.to)
        if (nowhere !== null) setFlash(nowhere, 'error')
        return
      }
      case 'close':
        return closePanel()
      case 'center': {
        const incident = selected()
        if (incident) requestCenter({ location: incident.location, incidentId: incident.id })
        return
      }
      case 'accept': {
        const incident = target('accept')
        if (incident) gate(incident, 'accept', { send: buildRequest('accept', incident, {}) })
        return
      }
      case 'claim': {
        const incident = selected()
        const type = incident ? claimToggleType(incident, useConsole.getState().status?.consoleId ?? null, useConsole.getState().status?.user?.id ?? null) : 'claim'
        const allowed = target(type)
        if (allowed) gate(allowed, type, { send: buildRequest(type, allowed, {}) })
        return
      }
      case 'suspendToggle': {
        const incident = selected()
        const type = incident ? suspendToggleType(incident) : 'suspend'
        const allowed = target(type)
        if (!allowed) return
        if (type === 'resume') gate(allowed, type, { send: buildRequest('resume', allowed, {}) })
        else gate(allowed, type, { open: 'suspend' })
        return
      }
      case 'handover': {
        const { status, handovers } = useConsole.getState()
        if (!mayHandOver(status?.user?.role ?? null, status?.access ?? 'viewer')) {
          setFlash(status?.access === 'viewer' ? t('error.read_only') : t('handover.leadsOnly'), 'error')
          return
        }
        const waiting = awaitingHandovers(handovers.values(), status?.user?.id ?? null)
        return openPanel({ kind: 'handover', view: waiting.length > 0 ? 'incoming' : 'submit' })
      }
      case 'find':
        return openPanel({ kind: 'find' })
      case 'help':
        return openPanel({ kind: 'help' })
      case 'palette':
        return openPanel({ kind: 'palette' })
      case 'map':
        return requestMapView(action.view)
      case 'metrics':
        return openPanel({ kind: 'metrics' })
      case 'dailyReport':
        return openPanel({ kind: 'dailyReport' })
      case 'grids':
        return openPanel({ kind: 'grids' })
      case 'functionalGrids':
        // Open for every seat: a lead creates and ends there, the others read (the panel says why).
        return openPanel({ kind: 'functionalGrids' })
      case 'settings':
        return openPanel({ kind: 'settings' })
      case 'open': {
        // A case panel is named after the command it sends.
        const type: CommandType = action.panel
        const incident = target(type)
        if (incident) gate(incident, type, { open: action.panel })
        return
      }
      case 'outbox': {
        const incident = selected()
        if (!incident) return setFlash(t('action.noSelection'), 'error')
        const held = (selectPendingByIncident(useConsole.getState()).get(incident.id) ?? []).find(
          (e) => e.state === 'failed' || e.state === 'conflict'
        )
        if (held) void resolveOutbox(held.command.commandId, action.resolution)
        return
      }
    }
  }

  const submit = async (request: CommandRequest): Promise<boolean> => {
    useUi.setState({ busy: true, panelError: null })
    const outcome = await sendCommand(api, request)
    if (outcome.ok) {
      closePanel()
      setFlash(acceptedText(request.type), 'ok')
      return true
    }
    useUi.setState({ busy: false, panelError: outcome.text })
    return false
  }

  const submitAll = async (requests: readonly CommandRequest[], onSent?: (request: CommandRequest) => void): Promise<boolean> => {
    const first = requests[0]
    if (!first) return false
    useUi.setState({ busy: true, panelError: null })
    for (let i = 0; i < requests.length; i++) {
      const request = requests[i] as CommandRequest
      const outcome = await sendCommand(api, request)
      if (outcome.ok) onSent?.(request)
      else {
        const text = i === 0 ? outcome.text : t('action.partial', { sent: i, total: requests.length, error: outcome.text })
        useUi.setState({ busy: false, panelError: text })
        return false
      }
    }
    closePanel()
    setFlash(acceptedText(first.type), 'ok')
    return true
  }

  const confirm = (): void => {
    const panel = useUi.getState().panel
    if (panel?.kind !== 'confirm') return
    if ('open' in panel.then) openPanel({ kind: panel.then.open, incidentId: panel.incidentId })
    else {
      closePanel()
      void sendDirect(panel.then.send)
    }
  }

  return { handleKey, submit, submitAll, confirm, move, resolveOutbox }
}
