// The seat's commands, each declared once: its keys, its names, what it does, and which domain
// commands it sends (so whether it is allowed is asked of src-shared/domain, never written here).
// The key bindings (tinykeys), the help sheet, the detail pane's key hints, the command palette
// and the panel host all derive from this list. To add a command: one entry here, plus its panel
// in panels/panel-registry.tsx when it opens one (typecheck fails until both exist).
import type { QueueFilter, QueueJump } from '../../src-shared/domain/queue-order'
import type { CommandType } from '../../src-shared/protocol'
import type { MessageKey } from '../i18n/messages'

/** Case panels are named after the command they send. */
export type CasePanelKind =
  | 'dispatch'
  | 'escalate'
  | 'reject'
  | 'verify'
  | 'urge'
  | 'note'
  | 'suspend'
  | 'extend'
  | 'reopen'
  | 'merge'
  | 'sign'
  | 'return'
  | 'feedback'

export type KeyAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'center' }
  | { type: 'accept' }
  /** c: claim a free case, release one this console holds. */
  | { type: 'claim' }
  /** p: suspend (挂账) an open case, resume a suspended one. */
  | { type: 'suspendToggle' }
  /** g: the shift lead's handover (交接班). */
  | { type: 'handover' }
  /** /: go to any case by its code (closed ones too, e.g. to reopen). */
  | { type: 'find' }
  /** q: the metrics view (统计: the centre's figures, drill down to cases). */
  | { type: 'metrics' }
  /** Shift+R: 日报, the day's printable report (issue 10). */
  | { type: 'dailyReport' }
  /** `,`: the settings panel (设置: hub, seat, language, logs, diagnostics). */
  | { type: 'settings' }
  | { type: 'help' }
  | { type: 'palette' }
  /** The map's own views: heat map, basemap chooser. */
  | { type: 'map'; view: 'heat' | 'basemap' | 'gridTypes' }
  /** z (issue 14): the 网格 panel — workload against the grid standards, 清单外派遣. */
  | { type: 'grids' }
  /** Shift+F (issue 14, rev 1.8): the functional grids (功能性网格) panel; a lead creates and ends them there. */
  | { type: 'functionalGrids' }
  | { type: 'open'; panel: CasePanelKind }
  | { type: 'close' }
  | { type: 'outbox'; resolution: 'discard' | 'retry' }
  /** k16a (issue 16): 1–5 filter the queue; Home, End, ], [ jump in it (order and rules: src-shared/domain/queue-order.ts). */
  | { type: 'queueFilter'; filter: QueueFilter }
  | { type: 'jump'; to: QueueJump }

export type CommandEntry = {
  /** Stable id (the palette's item value, tests). */
  id: string
  /** tinykeys bindings ('a', 'Shift+?', '$mod+k'); the first is the one shown. */
  keys: readonly string[]
  /** Short name: the palette's line and the detail pane's hint. */
  label: MessageKey
  /** The help sheet's line. */
  help: MessageKey
  action: KeyAction
  /** The domain commands it may send; permission (role × case state) comes from the domain for these. */
  sends: readonly CommandType[]
  /** Acts on the selected case. */
  needsCase?: boolean
  /** With a panel open (and focus not in a field), this key closes it: `any` panel, or only its own. */
  closes?: 'any' | 'palette'
  /** Works while focus is in a text field (a chord with Ctrl, never a bare letter). */
  whileTyping?: boolean
  /** Offered in the palette (not the keys that only make sense as keys: Esc, the moves). */
  palette?: boolean
  /** Also bound on the wall screen (the wall has no panels, only the map). */
  wall?: boolean
}

const entry = (e: CommandEntry): CommandEntry => ({ palette: true, ...e })

