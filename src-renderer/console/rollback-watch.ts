// Rollback made visible (issue 16): a command shown as done in the optimistic view that the hub then
// refuses (or that is held: failed, conflict) drops out of the view, so the case goes back to what the
// hub holds. This says so in the flash, with what was rolled back and why; it replaces any earlier
// "已提交" flash, which must never stand for a held command.
import type { OutboxEntry } from '../../src-shared/api'
import { isPendingState } from '../../src-shared/domain'
import { t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import { commandLabel, errorText } from './commands'
import { setFlash } from './ui-store'

/** Entries that were pending in `before` and are held (failed or conflict) in `after`. */
export function newlyHeld(before: readonly OutboxEntry[], after: readonly OutboxEntry[]): OutboxEntry[] {
  const wasPending = new Set(before.filter((e) => isPendingState(e.state)).map((e) => e.command.commandId))
  return after.filter((e) => !isPendingState(e.state) && wasPending.has(e.command.commandId))
}

/** The flash text for one rolled-back command: what, why, and the case's real status. */
export function rollbackText(entry: OutboxEntry, realStatus: string | null): string {
  const cmd = commandLabel(entry.command.type)
  const reason = entry.error ? errorText(entry.error) : t('rollback.conflict')
  return realStatus === null ? t('rollback.flashNoCase', { cmd, reason }) : t('rollback.flash', { cmd, reason, status: realStatus })
}

/** Follows the outbox and flashes every rollback; returns the unsubscribe. */
export function watchRollbacks(): () => void {
  return useConsole.subscribe((state, prev) => {
    if (state.outbox === prev.outbox) return
    const held = newlyHeld(prev.outbox, state.outbox)
    const last = held.at(-1)
    if (last === undefined) return
    const id = last.command.incidentId
    const real = last.current ?? (id === undefined ? undefined : state.incidents.get(id))
    setFlash(rollbackText(last, real ? t(`status.${real.status}`) : null), 'error')
  })
}