/** Every command of the seat, in the order the help sheet and the palette list them. */
export const COMMAND_REGISTRY: readonly CommandEntry[] = [
  entry({ id: 'move.down', keys: ['j', 'ArrowDown'], label: 'command.moveDown', help: 'help.moveDown', action: { type: 'move', by: 1 }, sends: [], palette: false }),
  entry({ id: 'move.up', keys: ['k', 'ArrowUp'], label: 'command.moveUp', help: 'help.moveUp', action: { type: 'move', by: -1 }, sends: [], palette: false }),
  // k16a (issue 16): the queue's filters (the header's counts) and jumps.
  entry({ id: 'jump.first', keys: ['Home'], label: 'command.jump.first', help: 'help.jump.first', action: { type: 'jump', to: 'first' }, sends: [], palette: false }),
  entry({ id: 'jump.last', keys: ['End'], label: 'command.jump.last', help: 'help.jump.last', action: { type: 'jump', to: 'last' }, sends: [], palette: false }),
  entry({ id: 'jump.nextOverdue', keys: [']'], label: 'command.jump.nextOverdue', help: 'help.jump.nextOverdue', action: { type: 'jump', to: 'nextOverdue' }, sends: [] }),
  entry({ id: 'jump.nextAwaiting', keys: ['['], label: 'command.jump.nextAwaiting', help: 'help.jump.nextAwaiting', action: { type: 'jump', to: 'nextAwaiting' }, sends: [] }),
  entry({ id: 'filter.all', keys: ['1'], label: 'command.filter.all', help: 'help.filter.all', action: { type: 'queueFilter', filter: 'all' }, sends: [] }),
  entry({ id: 'filter.awaiting', keys: ['2'], label: 'command.filter.awaiting', help: 'help.filter.awaiting', action: { type: 'queueFilter', filter: 'awaiting' }, sends: [] }),
  entry({ id: 'filter.overdue', keys: ['3'], label: 'command.filter.overdue', help: 'help.filter.overdue', action: { type: 'queueFilter', filter: 'overdue' }, sends: [] }),
  entry({ id: 'filter.mine', keys: ['4'], label: 'command.filter.mine', help: 'help.filter.mine', action: { type: 'queueFilter', filter: 'mine' }, sends: [] }),
  entry({ id: 'filter.streets', keys: ['5'], label: 'command.filter.streets', help: 'help.filter.streets', action: { type: 'queueFilter', filter: 'streets' }, sends: [] }),
  entry({ id: 'center', keys: ['Enter'], label: 'command.center', help: 'help.center', action: { type: 'center' }, sends: [], needsCase: true }),
  entry({ id: 'accept', keys: ['a'], label: 'cmd.accept', help: 'help.accept', action: { type: 'accept' }, sends: ['accept'], needsCase: true }),
  entry({ id: 'dispatch', keys: ['d'], label: 'cmd.dispatch', help: 'help.dispatch', action: { type: 'open', panel: 'dispatch' }, sends: ['dispatch'], needsCase: true }),
  entry({ id: 'verify', keys: ['v'], label: 'cmd.verify', help: 'help.verify', action: { type: 'open', panel: 'verify' }, sends: ['verify'], needsCase: true }),
  entry({ id: 'urge', keys: ['u'], label: 'cmd.urge', help: 'help.urge', action: { type: 'open', panel: 'urge' }, sends: ['urge'], needsCase: true }),
  entry({ id: 'escalate', keys: ['e'], label: 'cmd.escalate', help: 'help.escalate', action: { type: 'open', panel: 'escalate' }, sends: ['escalate'], needsCase: true }),
  entry({ id: 'reject', keys: ['r'], label: 'cmd.reject', help: 'help.reject', action: { type: 'open', panel: 'reject' }, sends: ['reject'], needsCase: true }),
  entry({ id: 'note', keys: ['n'], label: 'cmd.note', help: 'help.note', action: { type: 'open', panel: 'note' }, sends: ['note'], needsCase: true }),
  entry({ id: 'merge', keys: ['m'], label: 'cmd.merge', help: 'help.merge', action: { type: 'open', panel: 'merge' }, sends: ['merge'], needsCase: true }),
  entry({ id: 'sign', keys: ['i'], label: 'cmd.sign', help: 'help.sign', action: { type: 'open', panel: 'sign' }, sends: ['sign'], needsCase: true }),
  entry({ id: 'return', keys: ['w'], label: 'cmd.return', help: 'help.return', action: { type: 'open', panel: 'return' }, sends: ['return'], needsCase: true }),
  entry({ id: 'feedback', keys: ['f'], label: 'cmd.feedback', help: 'help.feedback', action: { type: 'open', panel: 'feedback' }, sends: ['feedback'], needsCase: true }),
  entry({ id: 'suspend', keys: ['p'], label: 'command.suspendToggle', help: 'help.suspend', action: { type: 'suspendToggle' }, sends: ['suspend', 'resume'], needsCase: true }),
  entry({ id: 'extend', keys: ['t'], label: 'cmd.extend', help: 'help.extend', action: { type: 'open', panel: 'extend' }, sends: ['extend'], needsCase: true }),
  entry({ id: 'reopen', keys: ['o'], label: 'cmd.reopen', help: 'help.reopen', action: { type: 'open', panel: 'reopen' }, sends: ['reopen'], needsCase: true }),
  entry({ id: 'claim', keys: ['c'], label: 'command.claimToggle', help: 'help.claim', action: { type: 'claim' }, sends: ['claim', 'release'], needsCase: true }),
  entry({ id: 'handover', keys: ['g'], label: 'command.handover', help: 'help.handover', action: { type: 'handover' }, sends: [] }),
  entry({ id: 'find', keys: ['/'], label: 'command.find', help: 'help.find', action: { type: 'find' }, sends: [] }),
  entry({ id: 'settings', keys: [','], label: 'command.settings', help: 'help.settings', action: { type: 'settings' }, sends: [] }),
  entry({ id: 'metrics', keys: ['q'], label: 'command.metrics', help: 'help.metrics', action: { type: 'metrics' }, sends: [] }),
  entry({ id: 'dailyReport', keys: ['Shift+R'], label: 'command.dailyReport', help: 'help.dailyReport', action: { type: 'dailyReport' }, sends: [] }),
  entry({ id: 'outbox.discard', keys: ['x'], label: 'command.discard', help: 'help.discard', action: { type: 'outbox', resolution: 'discard' }, sends: [], needsCase: true }),
  entry({ id: 'outbox.retry', keys: ['s'], label: 'command.retry', help: 'help.retry', action: { type: 'outbox', resolution: 'retry' }, sends: [], needsCase: true }),
  // The map's keys: they go through the seat like every other key, so they wait while a panel is open.
  entry({ id: 'map.heat', keys: ['h'], label: 'command.heat', help: 'help.heat', action: { type: 'map', view: 'heat' }, sends: [], wall: true }),
  // Issue 14 (k14): grid types on the map, the 网格 panel.
  entry({ id: 'map.gridTypes', keys: ['y'], label: 'command.gridTypes', help: 'help.gridTypes', action: { type: 'map', view: 'gridTypes' }, sends: [], wall: true }),
  entry({ id: 'grids', keys: ['z'], label: 'command.grids', help: 'help.grids', action: { type: 'grids' }, sends: [] }),
  entry({ id: 'functionalGrids', keys: ['Shift+F'], label: 'command.functionalGrids', help: 'help.functionalGrids', action: { type: 'functionalGrids' }, sends: [] }),
  entry({ id: 'map.basemap', keys: ['b'], label: 'command.basemap', help: 'help.basemap', action: { type: 'map', view: 'basemap' }, sends: [] }),
  entry({ id: 'palette', keys: ['$mod+k', 'l'], label: 'command.palette', help: 'help.palette', action: { type: 'palette' }, sends: [], closes: 'palette', whileTyping: true, palette: false }),
  entry({ id: 'help', keys: ['?', 'Shift+?'], label: 'command.help', help: 'help.help', action: { type: 'help' }, sends: [], closes: 'any' }),
  entry({ id: 'close', keys: ['Escape'], label: 'command.close', help: 'help.close', action: { type: 'close' }, sends: [], palette: false })
]

/** How a binding is written for a person: Ctrl+K, ↓, Esc, ? (not Shift+?). */
export function keyLabel(binding: string): string {
  const parts = binding.split('+')
  const key = parts.pop() ?? binding
  const mods = parts.filter((m) => !(m === 'Shift' && key.length === 1 && key.toLowerCase() === key.toUpperCase()))
  const named: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' }
  const shown = named[key] ?? (key.length === 1 ? key : key)
  return [...mods.map((m) => (m === '$mod' || m === 'Control' ? 'Ctrl' : m)), mods.length > 0 ? shown.toUpperCase() : shown].join('+')
}

/** The distinct keys of an entry as shown (Shift+? and ? are one key). */
export function entryKeyLabels(entry: CommandEntry): string[] {
  return [...new Set(entry.keys.map(keyLabel))]
}

export type KeyContext = {
  /** Focus is in a text field, select or editable element. */
  typing: boolean
  /** The open panel's kind, or null. */
  panel: string | null
}

/** Whether the entry's key acts now, and how: the one rule for every key of the seat. */
export function decide(entry: CommandEntry, ctx: KeyContext): KeyAction | null {
  if (entry.action.type === 'close') return ctx.panel !== null ? entry.action : null
  if (ctx.panel !== null) {
    if (entry.closes === 'palette') return ctx.panel === 'palette' ? { type: 'close' } : null
    if (entry.closes === 'any' && !ctx.typing) return { type: 'close' }
    return null
  }
  if (ctx.typing && !entry.whileTyping) return null
  return entry.action
}

/** The key a domain command is reached by (the detail pane's hints), in registry order. */
export function keyedCommands(registry: readonly CommandEntry[]): { type: CommandType; key: string }[] {
  return registry.flatMap((e) => e.sends.map((type) => ({ type, key: entryKeyLabels(e)[0] ?? '' })))
}
